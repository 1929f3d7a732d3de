package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// The formatter's oracle over real files, in the default and the shell
// style: every file BuildKit parses formats to the same program
// (SameProgram: the same directives and instructions, shell commands with
// equal syntax trees), BuildKit's typed instruction parser accepts the result
// exactly when it accepted the input, formatting twice changes nothing, and no
// instruction needed the formatter's own fallback. testdata/format (samples
// written for the formatter) and the committed testdata/corpus always run;
// ../shared/corpus runs where it is present.

func TestFormatSamples(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "format", "*.Dockerfile"))
	if len(files) == 0 {
		t.Fatal("no samples in testdata/format")
	}
	checkFormatFiles(t, files)
}

func TestFormatCorpus(t *testing.T) {
	checkFormatFiles(t, corpusFiles(t))
}

func checkFormatFiles(t *testing.T, files []string) {
	for _, shell := range []bool{false, true} {
		t.Run(map[bool]string{false: "default", true: "shell"}[shell], func(t *testing.T) {
			t.Parallel()
			checkFormatStyle(t, files, shell)
		})
	}
}

func checkFormatStyle(t *testing.T, files []string, shell bool) {
	opts := FormatOptions{Shell: shell}
	changed, unparsable := 0, 0
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		d := Parse(src)
		f := newFormatter(d, opts)
		out := ApplyEdits(src, f.edits(f.blocks(), 0, d.Lines.Count())) // what Format returns
		if f.fallbacks > 0 {
			t.Errorf("%s (shell %v): %d instructions needed the fallback", p, shell, f.fallbacks)
		}
		if out != src {
			changed++
		}
		if again := formatWith(out, opts); again != out {
			t.Errorf("%s (shell %v): formatting twice changes the text", p, shell)
		}
		before := typedParse(src)
		if before == "parse error" {
			unparsable++
			continue
		}
		if err := SameProgram(src, out); err != nil {
			t.Errorf("%s (shell %v): %v", p, shell, err)
		}
		if after := typedParse(out); after != before {
			t.Errorf("%s (shell %v): BuildKit's instruction parser said %q, after formatting %q", p, shell, before, after)
		}
	}
	t.Logf("shell=%v: %d files, %d changed, %d that BuildKit cannot parse", shell, len(files), changed, unparsable)
}

// typedParse is whether BuildKit's instruction parser accepts text ("" when it
// does), without the line numbers formatting may move.
func typedParse(text string) string {
	res, err := parser.Parse(strings.NewReader(text))
	if err != nil {
		return "parse error"
	}
	if _, _, err := instructions.Parse(res.AST, nil); err != nil {
		return "instruction error"
	}
	return ""
}
