package server

import (
	"slices"
	"testing"
)

// Which kinds of code action a request gets: "only" filters by kind (a
// kind covers its sub-kinds), and the requests an editor makes as the
// cursor moves (triggerKind 2, no "only") get no fix-all, which re-checks
// the document.
func TestCodeActionKinds(t *testing.T) {
	c := startServer(t)
	c.initialize(nil)
	const uri = "file:///w/Dockerfile"
	c.Open(uri, "FROM alpine as Build\nEXPOSE 53/UDP\n")
	kinds := func(context map[string]any) []string {
		context["diagnostics"] = []any{}
		var actions []struct{ Kind string }
		c.MustCall("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri},
			"range":   map[string]any{"start": map[string]any{"line": 0, "character": 0}, "end": map[string]any{"line": 1, "character": 0}},
			"context": context}, &actions)
		var out []string
		for _, a := range actions {
			if !slices.Contains(out, a.Kind) {
				out = append(out, a.Kind)
			}
		}
		return out
	}
	for _, tt := range []struct {
		name    string
		context map[string]any
		want    []string
	}{
		{"no filter", map[string]any{}, []string{"quickfix", "source.fixAll"}},
		{"invoked", map[string]any{"triggerKind": 1}, []string{"quickfix", "source.fixAll"}},
		{"automatic", map[string]any{"triggerKind": 2}, []string{"quickfix"}},
		{"only quickfix", map[string]any{"only": []string{"quickfix"}}, []string{"quickfix"}},
		{"only source", map[string]any{"only": []string{"source"}}, []string{"source.fixAll"}},
		{"only source.fixAll, automatic (on save)", map[string]any{"only": []string{"source.fixAll"}, "triggerKind": 2}, []string{"source.fixAll"}},
		{"only refactor", map[string]any{"only": []string{"refactor"}}, nil},
	} {
		if got := kinds(tt.context); !slices.Equal(got, tt.want) {
			t.Errorf("%s: kinds %v, want %v", tt.name, got, tt.want)
		}
	}
}
