package analysis

import (
	"slices"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
)

// FormatOptions tune Format.
type FormatOptions struct {
	// Indent is the indentation of continuation lines (default 4 spaces).
	Indent string
}

// Format returns the document formatted, as edits against its text. It only
// makes changes that cannot alter what BuildKit builds:
//   - instruction keywords in upper case;
//   - one space between the keyword (and ONBUILD's trigger) and what follows;
//   - continuation lines indented by Indent when the line break is outside
//     quotes and the line already starts with whitespace (so no word is split);
//   - no trailing whitespace (heredoc bodies untouched), one final newline.
func (d *Document) Format(opts FormatOptions) []TextEdit {
	if opts.Indent == "" {
		opts.Indent = "    "
	}
	var edits []TextEdit
	protected := map[int]bool{} // lines inside heredoc bodies
	for _, ins := range d.Instructions() {
		for _, h := range ins.Heredocs {
			for l := d.Lines.LineOf(h.Body.Start); h.Body.Len() > 0 && l <= d.Lines.LineOf(h.Body.End-1); l++ {
				protected[l] = true
			}
			if h.Terminated {
				protected[d.Lines.LineOf(h.Terminator.Start)] = true
			}
		}
	}
	for _, ins := range d.Instructions() {
		if inQuotes(ins.logical.text, ins.escape) {
			// An unterminated quote: trailing spaces may be part of a value.
			for l := ins.Line; l <= ins.EndLine; l++ {
				protected[l] = true
			}
		}
	}
	for _, ins := range d.Instructions() {
		edits = append(edits, d.formatKeyword(ins)...)
		if ins.Sub != nil {
			edits = append(edits, d.formatKeyword(ins.Sub)...)
		}
		edits = append(edits, d.formatContinuations(ins, opts.Indent, protected)...)
	}
	for l := 0; l < d.Lines.Count(); l++ {
		if protected[l] {
			continue
		}
		s, e := d.Lines.LineStart(l), d.Lines.LineEnd(l)
		t := e
		for t > s && (d.Text[t-1] == ' ' || d.Text[t-1] == '\t') {
			t--
		}
		if t < e {
			edits = append(edits, TextEdit{Span{t, e}, ""})
		}
	}
	if n := len(d.Text); n > 0 && d.Text[n-1] != '\n' {
		edits = append(edits, TextEdit{Span{n, n}, "\n"})
	}
	return mergeEdits(edits)
}

func (d *Document) formatKeyword(ins *Instruction) []TextEdit {
	var out []TextEdit
	kw := d.text(ins.Keyword)
	if docs.Ref().Instruction(kw) != nil && kw != strings.ToUpper(kw) {
		out = append(out, TextEdit{ins.Keyword, strings.ToUpper(kw)})
	}
	// One space after the keyword when the rest is on the same line.
	end := ins.Keyword.End
	i := end
	for i < len(d.Text) && (d.Text[i] == ' ' || d.Text[i] == '\t') {
		i++
	}
	atEOL := i >= len(d.Text) || d.Text[i] == '\n' || d.Text[i] == '\r'
	if !atEOL && i > end && d.Text[end:i] != " " {
		out = append(out, TextEdit{Span{end, i}, " "})
	}
	return out
}

// formatContinuations re-indents the continuation lines of ins.
func (d *Document) formatContinuations(ins *Instruction, indent string, protected map[int]bool) []TextEdit {
	var out []TextEdit
	segs := ins.logical.segs
	for k := 1; k < len(segs); k++ {
		seg := segs[k]
		line := d.Lines.LineOf(seg.phys)
		if protected[line] || line > ins.EndLine {
			continue
		}
		ls := d.Lines.LineStart(line)
		if seg.phys != ls {
			continue
		}
		ws := ls
		for ws < len(d.Text) && (d.Text[ws] == ' ' || d.Text[ws] == '\t') {
			ws++
		}
		if ws == ls || ws >= d.Lines.LineEnd(line) || d.Text[ls:ws] == indent {
			continue // no indentation (joins a word), blank, or already right
		}
		if inQuotes(ins.logical.text[:seg.log], ins.escape) {
			continue // spaces inside a quoted string are part of the value
		}
		out = append(out, TextEdit{Span{ls, ws}, indent})
	}
	return out
}

// inQuotes reports whether the end of s is inside a quoted string.
func inQuotes(s string, escape byte) bool {
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == escape && quote != '\'':
			i++
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case c == quote:
			quote = 0
		}
	}
	return quote != 0
}

// mergeEdits sorts edits and drops any that overlap an earlier one.
func mergeEdits(edits []TextEdit) []TextEdit {
	sortEdits(edits)
	return dropOverlaps(edits, func(e TextEdit) Span { return e.Span })
}

// dropOverlaps keeps, from items sorted by start, each one that does not
// overlap the one kept before it.
func dropOverlaps[T any](items []T, span func(T) Span) []T {
	var out []T
	end := -1
	for _, it := range items {
		if s := span(it); s.Start >= end {
			out = append(out, it)
			end = s.End
		}
	}
	return out
}

func sortEdits(edits []TextEdit) {
	slices.SortStableFunc(edits, func(a, b TextEdit) int { return a.Span.Start - b.Span.Start })
}

// ApplyEdits applies sorted, non-overlapping edits to text.
func ApplyEdits(text string, edits []TextEdit) string {
	var b strings.Builder
	pos := 0
	for _, e := range edits {
		b.WriteString(text[pos:e.Span.Start])
		b.WriteString(e.NewText)
		pos = e.Span.End
	}
	b.WriteString(text[pos:])
	return b.String()
}
