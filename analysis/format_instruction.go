package analysis

import (
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
)

// This file is the default style for one instruction, as edits against the
// document. Every change is to whitespace that BuildKit (and the shell, for
// RUN and the command forms) does not read as part of a value, to the case
// of the keyword, or to the separators of a JSON exec form:
//   - the keyword in upper case, one space between it, its flags and the
//     arguments, and between words of instructions BuildKit splits on
//     whitespace (FROM, COPY, ENV a=1 b=2…);
//   - JSON exec forms as ["a", "b"];
//   - continuation lines indented one level, deeper ones kept deeper
//     relative to the shallowest indented line (see indentTargets);
//   - comment lines inside the continuation indented like the line after
//     them, empty continuation lines emptied, no trailing whitespace.
// Whitespace inside quotes, and in values BuildKit keeps verbatim (USER,
// WORKDIR, STOPSIGNAL, MAINTAINER, the legacy "ENV key value" form,
// unknown instructions), is never touched.

// insLine is one physical line of an instruction before its heredoc bodies.
type insLine struct {
	line    int
	comment bool // a comment line inside the continuation
	empty   bool // an empty line inside the continuation
	seg     int  // for content lines, the index of its logical segment
	cont    bool // ends with the escape token continuing the instruction
}

// insLayout is what the default style needs to know about an instruction.
type insLayout struct {
	ins   *Instruction // as lexed (the ONBUILD, for a trigger)
	eff   *Instruction // whose rules apply: the trigger of ONBUILD, else ins
	text  string       // the logical line
	free  []bool       // freeBoundaries of text
	lit   int          // logical offset from which whitespace is kept verbatim
	known bool         // a known instruction (unknown ones are only trimmed)
	lines []insLine
}

func (f *formatter) layout(ins *Instruction) *insLayout {
	eff := ins
	if ins.Sub != nil {
		eff = ins.Sub
	}
	L := &insLayout{ins: ins, eff: eff, text: ins.logical.text}
	esc := ins.escape
	if eff.IsExecForm() {
		esc = '\\' // JSON strings escape with a backslash whatever the escape token
	}
	L.free = freeBoundaries(L.text, esc)
	L.known = docs.Ref().Instruction(ins.Cmd) != nil && docs.Ref().Instruction(eff.Cmd) != nil
	L.lit = literalFrom(eff)
	if !L.known {
		L.lit = 0
	}
	conts := map[int]bool{}
	for _, c := range ins.Continuations {
		conts[c.Start] = true
	}
	kinds := map[int]insLine{}
	for _, l := range ins.CommentLines {
		kinds[l] = insLine{line: l, comment: true}
	}
	for _, l := range ins.EmptyContinuationLines {
		kinds[l] = insLine{line: l, empty: true}
	}
	last := ins.Line
	for k, s := range ins.logical.segs {
		l := f.d.Lines.LineOf(s.phys)
		if k == 0 {
			l = ins.Line
		}
		kinds[l] = insLine{line: l, seg: k, cont: conts[s.phys+s.n]}
		last = max(last, l)
	}
	for _, l := range append(ins.CommentLines, ins.EmptyContinuationLines...) {
		last = max(last, l)
	}
	for l := ins.Line; l <= last; l++ {
		if k, ok := kinds[l]; ok {
			L.lines = append(L.lines, k)
		}
	}
	return L
}

// literalFrom returns the logical offset from which BuildKit keeps the
// whitespace of ins verbatim (the end of the line when nowhere).
func literalFrom(ins *Instruction) int {
	t := ins.logical.text
	switch ins.Cmd {
	case "MAINTAINER", "STOPSIGNAL", "USER", "WORKDIR":
		return ins.argStart
	case "ENV", "LABEL":
		if len(ins.Args) > 0 && !strings.Contains(ins.Args[0].Raw, "=") {
			// Legacy "ENV key value": the value is everything after the
			// first run of whitespace, as written.
			i := ins.argStart
			for i < len(t) && !isSpaceByte(t[i]) {
				i++
			}
			for i < len(t) && isSpaceByte(t[i]) {
				i++
			}
			return i
		}
	}
	return len(t)
}

// wordSplit lists the instructions whose arguments BuildKit splits into words
// (on whitespace, or shell-like with quotes), so spaces between words are
// not part of any value.
var wordSplit = map[string]bool{"FROM": true, "EXPOSE": true, "ADD": true, "COPY": true, "VOLUME": true, "ARG": true, "ENV": true, "LABEL": true}

