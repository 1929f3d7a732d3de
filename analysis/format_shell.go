package analysis

import (
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Opt-in shell formatting (FormatOptions.Shell): the command of a shell-form
// RUN, and the script of a RUN whose command is a single heredoc, printed by
// mvdan.cc/sh. A command gets one line per command of its && / || / | / ;
// lists, the operator leading the line:
//
//	RUN apt-get update \
//	    # the comments inside are kept, above the command they preceded
//	    && apt-get install -y \
//	        curl \
//	        git \
//	    && rm -rf /var/lib/apt/lists/*
//
// A line break the author put between two arguments of a command is kept;
// one inside an if, case, loop or group leaves the RUN to the default style,
// as it would otherwise end up on one line. Nothing is printed for a stage whose SHELL is not POSIX, for `# escape=`
// files, for commands mvdan.cc/sh cannot parse, or where a comment could
// not be placed; the caller proves the result with sameProgram.

// shellInstruction returns the block of ins printed in the shell style, given
// the default style's edits for it.
func (f *formatter) shellInstruction(ins *Instruction, edits []TextEdit) (string, bool) {
	if ins.Cmd != "RUN" || ins.IsExecForm() || ins.ArgsText == "" || windowsPath.MatchString(ins.ArgsText) {
		return "", false
	}
	if len(ins.Heredocs) > 0 {
		return f.shellScript(ins, edits)
	}
	return f.shellCommand(ins, edits)
}

// shellLeaf is one command of a list and the operator that joins it to the
// one before ("" for the first, ";" or "&" between statements).
type shellLeaf struct {
	op   string
	stmt *syntax.Stmt
}

func flattenStmts(stmts []*syntax.Stmt) []shellLeaf {
	var out []shellLeaf
	for i, s := range stmts {
		op := ""
		if i > 0 {
			op = ";"
			if p := stmts[i-1]; p.Background || p.Coprocess {
				op = "&"
			}
		}
		out = flattenChain(out, op, s)
	}
	return out
}

func flattenChain(out []shellLeaf, op string, s *syntax.Stmt) []shellLeaf {
	b, ok := s.Cmd.(*syntax.BinaryCmd)
	if ok && !s.Negated && !s.Background && !s.Coprocess && len(s.Redirs) == 0 {
		out = flattenChain(out, op, b.X)
		return flattenChain(out, b.Op.String(), b.Y)
	}
	return append(out, shellLeaf{op, s})
}

// shellJoin is a place where the author continued the command on the next
// line (an offset into the command), with the comment lines written there.
type shellJoin struct {
	at       int
	comments []string
	brk      bool // kept as a line break between two arguments
	gap      int  // which gap between arguments, for a break
	leaf     int  // the leaf the join is in or before
	inside   bool // inside the leaf, not before it
}

func (f *formatter) shellCommand(ins *Instruction, edits []TextEdit) (string, bool) {
	d := f.d
	src := ins.ArgsText
	file, err := syntax.NewParser(syntax.Variant(syntax.LangBash), syntax.KeepComments(true)).Parse(strings.NewReader(src), "")
	if err != nil || hasCommentsOrHeredocs(file) {
		return "", false
	}
	leaves := flattenStmts(file.Stmts)
	if len(leaves) == 0 {
		return "", false
	}
	joins, ok := f.shellJoins(ins, leaves)
	if !ok {
		return "", false
	}
	// Re-parse with the kept breaks as "\\\n" so the printer keeps them.
	var layout strings.Builder
	pos := 0
	for _, j := range joins {
		if j.brk {
			layout.WriteString(src[pos:j.at])
			layout.WriteString("\\\n")
			pos = j.at
		}
	}
	layout.WriteString(src[pos:])
	file2, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(layout.String()), "")
	if err != nil {
		return "", false
	}
	leaves2 := flattenStmts(file2.Stmts)
	if len(leaves2) != len(leaves) {
		return "", false
	}
	printer := f.shellPrinter()
	unit := f.unit()
	argIndent := unit
	if len(leaves) > 1 {
		argIndent += unit
	}
	var lines []string
	var comment []bool // whether each line is a comment line
	last := -1         // the last command line
	add := func(line string, isComment bool) {
		lines, comment = append(lines, line), append(comment, isComment)
		if !isComment {
			last = len(lines) - 1
		}
	}
	addComments := func(cs []string, indent string) {
		for _, c := range cs {
			add(indent+c, true)
		}
	}
	ji := 0
	for i, leaf := range leaves2 {
		var before, breaks []shellJoin
		for ; ji < len(joins) && joins[ji].leaf == i; ji++ {
			switch j := joins[ji]; {
			case !j.inside:
				before = append(before, j)
			case j.brk:
				breaks = append(breaks, j)
			case len(j.comments) > 0:
				return "", false // a comment in the middle of a command
			}
		}
		var b strings.Builder
		if err := printer.Print(&b, leaf.stmt); err != nil {
			return "", false
		}
		printed := strings.Split(b.String(), "\n")
		if len(printed) != len(breaks)+1 {
			return "", false // the printer broke the line elsewhere
		}
		for k, p := range printed[:len(printed)-1] {
			if !strings.HasSuffix(p, " \\") {
				return "", false
			}
			printed[k] = strings.TrimSuffix(p, " \\")
		}
		line := printed[0]
		switch leaf.op {
		case "":
		case ";":
			lines[last] += ";"
			line = unit + line
		case "&":
			line = unit + line
		default:
			line = unit + leaf.op + " " + line
		}
		for _, j := range before {
			addComments(j.comments, line[:indentWidth(line)])
		}
		add(line, false)
		for k, p := range printed[1:] {
			addComments(breaks[k].comments, argIndent)
			add(argIndent+strings.TrimLeft(p, " \t"), false)
		}
	}
	if ji != len(joins) {
		return "", false
	}
	for k := range lines[:last] {
		if !comment[k] {
			lines[k] += " \\"
		}
	}
	start, end := d.Lines.LineStart(ins.Line), d.Lines.LineStart(ins.EndLine+1)
	prefix := applyWithin(d.Text, Span{start, ins.ArgsSpan.Start}, edits)
	term := d.Text[d.Lines.LineEnd(ins.EndLine):end]
	return prefix + strings.Join(lines, f.eol) + term, true
}

