package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/aymanbagabas/go-udiff"
	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/dockerfile-ls/dockerfile-ls/config"
	"github.com/editorconfig/editorconfig-core-go/v2"
)

// fmtCmd formats Dockerfiles: to stdout, in place (-write), as a unified
// diff (-d), or only lists the files that need it (-check, exit 1).
// Directories are searched for Dockerfiles as check does.
func fmtCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fmt", flag.ContinueOnError)
	fs.SetOutput(stderr)
	write := fs.Bool("write", false, "rewrite the files in place")
	check := fs.Bool("check", false, "list files that are not formatted and exit 1 if any")
	diff := fs.Bool("d", false, "print a unified diff of the changes instead of the formatted text")
	shell := fs.Bool("shell", false, "print RUN commands with the shell formatter, one command per line")
	indent := fs.String("indent", "4", `continuation indent: a number of spaces or "tab" (default: .editorconfig, else 4)`)
	blank := fs.Int("blank", 1, "most blank lines in a row")
	configPath := fs.String("config", "", "project settings file for format.shell and format.maxBlankLines (default: the nearest .dockerfile-ls.yaml up to the repository root)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "dockerfile-ls fmt: no files given (use - for stdin)")
		return 2
	}
	if *write && (*check || *diff) {
		fmt.Fprintln(stderr, "dockerfile-ls fmt: -write excludes -check and -d")
		return 2
	}
	base := analysis.FormatOptions{Shell: *shell, MaxBlankLines: *blank}
	if *blank == 0 {
		base.MaxBlankLines = -1
	}
	if set["indent"] {
		ind, ok := parseIndent(*indent)
		if !ok {
			fmt.Fprintf(stderr, "dockerfile-ls fmt: -indent %q: want a number of spaces or \"tab\"\n", *indent)
			return 2
		}
		base.Indent = ind
	}
	paths, err := expandPaths(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "dockerfile-ls fmt: %v\n", err)
		return 1
	}
	code := 0
	project := newProjectSettings(*configPath, stderr)
	for _, path := range paths {
		opts := withProjectFormat(base, project.forPath(path).Format, set)
		if project.failed {
			return 2 // a project file is wrong: fix it before formatting by it
		}
		var data []byte
		if path == "-" {
			data, err = io.ReadAll(stdin)
		} else {
			data, err = os.ReadFile(path)
		}
		if err != nil {
			fmt.Fprintf(stderr, "dockerfile-ls fmt: %v\n", err)
			code = 1
			continue
		}
		if path != "-" {
			opts = withEditorconfig(path, opts, set, stderr)
		}
		src := string(data)
		out := analysis.ApplyEdits(src, analysis.Parse(src).Format(opts))
		switch {
		case *check || *diff:
			if out == src {
				continue
			}
			if *diff {
				io.WriteString(stdout, udiff.Unified("a/"+filepath.ToSlash(path), "b/"+filepath.ToSlash(path), src, out))
			} else {
				fmt.Fprintln(stdout, path)
			}
			if *check {
				code = 1
			}
		case *write && path != "-":
			if out != src {
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					fmt.Fprintf(stderr, "dockerfile-ls fmt: %v\n", err)
					code = 1
				}
			}
		default:
			io.WriteString(stdout, out)
		}
	}
	return code
}

// parseIndent reads "tab" or a number of spaces.
func parseIndent(s string) (string, bool) {
	if strings.EqualFold(s, "tab") {
		return "\t", true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 16 {
		return "", false
	}
	return strings.Repeat(" ", n), true
}

// withEditorconfig applies the .editorconfig sections that match path
// (indent_style, indent_size, tab_width, insert_final_newline) to what the
// command line did not set.
func withEditorconfig(path string, opts analysis.FormatOptions, set map[string]bool, stderr io.Writer) analysis.FormatOptions {
	abs, err := filepath.Abs(path)
	if err != nil {
		return opts
	}
	def, err := editorconfig.GetDefinitionForFilename(abs)
	if err != nil {
		fmt.Fprintf(stderr, "dockerfile-ls fmt: .editorconfig: %v\n", err)
		return opts
	}
	if def.TabWidth > 0 {
		opts.TabWidth = def.TabWidth
	}
	if !set["indent"] {
		switch def.IndentStyle {
		case editorconfig.IndentStyleTab:
			opts.Indent = "\t"
		case editorconfig.IndentStyleSpaces:
			opts.Indent = strings.Repeat(" ", 4)
			if n, err := strconv.Atoi(def.IndentSize); err == nil && n > 0 {
				opts.Indent = strings.Repeat(" ", n)
			} else if def.TabWidth > 0 {
				opts.Indent = strings.Repeat(" ", def.TabWidth)
			}
		default:
			if n, err := strconv.Atoi(def.IndentSize); err == nil && n > 0 {
				opts.Indent = strings.Repeat(" ", n)
			}
		}
	}
	if def.InsertFinalNewline != nil && !*def.InsertFinalNewline {
		opts.NoFinalNewline = true
	}
	return opts
}

// withProjectFormat takes the project file's format options where the
// command line set none.
func withProjectFormat(opts analysis.FormatOptions, f config.Format, set map[string]bool) analysis.FormatOptions {
	if !set["shell"] {
		opts.Shell = f.Shell
	}
	if !set["blank"] {
		opts.MaxBlankLines = f.MaxBlankLines
		if f.MaxBlankLines == 0 {
			opts.MaxBlankLines = -1 // none
		}
	}
	return opts
}
