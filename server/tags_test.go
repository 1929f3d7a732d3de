package server

import "testing"

// Tags come from the rule that reported a diagnostic: MaintainerDeprecated
// is deprecated code, the other findings carry none.
func TestDiagnosticTagsComeFromTheRule(t *testing.T) {
	c := startServer(t)
	c.initialize(map[string]any{"capabilities": map[string]any{"textDocument": map[string]any{"diagnostic": map[string]any{}}}})
	const uri = "file:///w/Dockerfile"
	c.Open(uri, "FROM alpine AS Base\nMAINTAINER me\n")
	var rep struct {
		Items []struct {
			Code string `json:"code"`
			Tags []int  `json:"tags"`
		} `json:"items"`
	}
	c.MustCall("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}}, &rep)
	got := map[string][]int{}
	for _, d := range rep.Items {
		got[d.Code] = d.Tags
	}
	if tags, ok := got["MaintainerDeprecated"]; !ok || len(tags) != 1 || tags[0] != 2 {
		t.Errorf("MaintainerDeprecated tags = %v, want [2] (deprecated)", tags)
	}
	if tags, ok := got["StageNameCasing"]; !ok || len(tags) != 0 {
		t.Errorf("StageNameCasing tags = %v (present %v), want none", tags, ok)
	}
}
