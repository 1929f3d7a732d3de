package marker

import (
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

func init() {
	register(marker{name: "fix", pattern: true, run: runFix})
}

// runFix: fix("pat", "title fragment", "expected text after applying", …):
// among the code actions for the pattern's range, one whose title contains
// the fragment yields a document containing each expected text.
func runFix(e *Env, n *Note) {
	if len(n.Args) < 2 {
		e.Errorf(n, "needs a pattern and a title fragment")
		return
	}
	var actions []struct {
		Title string
		Edit  struct {
			Changes map[string][]lsptest.TextEdit `json:"changes"`
		}
	}
	e.Client.MustCall("textDocument/codeAction", map[string]any{"textDocument": e.TextDocument(),
		"range": e.Range(n.Start, n.End), "context": map[string]any{"diagnostics": []any{}}}, &actions)
	var titles []string
	found := false
	for _, a := range actions {
		titles = append(titles, a.Title)
		if !strings.Contains(a.Title, n.Args[1]) {
			continue
		}
		found = true
		out := lsptest.ApplyEdits(e.Text, a.Edit.Changes[e.URI], e.Enc)
		for _, want := range n.Args[2:] {
			if !strings.Contains(out, want) {
				e.Errorf(n, "%q: result lacks %q:\n%s", a.Title, want, out)
			}
		}
	}
	if !found {
		e.Errorf(n, "no action titled like %q in %q", n.Args[1], titles)
	}
}
