package main

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// installEffects are the packages whose installation changes a fact.
var installEffects = map[string]func(*facts){
	"bash":         func(f *facts) { f.addShell("bash") },
	"zsh":          func(f *facts) { f.addShell("zsh") },
	"shadow":       func(f *facts) { f.Useradd = true }, // Alpine
	"shadow-utils": func(f *facts) { f.Useradd = true }, // RHEL, Azure Linux
	"passwd":       func(f *facts) { f.Useradd = true }, // Debian
}

var removeEffects = map[string]func(*facts){
	"bash":         func(f *facts) { f.Shells = without(f.Shells, "bash") },
	"zsh":          func(f *facts) { f.Shells = without(f.Shells, "zsh") },
	"shadow":       func(f *facts) { f.Useradd = false },
	"shadow-utils": func(f *facts) { f.Useradd = false },
}

func without(l []string, s string) []string {
	var out []string
	for _, x := range l {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// scanInstalls reads a RUN script for package installs and removals that
// change a fact (bash, zsh, shadow). Packages added to an apk virtual
// group are build dependencies the same script deletes, so they are skipped.
func scanInstalls(f *facts, script string) {
	file, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(script), "")
	if err != nil {
		return
	}
	syntax.Walk(file, func(n syntax.Node) bool {
		call, ok := n.(*syntax.CallExpr)
		if !ok || len(call.Args) < 2 {
			return true
		}
		words := make([]string, 0, len(call.Args))
		for _, w := range call.Args {
			words = append(words, w.Lit())
		}
		pkgs, install := packageArgs(words)
		effects := removeEffects
		if install {
			effects = installEffects
		}
		for _, p := range pkgs {
			if fn := effects[p]; fn != nil {
				fn(f)
			}
		}
		return true
	})
}

// packageArgs returns the packages a package-manager command line installs
// (install true) or removes.
func packageArgs(words []string) (pkgs []string, install bool) {
	var sub string
	switch words[0] {
	case "apk", "apt-get", "apt", "dnf", "microdnf", "yum", "tdnf":
	default:
		return nil, false
	}
	rest := words[1:]
	for _, w := range rest {
		if words[0] == "apk" && (w == "-t" || strings.HasPrefix(w, "--virtual")) {
			return nil, false
		}
	}
	for i, w := range rest {
		if w == "" || strings.HasPrefix(w, "-") {
			continue
		}
		if sub == "" {
			sub = w
			rest = rest[i+1:]
			break
		}
	}
	switch sub {
	case "add", "install":
		install = true
	case "del", "remove", "purge", "erase":
	default:
		return nil, false
	}
	for _, w := range rest {
		if w == "" || strings.HasPrefix(w, "-") {
			continue
		}
		if i := strings.IndexAny(w, "=:<>"); i > 0 {
			w = w[:i]
		}
		pkgs = append(pkgs, w)
	}
	return pkgs, install
}
