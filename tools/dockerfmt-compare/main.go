// Command dockerfmt-compare counts, over a folder of Dockerfiles, what
// dockerfmt (the formatter Helix and prettier use) and dockerfile-ls fmt (the
// default and the -shell style) do to them:
//
//   - changed: the output differs from the input;
//   - broken: BuildKit parsed the input but not the output, or parses a
//     different number of instructions;
//   - program changed: broken, or BuildKit parses an instruction into a
//     different node (analysis.SameProgram: the same directives, flags,
//     arguments and heredocs, shell commands with equal syntax trees);
//   - not idempotent: formatting the output again changes it;
//   - failed: the formatter exited with an error.
//
// It is a measurement, not a test (BENCHMARKS.md has the table). dockerfmt
// is a peer, never committed:
//
//	npm install --prefix /tmp/peers @reteps/dockerfmt
//	go run ./tools/dockerfmt-compare -dockerfmt /tmp/peers/node_modules/.bin/dockerfmt ../shared/corpus
//
// (The npm package also installs the Go binary itself, under
// node_modules/@reteps/dockerfmt-linux-x64/bin; naming it directly skips
// node's start-up for each of the 2,280 runs.)
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

type formatter struct {
	name   string
	format func(src string) (string, error)
}

type counts struct {
	changed, broken, programChanged, notIdempotent, failed int
	examples                                               map[string][]string
}

func main() {
	dockerfmt := flag.String("dockerfmt", "/tmp/peers/node_modules/.bin/dockerfmt", "the dockerfmt command")
	verbose := flag.Bool("v", false, "list the files behind each count")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: dockerfmt-compare [-dockerfmt PATH] [-v] CORPUS_DIR")
		os.Exit(2)
	}
	files, err := corpus(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	peer := func(args ...string) func(string) (string, error) {
		return func(src string) (string, error) {
			cmd := exec.Command(*dockerfmt, args...)
			cmd.Stdin = strings.NewReader(src)
			var out, errOut bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errOut
			if err := cmd.Run(); err != nil {
				msg, _, _ := strings.Cut(strings.TrimSpace(errOut.String()), "\n")
				return "", fmt.Errorf("%v: %s", err, msg)
			}
			return out.String(), nil
		}
	}
	formatters := []formatter{
		{"dockerfmt (its defaults)", peer()},
		{"dockerfmt -n (final newline)", peer("-n")},
		{"dockerfile-ls fmt", ours(analysis.FormatOptions{})},
		{"dockerfile-ls fmt -shell", ours(analysis.FormatOptions{Shell: true})},
	}
	parsable := 0
	for _, p := range files {
		if parses(p) {
			parsable++
		}
	}
	fmt.Printf("%d files, %d of them parsed by BuildKit\n\n", len(files), parsable)
	fmt.Println("| formatter | files changed | broken (no longer parses, or instruction count differs) | program changed (BuildKit's parse differs) | not idempotent | failed |")
	fmt.Println("|---|---|---|---|---|---|")
	for _, f := range formatters {
		c := measure(f, files)
		fmt.Printf("| %s | %d | %d | %d | %d | %d |\n", f.name, c.changed, c.broken, c.programChanged, c.notIdempotent, c.failed)
		if *verbose {
			for k, v := range c.examples {
				fmt.Fprintf(os.Stderr, "%s, %s:\n  %s\n", f.name, k, strings.Join(v, "\n  "))
			}
		}
	}
}

func ours(opts analysis.FormatOptions) func(string) (string, error) {
	return func(src string) (string, error) {
		return analysis.ApplyEdits(src, analysis.Parse(src).Format(opts)), nil
	}
}

func measure(f formatter, files []string) counts {
	c := counts{examples: map[string][]string{}}
	note := func(kind, p string) { c.examples[kind] = append(c.examples[kind], p) }
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		src := string(b)
		out, err := f.format(src)
		if err != nil {
			c.failed++
			note("failed", p+": "+err.Error())
			continue
		}
		if out != src {
			c.changed++
		}
		if again, err := f.format(out); err != nil || again != out {
			c.notIdempotent++
			note("not idempotent", p)
		}
		before, err := parser.Parse(strings.NewReader(src))
		if err != nil {
			continue // only files BuildKit parses can be broken
		}
		after, err := parser.Parse(strings.NewReader(out))
		if err != nil || len(after.AST.Children) != len(before.AST.Children) {
			c.broken++
			c.programChanged++
			note("broken", p)
			continue
		}
		if err := analysis.SameProgram(src, out); err != nil {
			c.programChanged++
			note("program changed", p+": "+err.Error())
		}
	}
	return c
}

func parses(p string) bool {
	b, err := os.ReadFile(p)
	if err != nil {
		return false
	}
	_, err = parser.Parse(bytes.NewReader(b))
	return err == nil
}

// corpus lists the files under dir except its SOURCES.tsv and README.md.
func corpus(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != "SOURCES.tsv" && d.Name() != "README.md" {
			files = append(files, p)
		}
		return err
	})
	return files, err
}
