package analysis

import (
	"regexp"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/position"
)

// This file is our lexer: it walks the physical lines of a Dockerfile the way
// BuildKit's parser does (directives, comments, continuation lines, heredocs)
// but keeps exact byte spans for every token and never stops at an error.

// Directive is a parser directive at the top of the file, e.g. "# syntax=…".
type Directive struct {
	Name      string // lower case: syntax, escape or check
	Value     string
	Span      Span // the whole line
	NameSpan  Span
	ValueSpan Span
	Duplicate bool // a second directive of this name, which BuildKit rejects
}

// Comment is a '#' comment line (outside heredoc bodies).
type Comment struct {
	Span Span // from '#' to the end of the line
	Text string
	line int
}

// segment maps a run of bytes of an instruction's logical line back to the
// document: logical[log:log+n] == text[phys:phys+n].
type segment struct {
	log, phys, n int
}

// logicalLine is an instruction with continuation lines joined, as BuildKit
// sees it, plus the map back to document offsets.
type logicalLine struct {
	text string
	segs []segment
}

// startOffset maps a logical offset at which a token starts to a document
// offset; at a boundary between two segments it picks the later one.
func (l *logicalLine) startOffset(i int) int {
	for _, s := range l.segs {
		if i < s.log+s.n {
			return s.phys + max(i-s.log, 0)
		}
	}
	return l.endOffset(i)
}

// endOffset maps a logical offset at which a token ends to a document
// offset; at a boundary between two segments it picks the earlier one, so a
// span never swallows the continuation characters in between.
func (l *logicalLine) endOffset(i int) int {
	for k := len(l.segs) - 1; k >= 0; k-- {
		s := l.segs[k]
		if i > s.log || (i == s.log && k == 0) {
			return s.phys + min(i-s.log, s.n)
		}
	}
	return 0
}

// span maps a logical [start,end) to a document span.
func (l *logicalLine) span(start, end int) Span {
	if end <= start {
		o := l.startOffset(start)
		return Span{o, o}
	}
	return Span{l.startOffset(start), l.endOffset(end)}
}

var directiveRe = regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`)

var validDirectives = map[string]bool{"syntax": true, "escape": true, "check": true}

// lexer reads one document's lines. It is stateless between calls except
// for the escape token: directives are lexed once up front (lexDirectives),
// instructions on demand (lexItem), so a view can grow lazily.
type lexer struct {
	text   string
	lines  *position.Lines
	escape byte
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\n'
}

// content returns the document span of line without leading whitespace and
// without trailing '\r'.
func (lx *lexer) content(line int) (start, end int) {
	start, end = lx.lines.LineStart(line), lx.lines.LineEnd(line)
	for end > start && lx.text[end-1] == '\r' {
		end--
	}
	if line == 0 && strings.HasPrefix(lx.text[start:end], "\ufeff") {
		start += 3
	}
	return start, end
}

func (lx *lexer) trimLeft(start, end int) int {
	for start < end && isSpaceByte(lx.text[start]) {
		start++
	}
	return start
}

// continuation reports whether text[start:end] ends with the escape token as
// a line continuation and returns where the kept content ends.
func (lx *lexer) continuation(start, end int) (contentEnd int, cont bool, escPos int) {
	e := end
	for e > start && (lx.text[e-1] == ' ' || lx.text[e-1] == '\t') {
		e--
	}
	if e == start || lx.text[e-1] != lx.escape {
		return end, false, -1
	}
	if e-1 > start && lx.text[e-2] == lx.escape {
		return end, false, -1 // an escaped escape token, as BuildKit's regexp requires
	}
	return e - 1, true, e - 1
}

// lexDirectives reads the parser directives at the top of the document and
// returns them with the first line after them.
func (lx *lexer) lexDirectives() ([]Directive, int) {
	var out []Directive
	seen := map[string]bool{}
	n := lx.lines.Count()
	for i := 0; i < n; i++ {
		start, end := lx.content(i)
		dir, ok := lx.directive(i, lx.trimLeft(start, end), end)
		if !ok {
			return out, i
		}
		if seen[dir.Name] {
			dir.Duplicate = true
		}
		seen[dir.Name] = true
		if dir.Name == "escape" && !dir.Duplicate && (dir.Value == "`" || dir.Value == `\`) {
			lx.escape = dir.Value[0]
		}
		out = append(out, dir)
	}
	return out, n
}

