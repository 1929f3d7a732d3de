package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
)

// fmtCmd formats Dockerfiles: to stdout, in place (--write), or only
// reports files that need it (--check, exit 1).
func fmtCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fmt", flag.ContinueOnError)
	fs.SetOutput(stderr)
	write := fs.Bool("write", false, "rewrite the files in place")
	check := fs.Bool("check", false, "list files that are not formatted and exit 1 if any")
	indent := fs.Int("indent", 4, "spaces before continuation lines")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "dockerfile-ls fmt: no files given (use - for stdin)")
		return 2
	}
	if *write && *check {
		fmt.Fprintln(stderr, "dockerfile-ls fmt: --write and --check exclude each other")
		return 2
	}
	opts := analysis.FormatOptions{Indent: fmt.Sprintf("%*s", *indent, "")}
	code := 0
	for _, path := range fs.Args() {
		var data []byte
		var err error
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
		src := string(data)
		out := analysis.ApplyEdits(src, analysis.Parse(src).Format(opts))
		switch {
		case *check:
			if out != src {
				fmt.Fprintln(stdout, path)
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