// instructionEdits returns the default style's edits for ins and the
// indentation it gives each continuation and comment line.
func (f *formatter) instructionEdits(ins *Instruction) ([]TextEdit, map[int]string) {
	L := f.layout(ins)
	d := f.d
	var out []TextEdit
	// The first line starts at column 0.
	if cs := f.contentStart(ins.Line); cs < ins.Keyword.Start {
		out = append(out, TextEdit{Span{cs, ins.Keyword.Start}, ""})
	}
	if L.known {
		out = append(out, f.keyword(ins)...)
		if ins.Sub != nil {
			out = append(out, f.keyword(ins.Sub)...)
		}
		kwEnd := wordEnd(L.text, 0)
		if ins.Sub != nil {
			out = append(out, L.collapse(kwEnd, ins.argStart)...)
			kwEnd = wordEnd(L.text, ins.argStart)
		}
		eff := L.eff
		out = append(out, L.collapse(kwEnd, eff.argStart)...)
		argEnd := eff.argStart + len(eff.ArgsText)
		switch {
		case eff.Cmd == "HEALTHCHECK":
			typeEnd := wordEnd(L.text, eff.argStart)
			out = append(out, L.collapse(typeEnd, skipSpace(L.text, typeEnd))...)
		case wordSplit[eff.Cmd] && !eff.IsExecForm():
			out = append(out, L.collapse(eff.argStart, min(argEnd, L.lit))...)
		}
		if e, ok := L.json(d.Text); ok {
			out = append(out, e)
		}
	}
	targets := f.indentTargets(L)
	for i, ln := range L.lines {
		ls, le := d.Lines.LineStart(ln.line), d.Lines.LineEnd(ln.line)
		switch {
		case ln.empty:
			if le > ls {
				out = append(out, TextEdit{Span{ls, le}, ""})
			}
		case ln.comment:
			hash := ls + len(d.Text[ls:le]) - len(strings.TrimLeft(d.Text[ls:le], " \t"))
			ind := f.unit()
			for _, next := range L.lines[i+1:] {
				if !next.comment && !next.empty {
					if t, ok := targets[next.line]; ok {
						ind = t
					}
					break
				}
			}
			targets[ln.line] = ind
			if d.Text[ls:hash] != ind {
				out = append(out, TextEdit{Span{ls, hash}, ind})
			}
			out = append(out, trailingSpace(d.Text, hash, le)...)
		default:
			out = append(out, f.lineEdits(L, ln, targets)...)
		}
	}
	return out, targets
}

// lineEdits are the edits to a content line: its indentation, the space
// before a continuation's escape token and trailing whitespace.
func (f *formatter) lineEdits(L *insLayout, ln insLine, targets map[int]string) []TextEdit {
	d := f.d
	var out []TextEdit
	seg := L.ins.logical.segs[ln.seg]
	if t, ok := targets[ln.line]; ok && ln.seg > 0 {
		w := indentWidth(L.text[seg.log : seg.log+seg.n])
		if L.text[seg.log:seg.log+w] != t {
			out = append(out, TextEdit{Span{seg.phys, seg.phys + w}, t})
		}
	}
	end := seg.phys + seg.n // where the escape token is, for a continued line
	le := d.Lines.LineEnd(ln.line)
	if !ln.cont {
		return append(out, trailingSpace(d.Text, seg.phys, le)...)
	}
	out = append(out, trailingSpace(d.Text, end+1, le)...)
	// One space before the escape token when there was whitespace there.
	b := seg.log + seg.n
	a := b
	for a > seg.log && (L.text[a-1] == ' ' || L.text[a-1] == '\t') {
		a--
	}
	if a > seg.log && a < b && L.text[a:b] != " " && b <= L.lit && L.free[a] && L.known {
		out = append(out, TextEdit{Span{end - (b - a), end}, " "})
	}
	return out
}

