package analysis

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// answer renders everything Diagnostics says about a document.
func answer(d *Document) string {
	var b strings.Builder
	for _, g := range d.Diagnostics(nil) {
		fmt.Fprintln(&b, g.Span, g.Severity, g.Rule, g.Message, g.Localized("ru"))
	}
	return b.String()
}

// TestCorpusSameTextSameAnswer analyses every corpus file twice: BuildKit's
// map-ordered suggestions and concurrently resolved base images once made
// the answers differ between runs.
func TestCorpusSameTextSameAnswer(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	for _, p := range corpusFiles(t) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := answer(Parse(string(b))), answer(Parse(string(b))); a != b {
			t.Errorf("%s: two runs differ:\n%s\n---\n%s", p, a, b)
		}
	}
}

// TestSuggestionTiesGoAlphabetically pins the re-ranking: among equally
// close candidates, the alphabetically first, in BuildKit's wording.
func TestSuggestionTiesGoAlphabetically(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"FROM a\nN\n", "unknown instruction: N (did you mean ENV?)"},
		{"FROM a\nR\n", "unknown instruction: R (did you mean ARG?)"},
		{"FROM a\napk add x\n", "unknown instruction: apk (did you mean add?)"},
		{"FROM a\nRUNN x\n", "unknown instruction: RUNN (did you mean RUN?)"},
		{"FROM a\nXYZZY\n", "unknown instruction: XYZZY\n"},
		{"ARG AB\nARG AC\nFROM $AD\n", "FROM argument 'AD' is not declared (did you mean AB?)"},
		{"ARG AB\nFROM $TARGETOZ\n", "FROM argument 'TARGETOZ' is not declared (did you mean TARGETOS?)"},
		{"ARG AB=1\nARG XZ=1\nFROM --platform=$XY$AD a\n", "empty platform value from expression $XY$AD (did you mean AB?)"},
		{"ARG AB=1\nARG AC=1\nFROM --platform=linux/$AD a\n", "(did you mean AB?)"},
	} {
		for range 10 {
			if got := answer(Parse(tc.text)); !strings.Contains(got, tc.want) {
				t.Fatalf("%q:\n%s\nwant %q", tc.text, got, tc.want)
			}
		}
	}
}
