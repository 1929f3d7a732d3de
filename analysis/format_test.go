package analysis

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

func format(s string) string { return ApplyEdits(s, Parse(s).Format(FormatOptions{})) }

func TestFormat(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"keywords upper", "from alpine\nrun echo\n", "FROM alpine\nRUN echo\n"},
		{"one space after keyword", "RUN    echo  hi\nCOPY\ta b\n", "RUN echo  hi\nCOPY a b\n"},
		{"trailing whitespace and final newline", "FROM a  \nRUN b \\  \n    c", "FROM a\nRUN b \\\n    c\n"},
		{"continuation indent", "RUN a \\\n  && b \\\n\t&& c\n", "RUN a \\\n    && b \\\n    && c\n"},
		{"word joined across lines is kept", "RUN ab\\\ncd\n", "RUN ab\\\ncd\n"},
		{"quoted continuation is kept", "RUN echo \"a \\\n  b\"\n", "RUN echo \"a \\\n  b\"\n"},
		{"heredoc body untouched", "run <<EOF  \n  x  \nEOF\n", "RUN <<EOF\n  x  \nEOF\n"},
		{"onbuild trigger", "onbuild   run  x\n", "ONBUILD RUN x\n"},
		{"unknown instruction kept", "FORM x\n", "FORM x\n"},
		{"comments kept", "# hello   \nFROM a\n", "# hello\nFROM a\n"},
		{"crlf", "from a\r\nrun b\r\n", "FROM a\r\nRUN b\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := format(tc.in)
			if got != tc.want {
				t.Errorf("format(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if again := format(got); again != got {
				t.Errorf("not idempotent: %q then %q", got, again)
			}
		})
	}
}

var spaceRun = regexp.MustCompile(`(\s|\\t)+`)

// astOf is BuildKit's view of a Dockerfile: the node tree with heredocs,
// whitespace runs collapsed (indentation is not meaning).
func astOf(t *testing.T, s string) string {
	res, err := parser.Parse(bytes.NewReader([]byte(s)))
	if err != nil {
		return "error: " + err.Error()
	}
	var b strings.Builder
	for _, n := range res.AST.Children {
		b.WriteString(n.Dump())
		for _, h := range n.Heredocs {
			b.WriteString("<<" + h.Name + ":" + h.Content)
		}
		b.WriteString("\n")
	}
	return spaceRun.ReplaceAllString(b.String(), " ")
}

// TestFormatPreservesMeaningOnCorpus: formatting every corpus file keeps
// BuildKit's parse the same and is idempotent.
func TestFormatPreservesMeaningOnCorpus(t *testing.T) {
	for _, p := range corpusFiles(t) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		got := format(src)
		if before, after := astOf(t, src), astOf(t, got); before != after {
			t.Errorf("%s: formatting changed BuildKit's parse", p)
		}
		if again := format(got); again != got {
			t.Errorf("%s: formatting is not idempotent", p)
		}
	}
}
