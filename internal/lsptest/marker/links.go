package marker

import (
	"path/filepath"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

func init() {
	register(marker{name: "link", pattern: true, run: func(e *Env, n *Note) {
		if len(n.Args) != 2 {
			e.Errorf(n, "needs a pattern and a target")
			return
		}
		st := stash[[]*Note](e, "link")
		*st = append(*st, n)
	}})
	registerCheck(check{name: "links", run: checkLinks})
}

// linkTarget is the URI a link note expects: "./path" is a file of the
// case's build context.
func (e *Env) linkTarget(target string) string {
	if rel, ok := strings.CutPrefix(target, "./"); ok {
		return "file://" + filepath.ToSlash(filepath.Join(e.Dir, rel))
	}
	return target
}

// checkLinks: in a case with link("pat", "target") notes, the document
// links are exactly those: each on its pattern with its target.
func checkLinks(e *Env) {
	wants := *stash[[]*Note](e, "link")
	if len(wants) == 0 {
		return
	}
	var links []struct {
		Range  lsptest.Range `json:"range"`
		Target string        `json:"target"`
	}
	e.Client.MustCall("textDocument/documentLink", map[string]any{"textDocument": e.TextDocument()}, &links)
	used := make([]bool, len(links))
	for _, n := range wants {
		want, target := e.Range(n.Start, n.End), e.linkTarget(n.Args[1])
		found := false
		for i, l := range links {
			if !used[i] && l.Range == want {
				used[i], found = true, true
				if l.Target != target {
					e.Errorf(n, "target %s, want %s", l.Target, target)
				}
				break
			}
		}
		if !found {
			e.Errorf(n, "no link at %v", want)
		}
	}
	for i, l := range links {
		if !used[i] {
			e.T.Errorf("unexpected link %q at %v to %s", e.Slice(l.Range), l.Range, l.Target)
		}
	}
}