// shellJoins finds where the author continued the command on another line,
// which of those stay line breaks, and the comment lines at each.
func (f *formatter) shellJoins(ins *Instruction, leaves []shellLeaf) ([]shellJoin, bool) {
	d := f.d
	src := ins.ArgsText
	argLine := d.Lines.LineOf(ins.ArgsSpan.Start)
	var joins []shellJoin
	segLines := map[int]int{} // line → join index
	for _, s := range ins.logical.segs[1:] {
		at := s.log - ins.argStart
		l := d.Lines.LineOf(s.phys)
		if l <= argLine || at <= 0 || at >= len(src) {
			continue
		}
		segLines[l] = len(joins)
		joins = append(joins, shellJoin{at: at})
	}
	for _, c := range ins.CommentLines {
		if c < argLine {
			continue // above the command: part of the default-formatted prefix
		}
		k := -1
		for l := c + 1; l <= ins.EndLine; l++ {
			if i, ok := segLines[l]; ok {
				k = i
				break
			}
		}
		if k < 0 {
			return nil, false
		}
		text := strings.TrimSpace(d.Lines.Line(c))
		joins[k].comments = append(joins[k].comments, text)
	}
	for i := range joins {
		j := &joins[i]
		j.leaf = len(leaves)
		for li, lf := range leaves {
			s, e := int(lf.stmt.Pos().Offset()), int(lf.stmt.End().Offset())
			if j.at <= s {
				j.leaf = li
				break
			}
			if j.at < e {
				if _, simple := lf.stmt.Cmd.(*syntax.CallExpr); !simple {
					// Printed on one line, an if/case/for/{ } the author
					// spread over lines would lose its layout.
					return nil, false
				}
				j.leaf, j.inside = li, true
				j.gap = argGap(src, lf.stmt, j.at)
				j.brk = j.gap >= 0
				break
			}
		}
		if j.leaf == len(leaves) {
			if len(j.comments) > 0 {
				return nil, false
			}
			j.leaf = len(leaves) - 1
			j.inside = true
		}
	}
	slices.SortStableFunc(joins, func(a, b shellJoin) int { return a.at - b.at })
	// One break per gap: the comments of an earlier one move to the last.
	for i := 1; i < len(joins); i++ {
		p, j := &joins[i-1], &joins[i]
		if p.brk && j.brk && p.leaf == j.leaf && p.gap == j.gap {
			j.comments = append(p.comments, j.comments...)
			p.brk, p.comments = false, nil
		}
	}
	return joins, true
}

// argGap returns which gap between two arguments of a simple command
// offset at lies in (where a line break changes nothing), or -1.
func argGap(src string, s *syntax.Stmt, at int) int {
	call, ok := s.Cmd.(*syntax.CallExpr)
	if !ok {
		return -1
	}
	for k := 0; k+1 < len(call.Args); k++ {
		e, n := int(call.Args[k].End().Offset()), int(call.Args[k+1].Pos().Offset())
		if e <= at && at <= n && strings.Trim(src[e:n], " \t") == "" {
			return k
		}
	}
	return -1
}

func hasCommentsOrHeredocs(file *syntax.File) bool {
	found := len(file.Last) > 0
	syntax.Walk(file, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Stmt:
			found = found || len(n.Comments) > 0
		case *syntax.Comment:
			found = true
		case *syntax.Redirect:
			found = found || n.Op == syntax.Hdoc || n.Op == syntax.DashHdoc
		}
		return !found
	})
	return found
}

func (f *formatter) shellPrinter() *syntax.Printer {
	width := uint(len(f.unit()))
	if strings.HasPrefix(f.unit(), "\t") {
		width = 0 // mvdan.cc/sh indents with tabs
	}
	return syntax.NewPrinter(syntax.Indent(width), syntax.BinaryNextLine(true))
}

// shellScript prints the body of `RUN <<EOF` (a script for the shell).
func (f *formatter) shellScript(ins *Instruction, edits []TextEdit) (string, bool) {
	d := f.d
	h := ins.Heredocs[0]
	if len(ins.Heredocs) != 1 || h.Chomp || !h.Terminated || strings.Join(strings.Fields(ins.ArgsText), " ") != d.text(h.Marker) {
		return "", false
	}
	body := d.Text[h.Body.Start:h.Body.End]
	if body == "" || strings.Contains(body, "\r") {
		return "", false
	}
	if first, _, _ := strings.Cut(body, "\n"); strings.HasPrefix(first, "#!") && !strings.Contains(first, "sh") {
		return "", false
	}
	file, err := syntax.NewParser(syntax.Variant(syntax.LangBash), syntax.KeepComments(true)).Parse(strings.NewReader(body), "")
	if err != nil {
		return "", false
	}
	var b strings.Builder
	if err := f.shellPrinter().Print(&b, file); err != nil {
		return "", false
	}
	printed := b.String()
	for _, l := range strings.Split(printed, "\n") {
		if l == h.Name {
			return "", false // the printed body would end the heredoc early
		}
	}
	start, end := d.Lines.LineStart(ins.Line), d.Lines.LineStart(ins.EndLine+1)
	return applyWithin(d.Text, Span{start, h.Body.Start}, edits) + printed + d.Text[h.Body.End:end], true
}
