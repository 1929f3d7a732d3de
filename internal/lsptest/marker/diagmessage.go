package marker

import (
	"encoding/json"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

func init() {
	register(marker{name: "diagMessage", pattern: true, run: runDiagMessage})
}

// runDiagMessage: diagMessage("pat", "Rule", "fragment", "!absent",
// "buildkit:text", …) expects a diagnostic of that code exactly on the
// pattern whose message (as the client shows it, in the case's language)
// contains each fragment and none of the fragments after '!', and whose
// data.buildkitMessage is exactly the text after "buildkit:". It checks the
// text only; the diag notes still account for every diagnostic.
func runDiagMessage(e *Env, n *Note) {
	if len(n.Args) < 3 {
		e.Errorf(n, "needs a pattern, a rule and a message fragment")
		return
	}
	var rep struct {
		Items []lsptest.Diagnostic `json:"items"`
	}
	e.Client.MustCall("textDocument/diagnostic", map[string]any{"textDocument": e.TextDocument()}, &rep)
	want := e.Range(n.Start, n.End)
	for _, d := range rep.Items {
		if d.Code != n.Args[1] || d.Range != want {
			continue
		}
		var data struct {
			BuildKitMessage string `json:"buildkitMessage"`
		}
		if len(d.Data) > 0 {
			json.Unmarshal(d.Data, &data)
		}
		for _, frag := range n.Args[2:] {
			if bk, ok := strings.CutPrefix(frag, "buildkit:"); ok {
				if data.BuildKitMessage != bk {
					e.Errorf(n, "data.buildkitMessage %q, want %q", data.BuildKitMessage, bk)
				}
				continue
			}
			if absent, ok := strings.CutPrefix(frag, "!"); ok {
				if strings.Contains(d.Message, absent) {
					e.Errorf(n, "message %q contains %q", d.Message, absent)
				}
			} else if !strings.Contains(d.Message, frag) {
				e.Errorf(n, "message %q lacks %q", d.Message, frag)
			}
		}
		return
	}
	e.Errorf(n, "no %s diagnostic at %v", n.Args[1], want)
}
