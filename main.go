// Command dockerfile-ls is a language server for Dockerfiles and
// Containerfiles, and a CLI over the same analysis for CI.
//
//	dockerfile-ls [serve] [--stdio] [--listen 127.0.0.1:PORT]   run the LSP server
//	dockerfile-ls check [--format text|json|sarif|github] [--strict] [--config FILE] PATH…
//	dockerfile-ls fmt [--write|--check|-d] [--shell] [--indent N|tab] PATH…
//	dockerfile-ls version
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `dockerfile-ls: a language server for Dockerfiles

Usage:
  dockerfile-ls [serve] [--stdio] [--listen 127.0.0.1:PORT] [--allow-remote] [--log-level LEVEL]
  dockerfile-ls check [--format text|json|sarif|github] [--strict] [--locale LANG] [--config FILE] PATH... ('-' reads stdin; directories are walked)
  dockerfile-ls fmt [--write|--check|-d] [--shell] [--indent N|tab] [--blank N] [--config FILE] PATH... (.editorconfig is honoured)
  dockerfile-ls version

serve is the default: the server speaks LSP over stdin/stdout.
check exits 1 when an error-level finding exists (any finding with --strict), 2 on usage errors.
Settings (rules, shellRules, locale, context, format) come from the nearest .dockerfile-ls.yaml
up to the repository root, or --config FILE; flags override them.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches a command line and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serveCmd(args, stdin, stdout, stderr)
	case "check":
		return checkCmd(args, stdin, stdout, stderr)
	case "fmt":
		return fmtCmd(args, stdin, stdout, stderr)
	case "version":
		fmt.Fprintf(stdout, "dockerfile-ls %s\n", buildVersion())
		return 0
	case "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "dockerfile-ls: unknown command %q\n\n%s", cmd, usage)
	return 2
}