// indentTargets decides the indentation of each continuation line that may
// be re-indented: one level for lines at column 0 or at the shallowest
// indentation used, and for deeper lines one level plus how much deeper
// they were. Lines that start inside quotes, inside a verbatim value, or
// that would join two words are left out (and left alone).
func (f *formatter) indentTargets(L *insLayout) map[int]string {
	type cand struct{ line, width int }
	var cands []cand
	base := -1
	for _, ln := range L.lines {
		if ln.comment || ln.empty || ln.seg == 0 {
			continue
		}
		seg := L.ins.logical.segs[ln.seg]
		j := seg.log
		if j > L.lit {
			// A verbatim value over several lines: re-indenting only the
			// lines before it would leave a half-changed layout.
			return map[int]string{}
		}
		w := indentWidth(L.text[j : j+seg.n])
		if j+w > L.lit || !L.free[j] || (w == 0 && !separator(L.text, L.free, j-1)) {
			continue
		}
		width := f.columns(L.text[j : j+w])
		if w > 0 && (base < 0 || width < base) {
			base = width
		}
		cands = append(cands, cand{ln.line, width})
	}
	targets := map[int]string{}
	unit := f.unitColumns()
	for _, c := range cands {
		cols := unit
		if base >= 0 && c.width > base {
			cols += c.width - base
		}
		targets[c.line] = f.indentOf(cols)
	}
	return targets
}

// collapse makes each run of separating whitespace in logical [from, to) a
// single space, except runs at either end of a physical line (indentation
// and the space before a continuation are decided per line).
func (L *insLayout) collapse(from, to int) []TextEdit {
	var out []TextEdit
	segs := L.ins.logical.segs
	k := 0
	for i := from; i < to; {
		if !separator(L.text, L.free, i) {
			i++
			continue
		}
		j := i
		for j < to && separator(L.text, L.free, j) {
			j++
		}
		for k+1 < len(segs) && segs[k+1].log <= i {
			k++
		}
		s := segs[k]
		inside := j <= s.log+s.n && (k == 0 || i > s.log) && j < s.log+s.n
		if inside && L.text[i:j] != " " {
			out = append(out, TextEdit{Span{s.phys + i - s.log, s.phys + j - s.log}, " "})
		}
		i = j
	}
	return out
}

// json returns the edit that writes a valid exec form on one line as
// ["a", "b"] (each string as written).
func (L *insLayout) json(text string) (TextEdit, bool) {
	jf := L.eff.JSON
	if jf == nil || !jf.Valid {
		return TextEdit{}, false
	}
	old := text[jf.Span.Start:jf.Span.End]
	if strings.ContainsAny(old, "\r\n") {
		return TextEdit{}, false // spread over lines: leave the author's layout
	}
	raws := make([]string, len(jf.Elems))
	for i, e := range jf.Elems {
		raws[i] = e.Raw
	}
	canon := "[" + strings.Join(raws, ", ") + "]"
	if canon == old {
		return TextEdit{}, false
	}
	return TextEdit{jf.Span, canon}, true
}

func (f *formatter) keyword(ins *Instruction) []TextEdit {
	kw := f.d.text(ins.Keyword)
	if up := strings.ToUpper(kw); up != kw {
		return []TextEdit{{ins.Keyword, up}}
	}
	return nil
}

// contentStart is where line's text starts (after a byte order mark).
func (f *formatter) contentStart(line int) int {
	s := f.d.Lines.LineStart(line)
	if line == 0 && strings.HasPrefix(f.d.Text[s:], "\ufeff") {
		s += 3
	}
	return s
}

// trailingSpace deletes the spaces and tabs that end text[from:end], and a
// lone '\r' among them: once the spaces after it are gone it would end the
// line (before '\n', or at the end of the text, where BuildKit's scanner drops
// it too), so keeping it would leave work for a second pass.
func trailingSpace(text string, from, end int) []TextEdit {
	t := end
	for t > from && isTrailingSpace(text[t-1]) {
		t--
	}
	if t < end {
		return []TextEdit{{Span{t, end}, ""}}
	}
	return nil
}

func isTrailingSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

// trimTrailingSpace is trailingSpace for a line's text.
func trimTrailingSpace(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool { return r < 0x80 && isTrailingSpace(byte(r)) })
}

func indentWidth(s string) int {
	return len(s) - len(strings.TrimLeft(s, " \t"))
}

func wordEnd(s string, i int) int {
	for i < len(s) && !isSpaceByte(s[i]) {
		i++
	}
	return i
}

func skipSpace(s string, i int) int {
	for i < len(s) && isSpaceByte(s[i]) {
		i++
	}
	return i
}
