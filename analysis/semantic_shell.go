package analysis

import (
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// This file colours shell scripts from mvdan.cc/sh's syntax tree: command
// names, options, quoted strings, variables and assignments, operators and
// redirections, reserved words, comments and plain numbers. Offsets here
// are the script's (shellScript maps them to the document).

// walkShell returns the tokens of a parsed script, sorted, without
// overlaps. Positions the parser recovered (missing tokens of a script with
// errors) are skipped.
func walkShell(f *syntax.File, src string) []SemanticToken {
	w := &shellWalker{src: src}
	syntax.Walk(f, w.visit)
	slices.SortFunc(w.out, func(a, b SemanticToken) int {
		if a.Span.Start != b.Span.Start {
			return a.Span.Start - b.Span.Start
		}
		return b.Span.Len() - a.Span.Len()
	})
	return dropOverlaps(w.out, func(t SemanticToken) Span { return t.Span })
}

type shellWalker struct {
	src string
	out []SemanticToken
	// chomp: strings are inside a <<- heredoc, whose lines' leading tabs
	// the shell strips.
	chomp bool
}

// off returns p's offset, or -1 when the parser did not see it in src.
func (w *shellWalker) off(p syntax.Pos) int {
	if !p.IsValid() || int(p.Offset()) > len(w.src) {
		return -1
	}
	return int(p.Offset())
}

// add records [start,end) when both lie in src.
func (w *shellWalker) add(start, end int, t TokenType, mods int) {
	if start >= 0 && end > start && end <= len(w.src) {
		w.out = append(w.out, SemanticToken{Span{start, end}, t, mods})
	}
}

// at records n bytes at p.
func (w *shellWalker) at(p syntax.Pos, n int, t TokenType) {
	if o := w.off(p); o >= 0 {
		w.add(o, o+n, t, 0)
	}
}

// node records the whole of n.
func (w *shellWalker) node(n syntax.Node, t TokenType, mods int) {
	if s, e := w.off(n.Pos()), w.off(n.End()); s >= 0 && e >= 0 {
		w.add(s, e, t, mods)
	}
}

// keyword records the reserved word at p (its letters), or one byte for a
// brace.
func (w *shellWalker) keyword(p syntax.Pos) {
	o := w.off(p)
	if o < 0 {
		return
	}
	e := o
	for e < len(w.src) && (w.src[e] >= 'a' && w.src[e] <= 'z') {
		e++
	}
	w.add(o, max(e, o+1), TokenKeyword, 0)
}

func (w *shellWalker) walk(n syntax.Node) {
	if n != nil {
		syntax.Walk(n, w.visit)
	}
}

func (w *shellWalker) visit(n syntax.Node) bool {
	switch n := n.(type) {
	case *syntax.Comment:
		w.at(n.Hash, 1+len(n.Text), TokenComment)
	case *syntax.Stmt:
		if n.Negated {
			w.at(n.Position, 1, TokenOperator)
		}
		if n.Semicolon.IsValid() {
			w.at(n.Semicolon, 1+boolInt(n.Coprocess || n.Disown), TokenOperator)
		}
	case *syntax.CallExpr:
		w.call(n)
	case *syntax.Assign:
		if n.Name != nil {
			w.node(n.Name, TokenVariable, ModDeclaration)
		}
	case *syntax.Redirect:
		w.redirect(n)
		return false
	case *syntax.BinaryCmd:
		w.at(n.OpPos, len(n.Op.String()), TokenOperator)
	case *syntax.Subshell:
		w.at(n.Lparen, 1, TokenOperator)
		w.at(n.Rparen, 1, TokenOperator)
	case *syntax.Block:
		w.at(n.Lbrace, 1, TokenOperator)
		w.at(n.Rbrace, 1, TokenOperator)
	case *syntax.IfClause:
		w.keyword(n.Position) // if, elif or else
		w.keyword(n.ThenPos)
		w.keyword(n.FiPos) // shared with Else: the duplicate is dropped
	case *syntax.WhileClause:
		w.keyword(n.WhilePos)
		w.keyword(n.DoPos)
		w.keyword(n.DonePos)
	case *syntax.ForClause:
		w.keyword(n.ForPos)
		w.keyword(n.DoPos)
		w.keyword(n.DonePos)
	case *syntax.WordIter:
		if n.Name != nil {
			w.node(n.Name, TokenVariable, ModDeclaration)
		}
		w.keyword(n.InPos)
	case *syntax.CaseClause:
		w.keyword(n.Case)
		w.keyword(n.In)
		w.keyword(n.Esac)
	case *syntax.CaseItem:
		if n.OpPos.IsValid() {
			w.at(n.OpPos, len(n.Op.String()), TokenOperator)
		}
	case *syntax.FuncDecl:
		if n.RsrvWord {
			w.keyword(n.Position)
		}
		if n.Name != nil {
			w.node(n.Name, TokenFunction, ModDeclaration)
		}
	case *syntax.DeclClause:
		if n.Variant != nil {
			w.node(n.Variant, TokenFunction, 0) // export, local, declare…: builtins
		}
		for _, a := range n.Args {
			if a.Naked && a.Name == nil && a.Value != nil && len(a.Value.Parts) > 0 {
				w.arg(a.Value)
			}
		}
	case *syntax.TimeClause:
		w.keyword(n.Time)
	case *syntax.CoprocClause:
		w.keyword(n.Coproc)
	case *syntax.LetClause:
		w.keyword(n.Let)
		for _, x := range n.Exprs {
			w.arithm(x)
		}
		return false
	case *syntax.TestClause:
		w.at(n.Left, 2, TokenOperator)
		w.at(n.Right, 2, TokenOperator)
	case *syntax.BinaryTest:
		w.at(n.OpPos, len(n.Op.String()), TokenOperator)
	case *syntax.UnaryTest:
		if op := n.Op.String(); strings.HasPrefix(op, "-") {
			w.at(n.OpPos, len(op), TokenParameter) // -f, -z…: as the options of [ ]
		} else {
			w.at(n.OpPos, len(op), TokenOperator) // !
		}
	case *syntax.SglQuoted:
		w.node(n, TokenString, 0)
		return false
	case *syntax.DblQuoted:
		if s, e := w.off(n.Pos()), w.off(n.End()); s >= 0 && e >= 0 {
			w.stringWithHoles(s, e, n.Parts)
		}
		return false
	case *syntax.ParamExp:
		w.node(n, TokenVariable, 0)
		return false
	case *syntax.CmdSubst:
		if n.Backquotes {
			w.at(n.Left, 1, TokenOperator)
		} else {
			w.at(n.Left, 2, TokenOperator)
		}
		w.at(n.Right, 1, TokenOperator)
	case *syntax.ProcSubst:
		w.at(n.OpPos, 2, TokenOperator)
		w.at(n.Rparen, 1, TokenOperator)
	case *syntax.ArithmExp:
		open, closing := 3, 2 // $(( ))
		if n.Bracket {
			open, closing = 2, 1 // $[ ]
		}
		w.at(n.Left, open, TokenOperator)
		w.at(n.Right, closing, TokenOperator)
		w.arithm(n.X)
		return false
	case *syntax.ArithmCmd:
		w.at(n.Left, 2, TokenOperator)
		w.at(n.Right, 2, TokenOperator)
		w.arithm(n.X)
		return false
	case *syntax.CStyleLoop:
		w.at(n.Lparen, 2, TokenOperator)
		w.at(n.Rparen, 2, TokenOperator)
		w.arithm(n.Init)
		w.arithm(n.Cond)
		w.arithm(n.Post)
		return false
	case *syntax.ArrayExpr:
		w.at(n.Lparen, 1, TokenOperator)
		w.at(n.Rparen, 1, TokenOperator)
	}
	return true
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// call colours a simple command: the command name apart from its
// arguments, options and plain numbers among them. Quotes and expansions
// inside the words get their own tokens when the walk reaches them.
func (w *shellWalker) call(c *syntax.CallExpr) {
	if len(c.Args) == 0 || len(c.Args[0].Parts) == 0 {
		return
	}
	for _, p := range c.Args[0].Parts {
		if l, ok := p.(*syntax.Lit); ok {
			w.node(l, TokenFunction, 0)
		}
	}
	for _, a := range c.Args[1:] {
		w.arg(a)
	}
}

// arg colours an argument that is an option (-x, --opt, the name part of
// --opt=value) or a number.
func (w *shellWalker) arg(a *syntax.Word) {
	if len(a.Parts) == 0 {
		return
	}
	l, ok := a.Parts[0].(*syntax.Lit)
	if !ok {
		return
	}
	switch {
	case len(l.Value) > 1 && l.Value[0] == '-':
		n := len(l.Value)
		if i := strings.IndexByte(l.Value, '='); i > 0 {
			n = i
		}
		w.at(l.ValuePos, n, TokenParameter)
	case len(a.Parts) == 1 && isDigits(l.Value):
		w.node(l, TokenNumber, 0)
	}
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// redirect colours a redirection: its file descriptor, its operator, a
// numeric target (2>&1), and a heredoc's body as a string with its
// expansions.
func (w *shellWalker) redirect(r *syntax.Redirect) {
	if r.N != nil {
		w.node(r.N, TokenNumber, 0)
	}
	w.at(r.OpPos, len(r.Op.String()), TokenOperator)
	heredoc := r.Op == syntax.Hdoc || r.Op == syntax.DashHdoc
	if r.Word != nil && len(r.Word.Parts) > 0 && !heredoc {
		if l, ok := r.Word.Parts[0].(*syntax.Lit); ok && len(r.Word.Parts) == 1 && isDigits(l.Value) && (r.Op == syntax.DplOut || r.Op == syntax.DplIn) {
			w.node(l, TokenNumber, 0)
		} else {
			w.walk(r.Word)
		}
	}
	if r.Hdoc != nil && len(r.Hdoc.Parts) > 0 {
		w.chomp = r.Op == syntax.DashHdoc
		w.heredocBody(r.Hdoc)
		w.chomp = false
	}
}

// heredocBody colours a heredoc's body. The parser's end positions of a
// body run into the terminator line, so literal parts are measured by their
// value, and the body's trailing blanks are left out.
func (w *shellWalker) heredocBody(body *syntax.Word) {
	start := w.off(body.Pos())
	if start < 0 {
		return
	}
	end := start
	for _, p := range body.Parts {
		if l, ok := p.(*syntax.Lit); ok {
			if o := w.off(l.ValuePos); o >= 0 {
				end = max(end, o+len(l.Value))
			}
		} else if o := w.off(p.End()); o >= 0 {
			end = max(end, o)
		}
	}
	end = min(end, len(w.src))
	for end > start && isSpaceByte(w.src[end-1]) {
		end--
	}
	w.stringWithHoles(start, end, body.Parts)
}

// stringWithHoles records [start,end) as strings around the expansions
// among parts, which are walked for their own tokens.
func (w *shellWalker) stringWithHoles(start, end int, parts []syntax.WordPart) {
	at := start
	for _, p := range parts {
		if _, ok := p.(*syntax.Lit); ok {
			continue
		}
		s, e := w.off(p.Pos()), w.off(p.End())
		if s < 0 || e < 0 {
			continue
		}
		w.addString(at, min(s, end))
		w.walk(p)
		at = max(at, e)
	}
	w.addString(at, end)
}

// addString records a string, without the leading tabs of its lines in a
// <<- heredoc.
func (w *shellWalker) addString(start, end int) {
	if !w.chomp {
		w.add(start, end, TokenString, 0)
		return
	}
	for start < end {
		if start == 0 || w.src[start-1] == '\n' {
			for start < end && w.src[start] == '\t' {
				start++
			}
		}
		e := start
		for e < end && w.src[e] != '\n' {
			e++
		}
		w.add(start, e, TokenString, 0)
		start = e + 1
	}
}

// arithm colours an arithmetic expression: operators, numbers, and the
// expansions in its words.
func (w *shellWalker) arithm(x syntax.ArithmExpr) {
	switch x := x.(type) {
	case nil:
	case *syntax.BinaryArithm:
		w.arithm(x.X)
		w.at(x.OpPos, len(x.Op.String()), TokenOperator)
		w.arithm(x.Y)
	case *syntax.UnaryArithm:
		w.at(x.OpPos, len(x.Op.String()), TokenOperator)
		w.arithm(x.X)
	case *syntax.ParenArithm:
		w.at(x.Lparen, 1, TokenOperator)
		w.at(x.Rparen, 1, TokenOperator)
		w.arithm(x.X)
	case *syntax.Word:
		if len(x.Parts) == 0 {
			return
		}
		if l, ok := x.Parts[0].(*syntax.Lit); ok && len(x.Parts) == 1 && isDigits(l.Value) {
			w.node(l, TokenNumber, 0)
			return
		}
		w.walk(x)
	default:
		w.walk(x)
	}
}
