// Command rulecount counts, over a folder of Dockerfiles, how often each of
// our rules fires: files and findings, for all files and for those of the
// official images (docker-library and the other publishers of Docker
// Official Images, whose Dockerfiles are written by experts). With -show it
// prints every finding of the named rules with its line, to read a sample.
//
// It is a measurement, not a test (the counts for ../shared/corpus are in the
// closing note of the issue that added the shell-aware rules):
//
//	go run ./tools/rulecount ../shared/corpus
//	go run ./tools/rulecount -show PipefailMissing -official ../shared/corpus
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
)

// official are the repositories of Docker Official Images in the corpus
// (by the file name's "<owner>__<repo>/" prefix).
var official = []string{"docker-library__", "nodejs__docker-node", "nginxinc__docker-nginx", "rust-lang__docker-rust"}

func main() {
	show := flag.String("show", "", "comma-separated rules whose findings to print")
	onlyOfficial := flag.Bool("official", false, "with -show: only the official images' findings")
	source := flag.String("source", "dockerfile-ls", "count the rules of this source (dockerfile-ls, buildkit or all)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: rulecount [-show Rule,…] [-official] DIR")
		os.Exit(2)
	}
	dir := flag.Arg(0)
	shown := map[string]bool{}
	for _, r := range strings.Split(*show, ",") {
		if r != "" {
			shown[r] = true
		}
	}
	type count struct{ files, hits, offFiles, offHits int }
	counts := map[string]*count{}
	total, totalOff := 0, 0
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || strings.HasSuffix(p, ".tsv") || strings.HasSuffix(p, ".md") {
			return err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		off := false
		for _, o := range official {
			off = off || strings.HasPrefix(rel, o)
		}
		total++
		if off {
			totalOff++
		}
		doc := analysis.Parse(string(raw))
		seen := map[string]bool{}
		for _, d := range doc.Diagnostics(nil, nil) {
			if *source != "all" && d.Source != *source {
				continue
			}
			c := counts[d.Rule]
			if c == nil {
				c = &count{}
				counts[d.Rule] = c
			}
			c.hits++
			if off {
				c.offHits++
			}
			if !seen[d.Rule] {
				seen[d.Rule] = true
				c.files++
				if off {
					c.offFiles++
				}
			}
			if shown[d.Rule] && (off || !*onlyOfficial) {
				line := strings.Count(doc.Text[:d.Span.Start], "\n")
				text := doc.Text[d.Span.Start:d.Span.End]
				fmt.Printf("%s:%d: %s: %q\n\t%s\n", rel, line+1, d.Rule, text, lineOf(doc.Text, d.Span.Start))
			}
		}
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if len(shown) > 0 {
		return
	}
	names := make([]string, 0, len(counts))
	for n := range counts {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Printf("%d files (%d official images)\n\n", total, totalOff)
	fmt.Printf("| rule | severity | files | findings | official files | official findings |\n|---|---|---|---|---|---|\n")
	for _, n := range names {
		c := counts[n]
		sev := ""
		if r := analysis.RuleNamed(n); r != nil && r.Meta() != nil {
			sev = r.Meta().Severity
		}
		fmt.Printf("| %s | %s | %d | %d | %d | %d |\n", n, sev, c.files, c.hits, c.offFiles, c.offHits)
	}
}

func lineOf(text string, off int) string {
	s := strings.LastIndexByte(text[:off], '\n') + 1
	e := strings.IndexByte(text[off:], '\n')
	if e < 0 {
		e = len(text) - off
	}
	return strings.TrimSpace(text[s : off+e])
}
