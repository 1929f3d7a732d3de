package marker

import (
	"path/filepath"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

func init() {
	register(marker{name: "diag", pattern: true, run: runDiag})
	register(marker{name: "ignoreExtraDiags", run: func(e *Env, n *Note) {
		stash[diagState](e, "diag").ignoreExtra = true
	}})
	registerCheck(check{name: "diagnostics", run: checkDiags})
}

type diagState struct {
	wants       []*Note
	ignoreExtra bool
}

// runDiag: diag("pat", "Rule"[, "severity"]) expects a diagnostic exactly
// on the pattern; checkDiags matches them once every note has run.
func runDiag(e *Env, n *Note) {
	if len(n.Args) < 2 {
		e.Errorf(n, "needs a pattern and a rule")
		return
	}
	st := stash[diagState](e, "diag")
	st.wants = append(st.wants, n)
}

var severities = map[string]int{"error": 1, "warning": 2, "info": 3, "hint": 4}

// checkDiags matches the document's diagnostics (a pull request) with the
// diag notes one to one: a missing one and a stray one both fail. Cases
// under completion/ and signature/ type half-written lines and, like those
// with ignoreExtraDiags(), are not checked for strays.
func checkDiags(e *Env) {
	st := stash[diagState](e, "diag")
	dir := filepath.Base(filepath.Dir(e.Path))
	ignoreExtra := st.ignoreExtra || dir == "completion" || dir == "signature"
	if len(st.wants) == 0 && ignoreExtra {
		return
	}
	var rep struct {
		Items []lsptest.Diagnostic `json:"items"`
	}
	e.Client.MustCall("textDocument/diagnostic", map[string]any{"textDocument": e.TextDocument()}, &rep)
	used := make([]bool, len(rep.Items))
	for _, n := range st.wants {
		want := e.Range(n.Start, n.End)
		found := false
		for i, d := range rep.Items {
			if used[i] || d.Code != n.Args[1] || d.Range != want {
				continue
			}
			used[i], found = true, true
			if len(n.Args) > 2 {
				if sev, ok := severities[n.Args[2]]; !ok {
					e.Errorf(n, "unknown severity %q (error, warning, info, hint)", n.Args[2])
				} else if d.Severity != sev {
					e.Errorf(n, "severity %d, want %s", d.Severity, n.Args[2])
				}
			}
			break
		}
		if !found {
			var near []string
			for _, d := range rep.Items {
				if d.Range.Start.Line == want.Start.Line {
					near = append(near, d.Code+" at "+d.Range.String())
				}
			}
			e.Errorf(n, "not reported at %v (on that line: %s)", want, strings.Join(near, ", "))
		}
	}
	if ignoreExtra {
		return
	}
	for i, d := range rep.Items {
		if !used[i] {
			e.T.Errorf("unexpected diagnostic %s at %v: %s", d.Code, d.Range, d.Message)
		}
	}
}
