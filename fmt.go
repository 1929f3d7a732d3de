package main

import (
	"fmt"
	"io"
)

// fmtCmd formats Dockerfiles.
func fmtCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "dockerfile-ls fmt: not available yet")
	return 2
}
