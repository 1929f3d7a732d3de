package analysis

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// The package-cache checks: ApkCacheKept (apk add without --no-cache) and
// PipCacheKept (pip install without --no-cache-dir). Both caches end up in
// the layer unless the command skips them, the RUN removes them, a cache
// mount holds them or, for pip, PIP_NO_CACHE_DIR is set.

// apkValued are apk's global options that take the next word.
var apkValued = map[string]bool{"-X": true, "--repository": true, "-p": true, "--root": true,
	"--arch": true, "--cache-dir": true, "--keys-dir": true, "--repositories-file": true, "--timeout": true}

func checkApkCacheKept(r *Rule, d *Document, _ func(*Instruction) bool) []Diagnostic {
	var out []Diagnostic
	for _, s := range d.runScripts() {
		kept := func() bool { // asked only when there is an apk add to report
			return d.shipped(s.stage) && !d.mountsCacheAt(s.ins, "/var/cache/apk", "/etc/apk/cache") &&
				!removes(s, "/var/cache/apk", "/etc/apk/cache")
		}
		for _, c := range s.calls() {
			if c.name != "apk" {
				continue
			}
			args := c.lits()
			sub, at := subcommand(args, apkValued)
			if sub != "add" || hasArg(args, "--no-cache") || hasArg(args, "--no-network") || !kept() {
				continue
			}
			span := s.span(int(c.nameWord.Pos().Offset()), int(c.args[at].End().Offset()))
			out = append(out, r.report(span, false, Data{Token: sub}, ""))
		}
	}
	return out
}

// versioned reports whether name is base with an optional version suffix:
// pip, pip3, pip3.12; python, python3, python3.12.
func versioned(name, base string) bool {
	v, ok := strings.CutPrefix(name, base)
	return ok && strings.Trim(v, "0123456789.") == "" && !strings.HasPrefix(v, ".")
}

// pipInstall returns the "install" word of a pip install command (pip
// install, pip3 install, python3 -m pip install), or nil.
func pipInstall(c *shellCall) (install *syntax.Word, args []string) {
	if !versioned(c.name, "pip") && !versioned(c.name, "python") {
		return nil, nil
	}
	args = c.lits()
	switch {
	case versioned(c.name, "pip"):
	case versioned(c.name, "python"):
		i := 0
		for i < len(args) && strings.HasPrefix(args[i], "-") && args[i] != "-m" {
			i++
		}
		if i+1 >= len(args) || args[i] != "-m" || args[i+1] != "pip" {
			return nil, nil
		}
		args = args[i+2:]
		c = &shellCall{args: c.args[i+2:]}
	default:
		return nil, nil
	}
	sub, at := subcommand(args, map[string]bool{"--cache-dir": true, "--log": true, "--proxy": true, "--retries": true, "--timeout": true, "--exists-action": true, "--trusted-host": true, "--cert": true, "--client-cert": true, "--python": true})
	if sub != "install" {
		return nil, nil
	}
	return c.args[at], args
}

func checkPipCacheKept(r *Rule, d *Document, _ func(*Instruction) bool) []Diagnostic {
	var out []Diagnostic
	for _, s := range d.runScripts() {
		for _, c := range s.calls() {
			install, args := pipInstall(c)
			if install == nil || pipNoCacheDir(args) || assigns(c.call, "PIP_NO_CACHE_DIR") ||
				!d.shipped(s.stage) || d.pipCacheHandled(s) {
				continue
			}
			span := s.span(int(c.nameWord.Pos().Offset()), int(install.End().Offset()))
			out = append(out, r.report(span, false, Data{Token: "install"}, ""))
		}
	}
	return out
}

// pipNoCacheDir reports --no-cache-dir, or an abbreviation pip's option
// parser accepts for it (--no-cache).
func pipNoCacheDir(args []string) bool {
	for _, a := range args {
		name, _, _ := strings.Cut(a, "=")
		if len(name) >= len("--no-cache") && strings.HasPrefix("--no-cache-dir", name) {
			return true
		}
	}
	return false
}

// pipCacheHandled reports whether pip's cache stays out of s's layer
// without --no-cache-dir: PIP_NO_CACHE_DIR in the stage (ENV, ARG, or
// exported in the script), a cache mount on the cache directory, or the
// RUN removing it.
func (d *Document) pipCacheHandled(s *runScript) bool {
	if _, ok := d.Var(s.ins, "PIP_NO_CACHE_DIR"); ok || exports(s, "PIP_NO_CACHE_DIR") {
		return true
	}
	dirs := []string{"/root/.cache/pip"}
	if v, ok := d.Var(s.ins, "PIP_CACHE_DIR"); ok && v.Value != "" {
		dirs = append(dirs, path.Clean(v.Value))
	}
	if v, ok := d.Var(s.ins, "HOME"); ok && v.Value != "" {
		dirs = append(dirs, path.Join(v.Value, ".cache/pip"))
	}
	if d.mountsCacheAt(s.ins, dirs...) || removes(s, dirs...) {
		return true
	}
	for _, c := range s.calls() {
		if args := c.lits(); versioned(c.name, "pip") && len(args) > 1 && args[0] == "cache" && args[1] == "purge" {
			return true
		}
		for _, a := range c.lits() {
			if strings.Contains(a, "/.cache/pip") && c.name == "rm" {
				return true // rm -rf ~/.cache/pip, $HOME/.cache/pip
			}
		}
	}
	return false
}

// hasArg reports whether args contain want.
func hasArg(args []string, want string) bool {
	for _, a := range args {
		if a == want {
			return true
		}
	}
	return false
}

// assigns reports whether the command sets name for itself (NAME=v cmd,
// env NAME=v cmd).
func assigns(ce *syntax.CallExpr, name string) bool {
	for _, a := range ce.Assigns {
		if a.Name != nil && a.Name.Value == name {
			return true
		}
	}
	for _, w := range ce.Args {
		if v, ok := wordLit(w); ok && strings.HasPrefix(v, name+"=") {
			return true
		}
	}
	return false
}

// exports reports whether the script sets name for what follows: "export
// NAME=…" or a bare "NAME=…" assignment.
func exports(s *runScript, name string) bool {
	found := false
	if s.file == nil {
		return false
	}
	syntax.Walk(s.file, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.DeclClause:
			for _, a := range n.Args {
				if a.Name != nil && a.Name.Value == name {
					found = true
				}
			}
		case *syntax.CallExpr:
			if len(n.Args) == 0 {
				for _, a := range n.Assigns {
					if a.Name != nil && a.Name.Value == name {
						found = true
					}
				}
			}
		}
		return !found
	})
	return found
}
