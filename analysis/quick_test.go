package analysis

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

// quickCases are small files where the quick set and the full one differ:
// BuildKit's checks, its parser's errors, our findings that BuildKit's
// verdict makes errors, "# check=" directives.
var quickCases = map[string]string{
	"checks only":    "FROM alpine as build\nMAINTAINER me\nENV a b\nWORKDIR app\nCMD echo hi\n",
	"parser error":   "FROM alpine\nRUN --nope x\nFORM y\nRUN --mount=type=cache,target=/c,sharing=weird true\n",
	"ours on a fail": "FROM alpine\nCOPY --chmod=999x --frm=a . .\nRUN --mount=type=cach,target=/x true\n",
	"skip":           "# check=skip=all\nFROM alpine\nRUN --mount=type=cache,target=/c,bogus=1 true\nCOPY --frm=a . .\n",
	"error=true":     "# check=error=true\nFROM alpine\nMAINTAINER me\nRUN --mount=type=cache,target=/c,bogus=1 true\n",
	"no stage":       "RUN echo before any FROM\nFROM alpine\n",
	"empty":          "# just a comment\n",
}

// checkQuickSubset fails unless every quick finding is in full with the
// same span, rule and message, at the same severity or a higher one.
func checkQuickSubset(t *testing.T, name string, quick, full []Diagnostic) {
	t.Helper()
	key := func(d Diagnostic) string { return fmt.Sprintf("%v %s %q", d.Span, d.Rule, d.Message) }
	in := map[string]Severity{}
	for _, d := range full {
		if s, ok := in[key(d)]; !ok || d.Severity < s {
			in[key(d)] = d.Severity
		}
	}
	for _, q := range quick {
		s, ok := in[key(q)]
		switch {
		case !ok:
			t.Errorf("%s: quick finding %s %s is not in the full set", name, key(q), q.Severity)
		case q.Severity < s: // lower values are more severe
			t.Errorf("%s: quick finding %s is %s, the full set has it as %s", name, key(q), q.Severity, s)
		}
	}
}

func TestQuickDiagnosticsAreASubset(t *testing.T) {
	texts := map[string]string{}
	for name, text := range quickCases {
		texts[name] = text
	}
	for _, p := range corpusFiles(t) {
		if data, err := os.ReadFile(p); err == nil {
			texts[corpusName(p)] = string(data)
		}
	}
	for name, text := range texts {
		for _, withParser := range []bool{false, true} {
			d := Parse(text)
			quick := d.QuickDiagnostics(nil, nil, withParser)
			if d.buildkitReady.Load() {
				t.Fatalf("%s: QuickDiagnostics ran the checks", name)
			}
			checkQuickSubset(t, name, quick, d.Diagnostics(nil, nil))
			if !withParser {
				for _, q := range quick {
					if q.Severity == SeverityError {
						t.Errorf("%s: without the parser, %s is an error", name, q.Rule)
					}
				}
			}
		}
	}
}

func TestQuickDiagnosticsShowWhatTheyKnow(t *testing.T) {
	d := Parse(quickCases["parser error"])
	got := map[string]Severity{}
	for _, q := range d.QuickDiagnostics(nil, nil, true) {
		got[q.Rule] = q.Severity
	}
	if got["UnknownInstruction"] != SeverityError || got["UnknownFlag"] != SeverityError {
		t.Fatalf("the parser's errors and ours on the instructions it rejects: %v", got)
	}
	d = Parse(quickCases["checks only"])
	if q := d.QuickDiagnostics(nil, nil, true); len(q) != 0 {
		t.Fatalf("BuildKit's checks are not quick: %v", q)
	}
	if full := d.Diagnostics(nil, nil); len(full) == 0 {
		t.Fatal("no findings")
	} else if q := d.QuickDiagnostics(nil, nil, false); len(q) != len(full) {
		t.Fatalf("after the checks ran, the quick set is the full one: %d, want %d", len(q), len(full))
	}
}

func TestCancelledDiagnosticsMemoizeNothing(t *testing.T) {
	d := Parse(quickCases["parser error"])
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := d.DiagnosticsContext(ctx, nil, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: %v", err)
	}
	if d.buildkitReady.Load() {
		t.Fatal("a cancelled run was memoized")
	}
	full, err := d.DiagnosticsContext(context.Background(), nil, nil)
	if err != nil || len(full) == 0 {
		t.Fatalf("after a cancelled run: %v %v", full, err)
	}
	checkQuickSubset(t, "rerun", Parse(quickCases["parser error"]).Diagnostics(nil, nil), full)
}

func TestReleaseKeepsFindingsAndAnswers(t *testing.T) {
	text := "ARG V=1\nFROM alpine AS base\nENV a b\nFROM base AS final\nCOPY --from=base /x /y\n"
	s := NewSnapshot(text)
	if s.Released() {
		t.Fatal("never analysed, so never released")
	}
	s.Release() // nothing to release yet
	want := s.Document().Diagnostics(nil, nil)
	symbols := s.WorkspaceSymbols("")
	before := s.Document()
	s.Release()
	if !s.Released() || s.doc.Load() != nil {
		t.Fatal("Release keeps the Document")
	}
	if got := s.BaseImages(); len(got) != 1 || got[0] != "alpine" {
		t.Fatalf("BaseImages after Release = %v", got)
	}
	if got := s.WorkspaceSymbols(""); fmt.Sprint(got) != fmt.Sprint(symbols) {
		t.Fatalf("WorkspaceSymbols after Release = %v, want %v", got, symbols)
	}
	after := s.Document()
	if after == before || !after.buildkitReady.Load() {
		t.Fatal("a Document made after Release has the findings without running BuildKit")
	}
	if got := after.Diagnostics(nil, nil); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("diagnostics after Release:\n%v\nwant\n%v", got, want)
	}
	if got, want := render(after), render(Parse(text)); got != want {
		t.Fatalf("relexed:\n%s\nparsed:\n%s", got, want)
	}
	// An edit after a Release lexes its version from the text.
	next := s.Apply(nil, 0)
	s.Release()
	if got := next.Document().Text; !strings.HasPrefix(got, "ARG V=1") {
		t.Fatalf("next version: %q", got)
	}
}
