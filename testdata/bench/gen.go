//go:build ignore

// gen writes large.Dockerfile, the deterministic 5,000-line Dockerfile of
// the benchmarks, with internal/benchgen (which says what is in it).
//
// Regenerate from the repository root with:
//
//	go run testdata/bench/gen.go
//
// TestBenchFixtures (e2e_test.go) checks that the committed file is current.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/dockerfile-ls/dockerfile-ls/internal/benchgen"
)

// Lines is the exact length of the generated file.
const Lines = 5000

func main() {
	out := flag.String("o", "testdata/bench/large.Dockerfile", "output file")
	flag.Parse()
	if err := os.WriteFile(*out, benchgen.Generate(Lines), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
