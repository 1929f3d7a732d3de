package analysis

import (
	"fmt"
	"strings"

	"github.com/distribution/reference"
	"github.com/dockerfile-ls/dockerfile-ls/imagedb"
)

// This file is what hover says about what an image contains, from its
// ImageSource: the facts under the reference's parts, and the variables a
// stage gets from its base image.

// maxHoverEnv bounds the ENV lines a hover lists.
const maxHoverEnv = 40

// distroNames are the distributions as people write them.
var distroNames = map[string]string{
	"alpine": "Alpine", "debian": "Debian", "ubuntu": "Ubuntu", "rhel": "Red Hat UBI",
	"azurelinux": "Azure Linux", "amazonlinux": "Amazon Linux", "oraclelinux": "Oracle Linux",
	"fedora": "Fedora", "centos": "CentOS", "rockylinux": "Rocky Linux", "almalinux": "AlmaLinux",
	"photon": "Photon OS", "archlinux": "Arch Linux", "busybox": "BusyBox", "windows": "Windows",
}

// writeImageFacts writes what im contains: system, package managers,
// shell, user, working directory, entrypoint and command, ports, ENV.
func writeImageFacts(b *strings.Builder, im *imagedb.Image, named reference.Named, lang string) {
	fmt.Fprintf(b, "**%s**\n\n", msg(lang, "image.inside"))
	system := "Linux"
	if im.OS == imagedb.Windows {
		system = "Windows"
	}
	distro := msg(lang, "image.nodistro")
	if name, ok := distroNames[im.Distro]; ok {
		distro = name
	} else if im.Distro != "" {
		distro = im.Distro
	}
	if im.Release != "" {
		distro += " " + im.Release
	}
	if im.Distro != "windows" && !im.ConfigOnly { // a registry's config alone does not say
		system += ", " + distro
	} else if im.Release != "" {
		system += " " + im.Release
	}
	row := func(key, value string) { fmt.Fprintf(b, "| %s | %s |\n", msg(lang, key), value) }
	b.WriteString("| | |\n|---|---|\n")
	row("image.os", system)
	pms := msg(lang, "image.none")
	if l := im.PackageManagers.List(); len(l) > 0 {
		names := make([]string, len(l))
		for i, p := range l {
			names[i] = "`" + packageCommand(p) + "`"
		}
		pms = strings.Join(names, ", ")
	}
	if !im.ConfigOnly {
		row("image.packages", pms)
	}
	switch {
	case im.ConfigOnly:
		// Only the config is known (a registry's answer for an image the
		// table does not know): what is installed is unknown, not absent.
	case im.Shell != nil:
		shell := "`" + strings.Join(im.Shell, " ") + "`"
		if len(im.Shells) > 0 {
			shell += " (" + strings.Join(im.Shells, ", ") + ")"
		}
		row("image.shell", shell)
	case im.HasShell():
		row("image.shell", msg(lang, "image.shellelsewhere", strings.Join(im.Shells, ", ")))
	default:
		row("image.shell", msg(lang, "image.noshell"))
	}
	user := im.User
	if user == "" {
		user = "root"
	}
	row("image.user", "`"+user+"`")
	wd := im.WorkDir
	if wd == "" {
		wd = "/"
	}
	row("image.workdir", "`"+wd+"`")
	if len(im.Entrypoint) > 0 {
		row("image.entrypoint", "`"+jsonList(im.Entrypoint)+"`")
	}
	if len(im.Cmd) > 0 {
		row("image.cmd", "`"+jsonList(im.Cmd)+"`")
	}
	if len(im.Expose) > 0 {
		row("image.expose", "`"+strings.Join(im.Expose, "`, `")+"`")
	}
	writeImageEnv(b, im, lang)
	tag := "latest"
	if t, ok := named.(reference.Tagged); ok {
		tag = t.Tag()
	}
	if im.Exact {
		fmt.Fprintf(b, "\n%s\n", msg(lang, "image.exact", im.Source))
	} else if p := imagedb.TagPattern(im.Repository, tag); p != "" {
		fmt.Fprintf(b, "\n%s\n", msg(lang, "image.pattern", p))
	}
}

// writeImageEnv lists the variables of the image config (those the
// Dockerfile's expansion sees) and, apart, those Windows provides.
func writeImageEnv(b *strings.Builder, im *imagedb.Image, lang string) {
	var config, os []string
	for _, e := range im.Env {
		line := e.Name
		if e.Value != "" {
			line += "=" + e.Value
		}
		if e.FromOS {
			os = append(os, e.Name)
		} else {
			config = append(config, line)
		}
	}
	if len(config) > 0 {
		fmt.Fprintf(b, "\n%s\n\n```\n", msg(lang, "image.env"))
		for i, line := range config {
			if i == maxHoverEnv {
				fmt.Fprintf(b, "%s\n", msg(lang, "image.more", len(config)-i))
				break
			}
			b.WriteString(line + "\n")
		}
		b.WriteString("```\n")
	}
	if len(os) > 0 {
		fmt.Fprintf(b, "\n%s `%s`\n", msg(lang, "image.osenv"), strings.Join(os, "`, `"))
	}
}

// packageCommand is the command people type for a package manager.
func packageCommand(p imagedb.PackageManager) string {
	if p == imagedb.Apt {
		return "apt-get"
	}
	return p.String()
}

// jsonList writes a command as its exec form.
func jsonList(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = fmt.Sprintf("%q", a)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// hoverImageVar explains a variable the Dockerfile does not define but the
// stage's base image does; ok=false when it does not either.
func (d *Document) hoverImageVar(ins *Instruction, v *VarRef, lang string, images ImageSource) (string, bool) {
	st := d.StageOf(ins)
	if st == nil || ins.Cmd == "FROM" {
		return "", false
	}
	base, _ := d.BaseImage(st, images)
	if base.Image == nil {
		return "", false
	}
	e, ok := base.Image.LookupEnv(v.Name)
	if !ok {
		return "", false
	}
	var b strings.Builder
	fmt.Fprintf(&b, " — %s\n\n", VarImageEnv)
	if e.Value != "" {
		fmt.Fprintf(&b, "%s\n\n", msg(lang, "var.value", e.Value))
	}
	if e.FromOS {
		fmt.Fprintf(&b, "%s", msg(lang, "var.osenv", base.Ref))
	} else {
		fmt.Fprintf(&b, "%s", msg(lang, "var.image", base.Ref))
	}
	if e.Varies {
		fmt.Fprintf(&b, "\n\n%s", msg(lang, "var.varies"))
	}
	return b.String(), true
}
