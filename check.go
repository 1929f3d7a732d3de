package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/dockerfile-ls/dockerfile-ls/buildcontext"
	"github.com/dockerfile-ls/dockerfile-ls/docs"
	"github.com/dockerfile-ls/dockerfile-ls/report"
)

// checkCmd lints files and prints the findings; exit 1 when the build would
// fail (or on any finding with --strict).
func checkCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text, json, sarif or github (Actions annotations)")
	strict := fs.Bool("strict", false, "exit 1 on any finding, not only errors")
	locale := fs.String("locale", "en", "language of the messages: en or ru (json and sarif keep the English message and add this one as localizedMessage)")
	useRegistry := fs.Bool("registry", false, "look base images up in their registries (tags, configs, platforms); off: no network")
	insecure := fs.String("registry-insecure", "", "comma-separated registry hosts that may be reached over plain HTTP (loopback always may)")
	fix := fs.Bool("fix", false, "apply every preferred quick fix: write the files (stdin's fixed text goes to stdout and the report to stderr), list the fixes on stderr, report what is left")
	configPath := fs.String("config", "", "project settings file (default: the nearest .dockerfile-ls.yaml up to the repository root)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if !report.Known(*format) {
		fmt.Fprintf(stderr, "dockerfile-ls check: unknown --format %q (text, json, sarif or github)\n", *format)
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "dockerfile-ls check: no files given (use - for stdin)")
		return 2
	}
	reg := newCheckRegistry(*useRegistry, *insecure)
	if reg != nil {
		defer reg.Close()
	}
	var results []report.File
	failed := false
	project := newProjectSettings(*configPath, stderr)
	localeSet := false
	fs.Visit(func(f *flag.Flag) { localeSet = localeSet || f.Name == "locale" })
	ignores := buildcontext.NewCache(64, 1<<20) // files in one directory share a .dockerignore
	paths, err := expandPaths(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "dockerfile-ls check: %v\n", err)
		return 2
	}
	for _, path := range paths {
		var data []byte
		var err error
		var env analysis.Env
		set := project.forPath(path)
		if path == "-" {
			data, err = io.ReadAll(stdin)
			if wd, werr := os.Getwd(); werr == nil {
				env = buildcontext.New(buildcontext.Dir(filepath.Join(wd, "-"), set.Context, wd), "", ignores)
			}
		} else {
			data, err = os.ReadFile(path)
			env = buildcontext.New(buildcontext.Dir(path, set.Context, ""), filepath.Base(path), ignores)
		}
		if err != nil {
			fmt.Fprintf(stderr, "dockerfile-ls check: %v\n", err)
			failed = true
			continue
		}
		text := string(data)
		if *fix && !project.failed { // a wrong project file: nothing is written
			if text, err = fixFile(path, text, env, set.RuleSettings(), stdout, stderr); err != nil {
				fmt.Fprintf(stderr, "dockerfile-ls check: %v\n", err)
				failed = true
			}
		}
		file := report.File{Path: path, Text: text, Diagnostics: set.RuleSettings().Apply(checkDiagnostics(text, env, reg))}
		if !localeSet && set.Locale != "auto" {
			file.Lang = docs.LangFor(set.Locale)
		}
		results = append(results, file)
	}
	if project.failed {
		return 2 // a project file is wrong: fix it before trusting the findings
	}
	reportTo := stdout
	if *fix && slices.Contains(paths, "-") {
		reportTo = stderr // stdout carries the fixed text
	}
	if err := report.Write(reportTo, *format, buildVersion(), docs.LangFor(*locale), results); err != nil {
		fmt.Fprintf(stderr, "dockerfile-ls check: %v\n", err)
		return 1
	}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if d.Severity == analysis.SeverityError || *strict {
				failed = true
			}
		}
	}
	if failed {
		return 1
	}
	return 0
}

// expandPaths replaces each directory argument by the Dockerfiles under it
// (Dockerfile, Containerfile, *.Dockerfile, *.dockerfile, Dockerfile.*,
// Containerfile.*), skipping .git, node_modules and vendor.
func expandPaths(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		fi, err := os.Stat(a)
		if a == "-" || err != nil || !fi.IsDir() {
			out = append(out, a) // reading reports a missing file
			continue
		}
		err = filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				switch d.Name() {
				case ".git", "node_modules", "vendor":
					return filepath.SkipDir
				}
				return nil
			}
			if isDockerfileName(d.Name()) {
				out = append(out, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func isDockerfileName(name string) bool {
	lower := strings.ToLower(name)
	for _, base := range []string{"dockerfile", "containerfile"} {
		if lower == base || strings.HasPrefix(lower, base+".") {
			return true
		}
	}
	return strings.HasSuffix(lower, ".dockerfile")
}
