package imagedb

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// fromRef is one FROM line's image reference.
type fromRef struct {
	file, ref string
	expanded  bool // the reference used ARG defaults
}

// corpusFroms returns the external image references of every FROM in
// ../shared/corpus: stage names are left out, and references using ARGs
// are expanded with the ARGs' defaults (expanded set) or left out when a
// variable has no default.
func corpusFroms(t testing.TB) (refs []fromRef, total, stages, templated int) {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no ../shared/corpus here")
	}
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != "SOURCES.tsv" && d.Name() != "README.md" {
			files = append(files, p)
		}
		return nil
	})
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := parser.Parse(bytes.NewReader(data))
		if err != nil {
			continue // deliberately broken files
		}
		lex := shell.NewLex(res.EscapeToken)
		args := map[string]string{}
		names := map[string]bool{}
		seenFrom := false
		for _, n := range res.AST.Children {
			switch strings.ToLower(n.Value) {
			case "arg":
				if seenFrom {
					continue
				}
				for a := n.Next; a != nil; a = a.Next {
					k, v, ok := strings.Cut(a.Value, "=")
					if ok {
						if x, _, err := lex.ProcessWord(v, shell.EnvsFromSlice(envSlice(args))); err == nil {
							args[k] = x
						}
					}
				}
			case "from":
				seenFrom = true
				if n.Next == nil {
					continue
				}
				total++
				ref := n.Next.Value
				isStage := names[strings.ToLower(ref)]
				for k := range stageName(n) {
					names[k] = true // visible from the next FROM on
				}
				if isStage {
					stages++
					continue
				}
				if strings.Contains(ref, "{{") || strings.Contains(ref, "%%") {
					templated++
					continue
				}
				if strings.Contains(ref, "$") {
					res, err := lex.ProcessWordWithMatches(ref, shell.EnvsFromSlice(envSlice(args)))
					x := res.Result
					if err != nil || len(res.Unmatched) > 0 || emptyArg(res.Matched, args) {
						templated++
						continue
					}
					if names[strings.ToLower(x)] {
						stages++
						continue
					}
					refs = append(refs, fromRef{file: f, ref: x, expanded: true})
					continue
				}
				refs = append(refs, fromRef{file: f, ref: ref})
			}
		}
	}
	return refs, total, stages, templated
}

func stageName(n *parser.Node) map[string]bool {
	out := map[string]bool{}
	if strings.EqualFold(n.Value, "from") && n.Next != nil {
		if nx := n.Next.Next; nx != nil && strings.EqualFold(nx.Value, "as") && nx.Next != nil {
			out[strings.ToLower(nx.Next.Value)] = true
		}
	}
	return out
}

// emptyArg reports a reference built from an ARG whose default is empty
// (golang:${GO_VERSION}-alpine with GO_VERSION=""): it names nothing.
func emptyArg(used map[string]struct{}, args map[string]string) bool {
	for k := range used {
		if args[k] == "" {
			return true
		}
	}
	return false
}

func envSlice(m map[string]string) []string {
	var out []string
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	return out
}

// TestCorpusResolution measures how many FROM lines of the corpus the table
// resolves (go test -run Corpus -v prints the figures) and guards the
// share: a change to the matching that loses common images fails here.
func TestCorpusResolution(t *testing.T) {
	refs, total, stages, templated := corpusFroms(t)
	var literal, literalFound, literalExact, expanded, expandedFound int
	missing := map[string]int{}
	for _, r := range refs {
		im, ok := Lookup(r.ref)
		if r.expanded {
			expanded++
		} else {
			literal++
		}
		if !ok {
			name, _ := Canonical(r.ref)
			missing[name]++
			continue
		}
		if r.expanded {
			expandedFound++
			continue
		}
		literalFound++
		if im.Exact {
			literalExact++
		}
	}
	t.Logf("FROM lines %d: %d name an earlier stage, %d use variables without defaults or templates", total, stages, templated)
	t.Logf("literal references %d: resolved %d (%.1f%%; %d by a published tag, %d by pattern)",
		literal, literalFound, 100*float64(literalFound)/float64(literal), literalExact, literalFound-literalExact)
	t.Logf("references expanded with ARG defaults %d: resolved %d", expanded, expandedFound)
	type kv struct {
		k string
		v int
	}
	var miss []kv
	for k, v := range missing {
		miss = append(miss, kv{k, v})
	}
	sort.Slice(miss, func(i, j int) bool { return miss[i].v > miss[j].v || miss[i].v == miss[j].v && miss[i].k < miss[j].k })
	var top []string
	for i, m := range miss {
		if i == 25 {
			break
		}
		top = append(top, m.k+" "+itoa(m.v))
	}
	t.Logf("not resolved, most frequent: %s", strings.Join(top, ", "))
	if share := float64(literalFound) / float64(literal); share < 0.75 {
		t.Errorf("only %.1f%% of literal FROM references resolve", 100*share)
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
