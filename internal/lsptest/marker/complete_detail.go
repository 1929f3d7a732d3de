package marker

import "strings"

func init() {
	register(marker{name: "completeDetail", pattern: true, run: runCompleteDetail})
}

// runCompleteDetail: completeDetail("pat|", "label", "fragment", …): the
// item labelled label is offered and its detail contains each fragment.
func runCompleteDetail(e *Env, n *Note) {
	if len(n.Args) < 3 {
		e.Errorf(n, "needs pattern, label and detail fragments")
		return
	}
	for _, it := range completions(e, n) {
		if it.Label != n.Args[1] {
			continue
		}
		for _, want := range n.Args[2:] {
			if !strings.Contains(it.Detail, want) {
				e.Errorf(n, "detail of %q is %q, lacks %q", it.Label, it.Detail, want)
			}
		}
		return
	}
	e.Errorf(n, "no item %q", n.Args[1])
}
