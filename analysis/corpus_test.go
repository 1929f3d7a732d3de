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

// committedCorpus holds short Dockerfiles written for this repository, so
// that the corpus tests run in every clone; sharedCorpus is the real-world
// corpus next to the repository, used as well where present.
var (
	committedCorpus = filepath.Join("testdata", "corpus")
	sharedCorpus    = filepath.Join("..", "..", "shared", "corpus")
)

// corpusFiles returns the committed corpus, then the files of the shared
// one if it is there (a user's clone has none).
func corpusFiles(t testing.TB) []string {
	t.Helper()
	files := walkCorpus(t, committedCorpus)
	if len(files) < 10 {
		t.Fatalf("found only %d files in %s", len(files), committedCorpus)
	}
	if _, err := os.Stat(sharedCorpus); err != nil {
		t.Logf("no %s here: only the %d committed files (the shared corpus is the developers' ~570 real-world Dockerfiles, "+
			"kept beside the checkout, never in it; put 500 or more Dockerfiles there to run these tests on them too)", sharedCorpus, len(files))
		return files
	}
	shared := walkCorpus(t, sharedCorpus)
	if len(shared) < 500 {
		t.Fatalf("found only %d shared corpus files", len(shared))
	}
	return append(files, shared...)
}

func walkCorpus(t testing.TB, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != "SOURCES.tsv" && d.Name() != "README.md" {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	return files
}

// corpusName is a file's subtest name: its path in the shared corpus, or
// testdata/<name> for a committed file.
func corpusName(p string) string {
	if rel, err := filepath.Rel(sharedCorpus, p); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return filepath.ToSlash(filepath.Join("testdata", filepath.Base(p)))
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
	// The committed files must exercise both sides of the oracle: some that
	// BuildKit builds and some it rejects, or agreement would prove little.
	var builds, fails int
	t.Cleanup(func() {
		if committed := len(walkCorpus(t, committedCorpus)); builds+fails < committed {
			return // some were filtered out by -run, or skipped as templates
		}
		if builds == 0 || fails == 0 {
			t.Errorf("the committed corpus has %d files BuildKit builds and %d it rejects; it needs both", builds, fails)
		}
	})
	for _, p := range corpusFiles(t) {
		t.Run(corpusName(p), func(t *testing.T) {
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
			if strings.HasPrefix(p, committedCorpus) {
				if bkMsg == "" {
					builds++
					t.Logf("BuildKit builds it")
				} else {
					fails++
					t.Logf("BuildKit fails at line %d: %s", bkLine, bkMsg)
				}
			}
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
