package analysis

import (
	"slices"
	"strings"
	"unicode/utf8"
)

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

// applyWithin applies the edits that fall inside span to the text of span.
func applyWithin(text string, span Span, edits []TextEdit) string {
	var b strings.Builder
	pos := span.Start
	for _, e := range edits {
		if e.Span.Start < span.Start || e.Span.End > span.End {
			continue
		}
		b.WriteString(text[pos:e.Span.Start])
		b.WriteString(e.NewText)
		pos = e.Span.End
	}
	b.WriteString(text[pos:span.End])
	return b.String()
}

// diffEdits turns "the text at off, old, becomes new" into small edits: one
// per changed line when the line count is kept (an editor keeps the cursor
// and folds of the lines around), else one for the changed middle.
func diffEdits(off int, old, new string) []TextEdit {
	if old == new {
		return nil
	}
	ol, nl := strings.SplitAfter(old, "\n"), strings.SplitAfter(new, "\n")
	if len(ol) != len(nl) {
		return []TextEdit{trimmedEdit(off, old, new)}
	}
	var out []TextEdit
	for i := range ol {
		if ol[i] != nl[i] {
			out = append(out, trimmedEdit(off, ol[i], nl[i]))
		}
		off += len(ol[i])
	}
	return out
}

// trimmedEdit is the edit replacing old (at off) by new, without their common
// prefix and suffix.
func trimmedEdit(off int, old, new string) TextEdit {
	p := commonPrefix(old, new)
	for p > 0 && p < len(old) && !utf8.RuneStart(old[p]) {
		p-- // never split a character: positions are converted to UTF-16
	}
	if p > 0 && old[p-1] == '\r' {
		p-- // nor a CRLF
	}
	s := 0
	for s < len(old)-p && s < len(new)-p && old[len(old)-1-s] == new[len(new)-1-s] {
		s++
	}
	for s > 0 && !utf8.RuneStart(old[len(old)-s]) {
		s--
	}
	return TextEdit{Span{off + p, off + len(old) - s}, new[p : len(new)-s]}
}