// lexItem lexes what starts at line: a blank line, a comment or an
// instruction, appending to v, and returns the next line to lex.
func (lx *lexer) lexItem(v *view, line int) int {
	start, end := lx.content(line)
	first := lx.trimLeft(start, end)
	if first == end {
		return line + 1
	}
	if lx.text[first] == '#' {
		v.comments = append(v.comments, Comment{Span: Span{first, end}, Text: lx.text[first:end], line: line})
		return line + 1
	}
	ins, last := lx.instruction(v, line, first, end)
	v.add(ins)
	return last + 1
}

func (lx *lexer) directive(line, start, end int) (Directive, bool) {
	if start == end || lx.text[start] != '#' {
		return Directive{}, false
	}
	rest := lx.trimLeft(start+1, end)
	m := directiveRe.FindStringSubmatchIndex(lx.text[rest:end])
	if m == nil {
		return Directive{}, false
	}
	name := strings.ToLower(lx.text[rest+m[2] : rest+m[3]])
	if !validDirectives[name] {
		return Directive{}, false
	}
	return Directive{
		Name:      name,
		Value:     lx.text[rest+m[4] : rest+m[5]],
		Span:      Span{start, end},
		NameSpan:  Span{rest + m[2], rest + m[3]},
		ValueSpan: Span{rest + m[4], rest + m[5]},
	}, true
}

// instruction lexes the instruction starting at line (content from first to
// end) and returns it with the last line it occupies. Comment lines inside
// its continuation go to v.
func (lx *lexer) instruction(v *view, line, first, end int) (*Instruction, int) {
	ins := &Instruction{Line: line, escape: lx.escape}
	var ll logicalLine
	contentEnd, cont, esc := lx.continuation(first, end)
	ll.add(lx.text, first, contentEnd)
	if cont {
		ins.Continuations = append(ins.Continuations, Span{esc, esc + 1})
	}
	last := line
	n := lx.lines.Count()
	for cont && last+1 < n {
		last++
		s, e := lx.content(last)
		f := lx.trimLeft(s, e)
		if f == e {
			ins.EmptyContinuationLines = append(ins.EmptyContinuationLines, last)
			continue
		}
		if lx.text[f] == '#' {
			v.comments = append(v.comments, Comment{Span: Span{f, e}, Text: lx.text[f:e], line: last})
			ins.CommentLines = append(ins.CommentLines, last)
			continue
		}
		contentEnd, cont, esc = lx.continuation(s, e)
		ll.add(lx.text, s, contentEnd)
		if cont {
			ins.Continuations = append(ins.Continuations, Span{esc, esc + 1})
		}
	}
	ins.logical = ll
	ins.EndLine = last
	ins.tokenize()
	if len(ins.Heredocs) > 0 {
		last = lx.heredocBodies(ins, last)
		ins.EndLine = last
	}
	ins.Span = Span{first, lx.lines.LineEnd(last)}
	if ins.Sub != nil {
		ins.Sub.Line, ins.Sub.EndLine = ins.Line, ins.EndLine
	}
	return ins, last
}

func (l *logicalLine) add(text string, start, end int) {
	if end < start {
		end = start
	}
	l.segs = append(l.segs, segment{log: len(l.text), phys: start, n: end - start})
	l.text += text[start:end]
}

// heredocBodies consumes the body lines of each heredoc of ins after line
// last, in order, and returns the last line used.
func (lx *lexer) heredocBodies(ins *Instruction, last int) int {
	n := lx.lines.Count()
	for k := range ins.Heredocs {
		h := &ins.Heredocs[k]
		bodyStart := lx.lines.LineStart(last + 1)
		if last+1 >= n {
			bodyStart = len(lx.text)
		}
		h.Body = Span{bodyStart, bodyStart}
		for last+1 < n {
			last++
			s, e := lx.lines.LineStart(last), lx.lines.LineEnd(last)
			cand := lx.text[s:e]
			cand = strings.TrimRight(cand, "\r\n")
			if h.Chomp {
				cand = strings.TrimLeft(cand, "\t")
			}
			if cand == h.Name {
				h.Terminated = true
				h.Terminator = Span{e - len(cand), e}
				break
			}
			h.Body.End = lx.lines.LineStart(last + 1)
			if last+1 >= n {
				h.Body.End = len(lx.text)
			}
		}
		// Variables the body expands (the shell's for RUN, BuildKit's for
		// COPY/ADD): hover, rename and references see them too.
		body := lx.text[h.Body.Start:h.Body.End]
		ins.Vars = append(ins.Vars, heredocBodyVars(heredocFormOf(ins, *h, body), body, h.Body.Start)...)
		if !h.Terminated {
			break
		}
	}
	return last
}
