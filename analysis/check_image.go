package analysis

import (
	"slices"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/imagedb"
)

// The checks of the image rules (rules_image.go).

// commandImage is the known Linux base image of c's stage, when c can run
// at all there (a shell-form command in an image without a shell is
// NoShellInImage's finding, not another) and the image is written out, not
// an ARG's default that a build may override (a file with one stage per
// distribution, chosen by --build-arg, is correct as it stands).
func (d *Document) commandImage(c runCommand, images ImageSource) (BaseImage, bool) {
	base, _ := d.BaseImage(c.stage, images)
	im := base.Image
	if im == nil || base.Expanded || im.ConfigOnly || im.OS == imagedb.Windows || (!c.ins.IsExecForm() && im.Shell == nil) {
		return base, false
	}
	return base, true
}

// checkPackageManagers reports package manager commands the image lacks
// (PackageManagerMissing): apt-get in Alpine, apk in Debian, dnf in UBI
// minimal.
func checkPackageManagers(r *Rule, d *Document, images ImageSource) []Diagnostic {
	var out []Diagnostic
	type seen struct {
		ins  *Instruction
		name string
	}
	reported := map[seen]bool{} // once per step: the first failure ends it
	for _, c := range d.runCommands() {
		pm, ok := packageCommands[c.name]
		if !ok || reported[seen{c.ins, c.name}] {
			continue
		}
		base, ok := d.commandImage(c, images)
		if !ok || base.Image.PackageManagers.Has(pm) || d.installedBefore(c, c.name) {
			continue
		}
		im := base.Image
		hint, suggestion := r.sub("none"), ""
		if l := im.PackageManagers.List(); len(l) > 0 {
			suggestion = packageCommand(l[0])
			hint = r.sub("use", suggestion)
		}
		reported[seen{c.ins, c.name}] = true
		out = append(out, r.report(c.nameSpan, false, Data{Token: c.name, Suggestion: suggestion}, "", c.name, base.Ref, distroLabel(r, im), hint))
	}
	return out
}

// checkNoShell reports shell forms in stages whose image has no /bin/sh
// (NoShellInImage): RUN fails the build; CMD and ENTRYPOINT fail when the
// container starts. An exec-form RUN is reported only when it names a
// shell the image lacks: any other program may well be there. A SHELL
// instruction makes the shell unknown: no finding.
func checkNoShell(r *Rule, d *Document, images ImageSource) []Diagnostic {
	var out []Diagnostic
	for _, st := range d.Stages() {
		base, _ := d.BaseImage(st, images)
		im := base.Image
		if im == nil || base.Expanded || im.ConfigOnly || im.Shell != nil { // ConfigOnly: the shell is unknown
			continue
		}
		for _, ins := range st.Instructions {
			if (ins.Cmd != "RUN" && ins.Cmd != "CMD" && ins.Cmd != "ENTRYPOINT") || len(ins.Args) == 0 || shellInstructionBefore(ins, st) {
				continue
			}
			switch {
			case ins.IsExecForm():
				if ins.Cmd != "RUN" || len(ins.JSON.Elems) == 0 {
					continue
				}
				prog, isShell := isShellProgram(ins.JSON.Elems[0].Value)
				if isShell && !im.HasShellNamed(prog) {
					out = append(out, r.report(ins.JSON.Elems[0].Span, false, Data{Token: prog}, "exec", base.Ref, prog, ins.Cmd))
				}
			case ins.Cmd == "RUN":
				out = append(out, r.report(ins.Keyword, false, Data{Token: ins.Cmd}, "", base.Ref, ins.Cmd))
			default:
				out = append(out, r.report(ins.Keyword, false, Data{Token: ins.Cmd}, "start", base.Ref, ins.Cmd))
			}
		}
	}
	return out
}

// User tool options by family. BusyBox's adduser takes short options and
// (built with long options, as Alpine's is) a few Debian-style long ones;
// Debian's adduser script takes long options only (-h is its help);
// shadow's useradd, which adduser is on Fedora and RHEL, takes neither
// BusyBox's -D, -S, -H, -h nor Debian's --gecos family.
var (
	busyboxLong = map[string][]string{
		"adduser":  {"home", "gecos", "shell", "ingroup", "system", "disabled-password", "empty-password", "no-create-home", "uid", "skel"},
		"addgroup": {"gid", "system"},
	}
	busyboxShort = map[string]string{"adduser": "DSGHhgsk", "addgroup": "Sg"}
	shadowBad    = map[string]string{"adduser": "DSHh", "addgroup": "S"}
	debianOnly   = []string{"disabled-password", "disabled-login", "gecos", "ingroup", "empty-password", "add_extra_groups", "firstuid", "lastuid", "quiet"}
)

