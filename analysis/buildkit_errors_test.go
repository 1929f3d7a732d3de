package analysis

import (
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// buildkitErrorOn returns BuildKit's first error on text, as buildkit.go
// meets it: from the parser, the instruction parser, or the converter.
func buildkitErrorOn(t *testing.T, text string) (msg string, line int) {
	t.Helper()
	res, err := parser.Parse(strings.NewReader(text))
	if err != nil {
		first, _, _ := errorLines(err)
		return err.Error(), first
	}
	for _, node := range res.AST.Children {
		if err := checkNode(node); err != nil {
			return err.Error(), node.StartLine
		}
	}
	return buildkitError(t, []byte(text))
}

// Each class of BuildKit's errors names its rule and blames its token;
// the messages are BuildKit's own.
func TestBuildKitErrorClasses(t *testing.T) {
	for _, tc := range []struct {
		text, class, rule, blamed string
		token, suggestion         string
	}{
		{"FROM alpine\nCOPPY a /b\n", "unknown instruction", "UnknownInstruction", "COPPY", "COPPY", "COPY"},
		{"FROM alpine\nRUN --netwrk=none true\n", "unknown flag", "UnknownFlag", "--netwrk=none", "netwrk", "network"},
		{"FROM alpine\nCOPY a\n", "argument count", "InvalidArgumentCount", "a", "", ""},
		{"FROM alpine\nSTOPSIGNAL\n", "argument count", "InvalidArgumentCount", "STOPSIGNAL", "", ""},
		{"FROM alpine\nENV MODE\n", "argument count", "InvalidArgumentCount", "MODE", "", ""},
		{"FROM alpine\nHEALTHCHECK NONE x\n", "too many arguments", "InvalidArgumentCount", "HEALTHCHECK NONE x", "", ""},
		{"FROM alpine\nRUN --mount=type=bogus,target=/x true\n", "mount option", "InvalidMountOption", "type=bogus,target=/x", "", ""},
		{"FROM alpine\nCOPY --chmod=1 --chmod=2 a /b\n", "duplicate flag", "DuplicateFlag", "--chmod=1", "chmod", ""},
		{"FROM alpine\nRUN --network true\n", "flag without value", "InvalidFlagValue", "--network", "network", ""},
		{"FROM alpine\nCOPY --link=yes a /b\n", "flag not boolean", "InvalidFlagValue", "--link=yes", "link", ""},
		{"FROM alpine\nRUN --network=foo true\n", "flag value", "InvalidFlagValue", "foo", "", ""},
		{"FROM alpine\nHEALTHCHECK --retries=-1 CMD true\n", "flag value", "InvalidFlagValue", "-1", "", ""},
		{"FROM alpine AS 1st\n", "stage name", "ParseError", "1st", "", ""},
		{"FROM alpine\nCOPY --from=a:{{ x /y\n", "stage reference", "ParseError", "a:{{", "", ""},
		{"ARG IMG=\nFROM ${IMG}\n", "blank base name", "ParseError", "${IMG}", "", ""},
		{"FROM alpine\nRUN <<EOF\necho\n", "unterminated heredoc", "ParseError", "<<EOF", "", ""},
		{"FROM alpine\nADD --checksum=sha256:abc a /b\n", "other", "ParseError", "sha256:abc", "", ""},
		{"FROM alpine\nONBUILD FROM alpine\n", "other", "ParseError", "ONBUILD FROM alpine", "", ""},
	} {
		msg, line := buildkitErrorOn(t, tc.text)
		if msg == "" {
			t.Errorf("%q: BuildKit reports no error", tc.text)
			continue
		}
		msg = strings.TrimPrefix(msg, "dockerfile parse error on line ")
		d := Parse(tc.text)
		diag := d.errorDiagnostic(msg, line, line)
		class, _ := classify(diag.Message)
		got := d.Text[diag.Span.Start:diag.Span.End]
		if class.name != tc.class || diag.Rule != tc.rule || got != tc.blamed || diag.Data.Token != tc.token || diag.Data.Suggestion != tc.suggestion {
			t.Errorf("%q: BuildKit's %q is class %q, %s on %q, %+v; want %q, %s on %q, token %q, suggestion %q",
				tc.text, diag.Message, class.name, diag.Rule, got, diag.Data, tc.class, tc.rule, tc.blamed, tc.token, tc.suggestion)
		}
		if diag.Localized("ru") != diag.Message || diag.Source != SourceBuildKit || diag.Severity != SeverityError {
			t.Errorf("%q: BuildKit's error must stay BuildKit's, in every language", tc.text)
		}
	}
}
