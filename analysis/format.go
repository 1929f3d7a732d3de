package analysis

import (
	"strings"
)

// FormatOptions tune Format. The zero value is the default style.
type FormatOptions struct {
	// Indent is one level of continuation indentation: a tab or spaces
	// (default four spaces).
	Indent string
	// TabWidth is how many columns a tab counts for when measuring the
	// indentation already there (default 4).
	TabWidth int
	// MaxBlankLines is how many blank lines may follow each other: 0 means
	// the default of one, a negative value none.
	MaxBlankLines int
	// NoFinalNewline drops the final newline instead of ensuring one
	// (.editorconfig's insert_final_newline = false).
	NoFinalNewline bool
	// Shell prints RUN commands with mvdan.cc/sh, one command per line
	// (see format_shell.go).
	Shell bool
}

// Format returns the edits that format the whole document (see
// format_instruction.go for the style). It only makes changes after which
// BuildKit parses each instruction into the same program: an instruction
// whose formatted text would parse differently is left as it is.
func (d *Document) Format(opts FormatOptions) []TextEdit {
	return d.formatLines(opts, 0, d.Lines.Count())
}

// FormatRange formats the instructions, comments and blank lines that the
// span touches.
func (d *Document) FormatRange(span Span, opts FormatOptions) []TextEdit {
	first := d.Lines.LineOf(span.Start)
	last := d.Lines.LineOf(max(span.End, span.Start))
	if span.End > span.Start && span.End == d.Lines.LineStart(last) && last > first {
		last-- // a range ending at the start of a line does not touch it
	}
	return d.formatLines(opts, first, last)
}

func (d *Document) formatLines(opts FormatOptions, first, last int) []TextEdit {
	f := newFormatter(d, opts)
	return f.edits(f.blocks(), first, last)
}

// edits are the edits of the blocks that touch lines first..last.
func (f *formatter) edits(blocks []fmtBlock, first, last int) []TextEdit {
	d := f.d
	var edits []TextEdit
	for _, b := range blocks {
		if b.last < first || b.first > last {
			continue
		}
		edits = append(edits, diffEdits(b.span.Start, d.Text[b.span.Start:b.span.End], b.text)...)
	}
	return edits
}

// formatter holds what formatting one document needs.
type formatter struct {
	d        *Document
	opts     FormatOptions
	eol      string
	ignored  []bool // lines left exactly as written
	maxBlank int
	// fallbacks counts instructions left unformatted because the result
	// would not parse to the same program (tests expect none);
	// shellRejected the shell printings refused for the same reason.
	fallbacks, shellRejected int
	posixStages              map[*Stage]bool
}

func newFormatter(d *Document, opts FormatOptions) *formatter {
	if opts.Indent == "" {
		opts.Indent = "    "
	}
	if opts.TabWidth <= 0 {
		opts.TabWidth = 4
	}
	f := &formatter{d: d, opts: opts, eol: "\n", maxBlank: opts.MaxBlankLines}
	if f.maxBlank == 0 {
		f.maxBlank = 1
	}
	if e := d.Lines.LineEnd(0); strings.HasPrefix(d.Text[e:], "\r\n") {
		f.eol = "\r\n"
	}
	f.markIgnored()
	return f
}

// fmtBlock is a run of whole lines and their formatted text (terminators
// included).
type fmtBlock struct {
	first, last int
	span        Span
	text        string
	blank       bool
}

// blocks formats the document line by line: directives as they are,
// instructions, comments and blank lines.
func (f *formatter) blocks() []fmtBlock {
	d := f.d
	n := d.Lines.Count()
	if n > 0 && d.Lines.LineStart(n-1) == len(d.Text) {
		n-- // the empty "line" after a final newline
	}
	var out []fmtBlock
	lineBlock := func(l int, text string) fmtBlock {
		span := Span{d.Lines.LineStart(l), d.Lines.LineStart(l + 1)}
		return fmtBlock{first: l, last: l, span: span, text: text}
	}
	start := 0
	if k := len(d.Directives); k > 0 {
		start = d.Lines.LineOf(d.Directives[k-1].Span.Start) + 1
	}
	for l := 0; l < start; l++ {
		b := lineBlock(l, "")
		b.text = d.Text[b.span.Start:b.span.End]
		out = append(out, b)
	}
	blanks := 0
	leading := start == 0 // blank lines at the very top
	for l := start; l < n; {
		if ins := d.InstructionAtLine(l); ins != nil {
			out = append(out, f.instructionBlock(ins))
			l = ins.EndLine + 1
			blanks, leading = 0, false
			continue
		}
		b := lineBlock(l, "")
		old := d.Text[b.span.Start:b.span.End]
		term := d.Text[d.Lines.LineEnd(l):b.span.End]
		content := trimTrailingSpace(strings.TrimLeft(d.Lines.Line(l), asciiSpace))
		switch {
		case f.ignored[l]:
			b.text = old
			blanks, leading = 0, false
		case content == "":
			blanks++
			b.blank = true
			if blanks <= f.maxBlank && !leading {
				b.text = term
			}
		default:
			if leading && strings.HasPrefix(content, "#") {
				// A blank line above a comment keeps it from being read as a
				// parser directive: keep one.
				keepLeadingBlank(out, d)
			}
			b.text = content + term
			blanks, leading = 0, false
		}
		out = append(out, b)
		l++
	}
	// No blank lines at the end, and exactly one final newline.
	i := len(out) - 1
	for ; i >= 0 && out[i].blank; i-- {
		out[i].text = ""
	}
	if i >= 0 {
		t := strings.TrimRight(out[i].text, "\r\n")
		if !f.opts.NoFinalNewline {
			if t == out[i].text {
				t += f.eol
			} else {
				t = out[i].text
			}
		}
		out[i].text = t
	}
	return out
}

