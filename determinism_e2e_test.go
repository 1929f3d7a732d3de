package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestE2ESameTextSameAnswer opens documents whose suggestions once depended
// on map order in fresh server processes and demands identical diagnostics
// from each: an answer is a pure function of the text, not of the run.
func TestE2ESameTextSameAnswer(t *testing.T) {
	t.Parallel()
	cases := []struct{ text, want string }{
		{"FROM a\nN\n", "did you mean ENV?"},
		{"FROM a\nR\n", "did you mean ARG?"},
		{"FROM a\napk add x\n", "did you mean add?"},
		{"ARG AB\nARG AC\nFROM $AD\n", "did you mean AB?"},
		{"ARG AB=1\nARG XZ=1\nFROM --platform=$XY$AD a\n", "expression $XY$AD (did you mean AB?)"},
	}
	var first string
	for run := range 6 {
		p := spawn(t)
		p.initialize()
		var answer strings.Builder
		for i, c := range cases {
			uri := fmt.Sprintf("file:///w/%d/Dockerfile", i)
			p.Open(uri, c.text)
			pub := p.WaitDiagnostics(0, uri, 1)
			raw, _ := json.Marshal(pub.Diagnostics)
			if !strings.Contains(string(raw), c.want) {
				t.Errorf("run %d, %q: want %q in %s", run, c.text, c.want, raw)
			}
			answer.Write(raw)
		}
		p.stdin.Close()
		if run == 0 {
			first = answer.String()
		} else if answer.String() != first {
			t.Fatalf("run %d answered differently:\n%s\nrun 0:\n%s", run, answer.String(), first)
		}
	}
}
