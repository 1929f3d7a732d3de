package analysis

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
)

// corpusFiles returns the real-world Dockerfiles of ../shared/corpus, or
// skips the test where the corpus is absent (a user's clone has none).
func corpusFiles(t testing.TB) []string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("skipping the corpus tests: they read ../shared/corpus (a directory named shared/corpus beside the repository checkout, not in it), " +
			"the developers' collection of ~570 real-world Dockerfiles with a SOURCES.tsv of where each came from; " +
			"to run them, put at least 500 Dockerfiles there (any layout) and run: go test ./analysis/ -run Corpus")
	}
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != "SOURCES.tsv" && d.Name() != "README.md" {
			files = append(files, p)
		}
		return nil
	})
	if len(files) < 500 {
		t.Fatalf("found only %d corpus files", len(files))
	}
	return files
}

// isTemplate reports corpus files that are template sources, not Dockerfiles.
func isTemplate(p string) bool {
	return strings.HasSuffix(p, ".template") || strings.HasSuffix(p, ".j2") ||
		strings.HasSuffix(p, "eng__dockerfile-templates__sdk__Dockerfile.windows")
}

// buildkitError runs BuildKit's own lint and returns its build error (the
// oracle: error severity is for what fails a build).
func buildkitError(t *testing.T, text []byte) (msg string, line int) {
	sm := llb.NewSourceMap(nil, "Dockerfile", "Dockerfile", text)
	sm.Definition = &llb.Definition{}
	res, err := dockerfile2llb.DockerfileLint(context.Background(), text, dockerfile2llb.ConvertOpt{
		SourceMap: sm, MetaResolver: offlineResolver{}, LLBCaps: &allCaps,
	})
	if err != nil {
		t.Fatalf("DockerfileLint: %v", err)
	}
	if res.Error == nil {
		return "", 0
	}
	if rs := res.Error.Location.Ranges; len(rs) > 0 {
		line = int(rs[0].Start.Line)
	}
	return res.Error.Message, line
}

func TestCorpusParsesAndMatchesBuildKitErrors(t *testing.T) {
	for _, p := range corpusFiles(t) {
		name := strings.TrimPrefix(p, filepath.Join("..", "..", "shared", "corpus")+string(filepath.Separator))
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			doc := Parse(string(text))
			diags := doc.Diagnostics(nil)
			for _, d := range diags {
				if d.Span.Start < 0 || d.Span.End > len(doc.Text) || d.Span.End < d.Span.Start {
					t.Errorf("%s: span %v outside the document", d.Rule, d.Span)
				}
				if docs.Ref().Rule(d.Rule) == nil {
					t.Errorf("rule %s (%q) has no page in docs/", d.Rule, d.Message)
				}
			}
			if isTemplate(p) || len(doc.Instructions()) == 0 {
				return
			}
			bkMsg, bkLine := buildkitError(t, text)
			var ours []Diagnostic
			for _, d := range diags {
				if d.Severity == SeverityError {
					ours = append(ours, d)
				}
			}
			if bkMsg == "" {
				for _, d := range ours {
					l, c := doc.Lines.Position(d.Span.Start)
					t.Errorf("%d:%d: error %s %q, but BuildKit builds this file", l+1, c+1, d.Rule, d.Message)
				}
				return
			}
			for _, d := range ours {
				if doc.Lines.LineOf(d.Span.Start)+1 == bkLine || (bkLine == 0) {
					return
				}
			}
			t.Errorf("BuildKit fails at line %d (%q); we report no error there: %+v", bkLine, bkMsg, ours)
		})
	}
}