// asciiSpace is the whitespace the lexer skips at the start of a line.
const asciiSpace = " \t\v\f\r\n"

// keepLeadingBlank restores the first of the blank lines at the top of the
// document (out holds only those).
func keepLeadingBlank(out []fmtBlock, d *Document) {
	if len(out) > 0 && out[0].blank {
		out[0].text = d.Text[d.Lines.LineEnd(out[0].first):out[0].span.End]
	}
}

// instructionBlock formats one instruction with its heredoc bodies.
func (f *formatter) instructionBlock(ins *Instruction) fmtBlock {
	d := f.d
	span := Span{d.Lines.LineStart(ins.Line), d.Lines.LineStart(ins.EndLine + 1)}
	old := d.Text[span.Start:span.End]
	b := fmtBlock{first: ins.Line, last: ins.EndLine, span: span, text: old}
	if f.ignored[ins.Line] {
		return b
	}
	edits, _ := f.instructionEdits(ins)
	edits = mergeEdits(edits)
	text := applyWithin(d.Text, span, edits)
	if text == old && !(f.opts.Shell && ins.Cmd == "RUN") {
		return b
	}
	posix := f.posix(ins)
	if f.opts.Shell && posix {
		if s, ok := f.shellInstruction(ins, edits); ok && s != text {
			if sameProgram(old, s, d.Escape, posix) {
				b.text = s
				return b
			}
			f.shellRejected++ // e.g. `cmd` printed as $(cmd): the default style instead
		}
	}
	if text != old && !sameProgram(old, text, d.Escape, posix) {
		f.fallbacks++
		return b
	}
	b.text = text
	return b
}

// posix reports whether the shell-form commands of ins run in a POSIX shell
// (so they can be parsed, compared and printed with mvdan.cc/sh).
func (f *formatter) posix(ins *Instruction) bool {
	if f.d.Escape != '\\' {
		return false
	}
	st := f.d.StageOf(ins)
	if st == nil {
		return true
	}
	if p, ok := f.posixStages[st]; ok {
		return p
	}
	if f.posixStages == nil {
		f.posixStages = map[*Stage]bool{}
	}
	f.posixStages[st] = f.d.posixShell(st)
	return f.posixStages[st]
}

// The markers that leave text alone: "# dockerfmt-ignore" for the next
// instruction (the other formatter's convention) and a region between
// "# dockerfile-ls: fmt off" and "# dockerfile-ls: fmt on".
const (
	markerIgnoreNext = "dockerfmt-ignore"
	markerOff        = "dockerfile-ls: fmt off"
	markerOn         = "dockerfile-ls: fmt on"
)

func fmtMarker(comment string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.TrimPrefix(comment, "#"))), " ")
}

// markIgnored marks the lines to leave alone; an instruction any of whose
// lines is marked is left alone whole.
func (f *formatter) markIgnored() {
	d := f.d
	n := d.Lines.Count()
	f.ignored = make([]bool, n+1)
	off := -1
	var next []int // lines of "# dockerfmt-ignore"
	for _, c := range d.Comments() {
		switch fmtMarker(c.Text) {
		case markerOff:
			if off < 0 {
				off = c.line
			}
		case markerOn:
			if off >= 0 {
				for l := off; l <= c.line; l++ {
					f.ignored[l] = true
				}
				off = -1
			}
		case markerIgnoreNext:
			next = append(next, c.line)
		}
	}
	if off >= 0 {
		for l := off; l < n; l++ {
			f.ignored[l] = true
		}
	}
	for _, ins := range d.Instructions() {
		skip := false
		for len(next) > 0 && next[0] <= ins.EndLine {
			skip = true // the first instruction ending after the marker
			next = next[1:]
		}
		for l := ins.Line; l <= ins.EndLine && !skip; l++ {
			skip = f.ignored[l]
		}
		if skip {
			for l := ins.Line; l <= ins.EndLine; l++ {
				f.ignored[l] = true
			}
		}
	}
}

// unit is one level of indentation.
func (f *formatter) unit() string { return f.opts.Indent }

func (f *formatter) unitColumns() int { return f.columns(f.opts.Indent) }

// columns measures the width of indentation s.
func (f *formatter) columns(s string) int {
	c := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\t' {
			c += f.opts.TabWidth - c%f.opts.TabWidth
		} else {
			c++
		}
	}
	return c
}

// indentOf writes cols columns of indentation in the style of the unit.
func (f *formatter) indentOf(cols int) string {
	if strings.HasPrefix(f.opts.Indent, "\t") {
		return strings.Repeat("\t", cols/f.opts.TabWidth) + strings.Repeat(" ", cols%f.opts.TabWidth)
	}
	return strings.Repeat(" ", cols)
}
