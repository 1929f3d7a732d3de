package marker

import "strings"

func init() {
	register(marker{name: "signature", pattern: true, run: runSignature})
}

// runSignature: signature("pat|", "active form label fragment", "active
// parameter text").
func runSignature(e *Env, n *Note) {
	var sh *struct {
		Signatures []struct {
			Label      string
			Parameters []struct {
				Label [2]int `json:"label"`
			}
		}
		ActiveSignature int `json:"activeSignature"`
		ActiveParameter int `json:"activeParameter"`
	}
	e.Client.MustCall("textDocument/signatureHelp", map[string]any{"textDocument": e.TextDocument(), "position": e.Pos(n.Cursor)}, &sh)
	if sh == nil || len(sh.Signatures) == 0 {
		e.Errorf(n, "no signature")
		return
	}
	if sh.ActiveSignature >= len(sh.Signatures) {
		e.Errorf(n, "activeSignature %d of %d", sh.ActiveSignature, len(sh.Signatures))
		return
	}
	sig := sh.Signatures[sh.ActiveSignature]
	if len(n.Args) > 1 && !strings.Contains(sig.Label, n.Args[1]) {
		e.Errorf(n, "active form %q, want one containing %q", sig.Label, n.Args[1])
	}
	if len(n.Args) > 2 {
		got := ""
		if sh.ActiveParameter < len(sig.Parameters) {
			l := sig.Parameters[sh.ActiveParameter].Label
			if l[0] < 0 || l[0] > l[1] || l[1] > len(sig.Label) {
				e.Errorf(n, "parameter label %v outside %q", l, sig.Label)
				return
			}
			got = sig.Label[l[0]:l[1]]
		}
		if got != n.Args[2] {
			e.Errorf(n, "active parameter %q, want %q (form %q)", got, n.Args[2], sig.Label)
		}
	}
}
