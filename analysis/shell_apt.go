package analysis

import (
	"path"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// The checks of apt-get (and apt) in RUN: AptGetMissingYes,
// AptGetRecommends, AptListsKept, AptGetUpdateAlone, AptGetUpgrade. The
// option semantics are apt-get(8)'s: -y, --yes and --assume-yes answer
// the prompt; quiet level 2 (-qq, -q=2, -q -q) implies -y; -o sets any
// configuration item, e.g. APT::Get::Assume-Yes=true.

// aptCall is one apt-get or apt command: its subcommand and options.
type aptCall struct {
	*shellCall
	sub      string
	subWord  *syntax.Word
	yes      bool // the prompt is answered (-y, -qq, --assume-no, Assume-Yes)
	simulate bool // nothing is done (-s, --dry-run…), so nothing asks
	noRecs   bool // --no-install-recommends or APT::Install-Recommends=false
}

// aptValued are apt-get's options that take the next word as their value.
var aptValued = map[string]bool{"-o": true, "--option": true, "-c": true, "--config-file": true,
	"-t": true, "--target-release": true, "--default-release": true, "-a": true, "--host-architecture": true,
	"-P": true, "--build-profiles": true}

// aptNoAction are the long options that only simulate, so nothing asks.
var aptNoAction = map[string]bool{"--simulate": true, "--just-print": true, "--dry-run": true, "--recon": true,
	"--no-act": true, "--print-uris": true}

// aptPrompts are the subcommands that ask "Do you want to continue?" when
// they change more than was asked for.
var aptPrompts = map[string]bool{"install": true, "reinstall": true, "remove": true, "purge": true,
	"autoremove": true, "upgrade": true, "dist-upgrade": true, "full-upgrade": true, "build-dep": true, "satisfy": true}

// aptInstalls are the subcommands that download packages (and need lists).
var aptInstalls = map[string]bool{"install": true, "reinstall": true, "upgrade": true, "dist-upgrade": true,
	"full-upgrade": true, "build-dep": true, "satisfy": true, "source": true, "download": true}

// aptCalls returns the apt-get and apt commands of s, in source order.
func aptCalls(s *runScript) []*aptCall {
	var out []*aptCall
	for _, c := range s.calls() {
		if c.name != "apt-get" && c.name != "apt" {
			continue
		}
		args := c.lits()
		sub, at := subcommand(args, aptValued)
		if at < 0 {
			continue
		}
		a := &aptCall{shellCall: c, sub: sub, subWord: c.args[at]}
		a.readOptions(args)
		out = append(out, a)
	}
	return out
}

// readOptions reads the options that matter here, wherever they are on
// the command line (apt-get accepts options after the subcommand too).
func (a *aptCall) readOptions(args []string) {
	quiet := 0
	for i := 0; i < len(args); i++ {
		v := args[i]
		next := func() string {
			if i+1 < len(args) {
				i++
				return args[i]
			}
			return ""
		}
		switch {
		case v == "--":
			return
		case v == "--yes" || v == "--assume-yes" || v == "--assume-no":
			a.yes = true
		case aptNoAction[v]:
			a.simulate = true
		case v == "--no-install-recommends":
			a.noRecs = true
		case strings.HasPrefix(v, "--install-recommends="):
			a.noRecs = !aptBool(strings.TrimPrefix(v, "--install-recommends="))
		case v == "--quiet":
			quiet++
		case strings.HasPrefix(v, "--quiet="), strings.HasPrefix(v, "-q="):
			n, _ := strconv.Atoi(v[strings.IndexByte(v, '=')+1:])
			quiet = max(quiet, n)
		case v == "-o" || v == "--option":
			a.option(next())
		case strings.HasPrefix(v, "--option="):
			a.option(strings.TrimPrefix(v, "--option="))
		case strings.HasPrefix(v, "--"):
			if aptValued[v] {
				next()
			}
		case strings.HasPrefix(v, "-") && len(v) > 1:
			// A group of short options: "-qy", "-yqq", "-oKey=value".
			for j := 1; j < len(v); j++ {
				switch v[j] {
				case 'y':
					a.yes = true
				case 's':
					a.simulate = true
				case 'q':
					quiet++
				case 'o':
					if j+1 < len(v) {
						a.option(v[j+1:])
					} else {
						a.option(next())
					}
					j = len(v)
				case 'c', 't', 'a', 'P':
					if j+1 == len(v) {
						next()
					}
					j = len(v)
				}
			}
		}
	}
	if quiet >= 2 {
		a.yes = true // apt-get(8): quiet level 2 implies -y
	}
}

// option applies one "-o Key=Value".
func (a *aptCall) option(kv string) {
	k, v, ok := strings.Cut(kv, "=")
	if !ok {
		return
	}
	switch strings.ToLower(k) {
	case "apt::get::assume-yes":
		a.yes = aptBool(v)
	case "apt::install-recommends":
		a.noRecs = !aptBool(v)
	}
}

// aptBool reads a boolean as APT's configuration does.
func aptBool(v string) bool {
	switch strings.ToLower(strings.Trim(v, `"'`)) {
	case "yes", "true", "with", "on", "enable":
		return true
	}
	n, err := strconv.Atoi(v)
	return err == nil && n != 0
}

// span is "apt-get install": the program through its subcommand.
func (a *aptCall) span(s *runScript) Span {
	return s.span(int(a.nameWord.Pos().Offset()), int(a.subWord.End().Offset()))
}

// answeredByPipe reports whether the call reads "yes" from a pipe ("yes | apt-get install").
func answeredByPipe(s *runScript, c *shellCall) bool {
	found := false
	syntax.Walk(s.file, func(n syntax.Node) bool {
		b, ok := n.(*syntax.BinaryCmd)
		if !ok || found || (b.Op != syntax.Pipe && b.Op != syntax.PipeAll) {
			return !found
		}
		if y, ok := b.Y.Cmd.(*syntax.CallExpr); ok && y == c.call {
			if x, ok := b.X.Cmd.(*syntax.CallExpr); ok && len(x.Args) > 0 && path.Base(x.Args[0].Lit()) == "yes" {
				found = true
			}
		}
		return !found
	})
	return found
}

func checkAptMissingYes(r *Rule, d *Document, _ func(*Instruction) bool) []Diagnostic {
	var out []Diagnostic
	for _, s := range d.runScripts() {
		for _, a := range aptCalls(s) {
			if !aptPrompts[a.sub] || a.yes || a.simulate || answeredByPipe(s, a.shellCall) ||
				d.configured(s, int(a.call.Pos().Offset()), "APT::Get::Assume-Yes") {
				continue
			}
			out = append(out, r.report(a.span(s), false, Data{Token: a.sub}, "", a.name, a.sub))
		}
	}
	return out
}

func checkAptRecommends(r *Rule, d *Document, _ func(*Instruction) bool) []Diagnostic {
	var out []Diagnostic
	for _, s := range d.runScripts() {
		for _, a := range aptCalls(s) {
			if a.sub != "install" || a.noRecs || a.simulate || d.configured(s, int(a.call.Pos().Offset()), "APT::Install-Recommends") {
				continue
			}
			out = append(out, r.report(a.span(s), false, Data{Token: a.sub}, "", a.name))
		}
	}
	return out
}

// checkAptListsKept: a RUN that updates the package lists and installs
// leaves the lists (tens of megabytes) in its layer unless it removes them.
func checkAptListsKept(r *Rule, d *Document, _ func(*Instruction) bool) []Diagnostic {
	var out []Diagnostic
	for _, s := range d.runScripts() {
		var update *aptCall
		installs := false
		for _, a := range aptCalls(s) {
			if a.sub == "update" && update == nil {
				update = a
			}
			installs = installs || aptInstalls[a.sub]
		}
		if update == nil || !installs || !d.shipped(s.stage) ||
			d.mountsCacheAt(s.ins, "/var/lib/apt/lists") || removes(s, "/var/lib/apt/lists") || aptDistClean(s) {
			continue
		}
		out = append(out, r.report(update.span(s), false, Data{Token: update.sub}, "", update.name))
	}
	return out
}

// aptDistClean reports an "apt-get distclean", which removes the lists too.
func aptDistClean(s *runScript) bool {
	for _, a := range aptCalls(s) {
		if a.sub == "distclean" || a.sub == "dist-clean" {
			return true
		}
	}
	return false
}

// checkAptUpdateAlone: "RUN apt-get update" as the last thing a RUN does.
// The layer cache keeps that step while a later RUN's install list
// changes, so the install runs against stale lists and fails to fetch.
func checkAptUpdateAlone(r *Rule, d *Document, _ func(*Instruction) bool) []Diagnostic {
	var out []Diagnostic
	for _, s := range d.runScripts() {
		calls := s.calls()
		var last *shellCall
		for _, c := range calls {
			switch c.name {
			case "echo", "true", ":", "set", "printf":
				continue
			}
			last = c
		}
		if last == nil || (last.name != "apt-get" && last.name != "apt") {
			continue
		}
		for _, a := range aptCalls(s) {
			if a.shellCall.call == last.call && a.sub == "update" {
				out = append(out, r.report(a.span(s), false, Data{Token: a.sub}, "", a.name))
			}
		}
	}
	return out
}

func checkAptUpgrade(r *Rule, d *Document, _ func(*Instruction) bool) []Diagnostic {
	var out []Diagnostic
	for _, s := range d.runScripts() {
		for _, a := range aptCalls(s) {
			switch a.sub {
			case "upgrade", "dist-upgrade", "full-upgrade":
				out = append(out, r.report(a.span(s), false, Data{Token: a.sub}, "", a.name, a.sub))
			}
		}
	}
	return out
}

// removes reports whether s deletes dir (rm -r dir, rm -rf dir/*, find dir
// … -delete), the usual last step of a RUN that installs packages.
func removes(s *runScript, dirs ...string) bool {
	for _, c := range s.calls() {
		args := c.lits()
		switch c.name {
		case "rm":
			for _, a := range args {
				if !strings.HasPrefix(a, "-") && coversDir(a, dirs) {
					return true
				}
			}
		case "find":
			deletes := false
			for _, a := range args {
				deletes = deletes || a == "-delete" || a == "rm"
			}
			if deletes && len(args) > 0 && coversDir(args[0], dirs) {
				return true
			}
		}
	}
	return false
}

// coversDir reports whether the rm operand p removes one of dirs or its
// contents: the directory, "dir/", "dir/*", "dir/**" or a directory above.
func coversDir(p string, dirs []string) bool {
	p = strings.TrimSuffix(strings.TrimSuffix(p, "*"), "*")
	p = path.Clean(p)
	for _, dir := range dirs {
		if p == dir || strings.HasPrefix(dir, p+"/") && p != "/" {
			return true
		}
	}
	return false
}