// checkUserCommands reports user tools the image lacks and options of the
// other family (UserCommandSyntax).
func checkUserCommands(r *Rule, d *Document, images ImageSource) []Diagnostic {
	var out []Diagnostic
	for _, c := range d.runCommands() {
		switch c.name {
		case "useradd", "groupadd", "usermod", "userdel", "groupmod", "groupdel", "adduser", "addgroup":
		default:
			continue
		}
		base, ok := d.commandImage(c, images)
		if !ok {
			continue
		}
		im := base.Image
		shadowTool := !strings.HasPrefix(c.name, "add")
		switch {
		case (shadowTool && im.Useradd) || (!shadowTool && im.Adduser != imagedb.NoAdduser):
			// present: check the options below
		case d.rpmInstallBefore(c):
			continue // RPM packages pull shadow-utils in (Requires(pre)) to create their users
		case shadowTool && !d.installedBefore(c, "shadow", "shadow-utils", "passwd"):
			hint := r.sub("installShadow")
			if im.Adduser == imagedb.BusyBoxAdduser {
				hint = r.sub("useBusyBox")
			}
			out = append(out, r.report(c.nameSpan, false, Data{Token: c.name}, "absent", c.name, base.Ref, hint))
			continue
		case !shadowTool && !d.installedBefore(c, "adduser", "shadow", "shadow-utils"):
			hint := r.sub("installShadow")
			if im.Useradd {
				hint = r.sub("useUseradd")
			}
			out = append(out, r.report(c.nameSpan, false, Data{Token: c.name}, "absent", c.name, base.Ref, hint))
			continue
		default:
			continue // installed before
		}
		if !shadowTool {
			if i, other := foreignOption(c, im.Adduser); i >= 0 {
				out = append(out, r.report(c.argSpans[i], false, Data{Token: c.args[i]}, "", c.name, base.Ref, r.sub(im.Adduser.String()), optionName(c.args[i]), r.sub(other)))
			}
		}
	}
	return out
}

// foreignOption finds the first option of c that the image's adduser
// family does not take, and the family it belongs to; -1 when none.
func foreignOption(c runCommand, fam imagedb.Adduser) (int, string) {
	for i, a := range c.args {
		if a == "--" {
			break
		}
		long, isLong := strings.CutPrefix(a, "--")
		short, isShort := strings.CutPrefix(a, "-")
		long, _, _ = strings.Cut(long, "=")
		switch {
		case isLong && fam == imagedb.BusyBoxAdduser && !slices.Contains(busyboxLong[c.name], long):
			return i, "debian"
		case isLong && fam == imagedb.ShadowAdduser && c.name == "adduser" && slices.Contains(debianOnly, long):
			return i, "debian"
		case isShort && !isLong && fam == imagedb.DebianAdduser && strings.ContainsAny(short, busyboxShort[c.name]) && short != "":
			return i, "busybox"
		case isShort && !isLong && fam == imagedb.ShadowAdduser && strings.ContainsAny(short, shadowBad[c.name]) && short != "":
			return i, "busybox"
		}
	}
	return -1, ""
}

// optionName is an option without its "=value".
func optionName(arg string) string {
	name, _, _ := strings.Cut(arg, "=")
	return name
}

// installedBefore reports whether a package manager installed one of pkgs
// (or a package of that name) before c, in c's stage or those it builds on.
func (d *Document) installedBefore(c runCommand, pkgs ...string) bool {
	for _, o := range d.runCommands() {
		if o.ins.Line > c.ins.Line || (o.ins == c.ins && o.nameSpan.Start >= c.nameSpan.Start) {
			break
		}
		if _, ok := packageCommands[o.name]; !ok || !inStageChain(o.stage, c.stage) {
			continue
		}
		for _, a := range o.args {
			if slices.Contains(pkgs, a) {
				return true
			}
		}
	}
	return false
}

// inStageChain reports whether st is stage or one of the stages it builds on.
func inStageChain(st, stage *Stage) bool {
	for s, n := stage, 0; s != nil && n < maxStageChain; s, n = s.Parent, n+1 {
		if s == st {
			return true
		}
	}
	return false
}

// rpmInstallBefore reports whether an RPM package manager installed
// anything before c in its stage chain.
func (d *Document) rpmInstallBefore(c runCommand) bool {
	for _, o := range d.runCommands() {
		if o.ins.Line > c.ins.Line || (o.ins == c.ins && o.nameSpan.Start >= c.nameSpan.Start) {
			break
		}
		switch o.name {
		case "dnf", "microdnf", "yum", "tdnf", "zypper":
			if inStageChain(o.stage, c.stage) && (slices.Contains(o.args, "install") || slices.Contains(o.args, "in")) {
				return true
			}
		}
	}
	return false
}
