package main

import (
	"fmt"
	"io"
	"os"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
)

// fixFile applies every preferred fix to one file's text (analysis.FixAll,
// as the editor's source.fixAll does; rules turned off are not fixed), lists each fix on stderr, and
// writes the result: over the file, or to stdout for "-". It returns the
// fixed text, which the report then checks.
func fixFile(path, text string, env analysis.Env, rules analysis.RuleSettings, stdout, stderr io.Writer) (string, error) {
	fixed, applied := analysis.FixAll(text, env, nil, rules) // nil: the offline image table
	name := path
	if path == "-" {
		name = "<stdin>"
	}
	for _, a := range applied {
		fmt.Fprintf(stderr, "%s:%d: fixed %s: %s\n", name, a.Line+1, a.Rule, a.Title)
	}
	if path == "-" {
		_, err := io.WriteString(stdout, fixed)
		return fixed, err
	}
	if fixed == text {
		return text, nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		return text, err
	}
	if err := os.WriteFile(path, []byte(fixed), fi.Mode().Perm()); err != nil {
		return text, err
	}
	return fixed, nil
}
