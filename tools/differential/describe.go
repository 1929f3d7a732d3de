package main

import (
	"fmt"
	"strings"
)

// lineTraits gives findings without a token (symbols, folding,
// diagnostics) the traits of their line's first token.
func lineTraits(fs []finding, toks []token) {
	first := map[int]token{}
	for _, t := range toks {
		if _, ok := first[t.Line]; !ok {
			first[t.Line] = t
		}
	}
	for i := range fs {
		if fs[i].Token != "" {
			continue
		}
		// an empty line takes the traits of the next line with a token
		for l := fs[i].Line - 1; l < fs[i].Line+5; l++ {
			if t, ok := first[l]; ok {
				fs[i].InHeredoc, fs[i].AfterEscapedEscape = t.InHeredoc, t.AfterEscapedEscape
				break
			}
		}
	}
}

func tokenIndex(toks []token) map[[2]int]token {
	index := make(map[[2]int]token, len(toks))
	for _, t := range toks {
		index[[2]int{t.Line, t.Col}] = t
	}
	return index
}

// describeDiff fills OnlyOurs and OnlyTheirs of a set finding, the cursor
// being at cur.
func describeDiff(f *finding, index map[[2]int]token, m *fileModel, cur token) {
	ours, ok1 := rangeList(f.Ours)
	theirs, ok2 := rangeList(f.Theirs)
	if !ok1 || !ok2 || !strings.Contains(f.Class, "definition") && !strings.Contains(f.Class, "highlight") && !strings.Contains(f.Class, "rename") {
		return
	}
	f.OnlyOurs = describeRanges(minus(ours, theirs), index, m, cur)
	f.OnlyTheirs = describeRanges(minus(theirs, ours), index, m, cur)
}

// rangeList reads a set answer (a prepareRename range is a set of one;
// nil, a JSON null read back, is empty).
func rangeList(v any) ([]string, bool) {
	switch v := v.(type) {
	case nil:
		return nil, true
	case []string:
		return v, true
	case string:
		if v == "" {
			return nil, true
		}
		return []string{v}, true
	}
	return nil, false
}

// describeRanges says what each "L:C-L:C[=text]" range points at, by the
// token it starts on (or the nearest before it on its line), and where it
// is from the cursor: above a declaration the cursor is on, in a stage
// built FROM the cursor's (child-stage), in one the cursor's is built FROM
// (parent-stage), in the global scope or in an unrelated stage.
func describeRanges(elems []string, index map[[2]int]token, m *fileModel, cur token) string {
	var out []string
	for _, e := range elems {
		if strings.Contains(e, "#") {
			out = append(out, "other-file")
			continue
		}
		var l1, c1, l2, c2 int
		if n, _ := fmt.Sscanf(e, "%d:%d-%d:%d", &l1, &c1, &l2, &c2); n != 4 {
			continue
		}
		d := "?"
		for c := c1 - 1; c >= 0; c-- {
			if t, ok := index[[2]int{l1 - 1, c}]; ok {
				d = t.Kind
				if t.Flag != "" {
					d += "@" + t.Flag
				}
				if t.SelfRef {
					d += " selfref"
				}
				if t.Modified {
					d += " modified"
				}
				if t.Instr != "" {
					d += " " + t.Instr
				}
				if t.InHeredoc {
					d += " heredoc"
				}
				if t.MultiKey {
					d += " multi-arg"
				}
				if t.Literal {
					d += " literal"
				}
				break
			}
		}
		if l1 == l2 && c1 == c2 {
			d += " zero-width"
		}
		if cur.DeclKey && l1-1 < cur.Line {
			d += " above"
		}
		if l1-1 == cur.Line && c1-1 <= cur.Col && cur.Col < c2-1 {
			d += " self"
		}
		if m != nil {
			es, cs := m.byLine[l1-1], m.byLine[cur.Line]
			switch {
			case es == cs:
			case es == -1:
				d += " global"
			case m.ancestor(es, cs):
				d += " child-stage"
			case m.ancestor(cs, es):
				d += " parent-stage"
			case m.related(es, cs):
				d += " sibling-stage"
			default:
				d += " other-stage"
			}
		}
		out = append(out, d)
	}
	return strings.Join(sortedSet(out), "; ")
}
