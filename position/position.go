// Package position is the one place that converts between byte offsets into
// a document's text and the line/column positions its consumers count in:
//
//   - editors (LSP 3.17): lines end at "\n", "\r\n" or a lone "\r", and
//     columns count UTF-8 bytes, UTF-16 code units or code points, as
//     negotiated (Mapper with an Encoding);
//   - the CLI's reports (text, JSON, SARIF, GitHub annotations): the
//     editors' lines, 1-based, with code-point columns (Mapper with UTF32);
//   - BuildKit's parser: lines end at "\n" only (a lone "\r" is whitespace
//     inside a line) and are numbered from 1 (Lines, FromBuildKit).
//
// Analysis works in byte offsets and BuildKit's lines, which decide what a
// build sees; every position shown to a user goes through a Mapper. No other
// code converts.
package position

import (
	"unicode/utf16"
	"unicode/utf8"
)

// Encoding is the unit columns are counted in.
type Encoding int

// Encodings. UTF16 is the zero value because it is the LSP's default.
const (
	UTF16 Encoding = iota // UTF-16 code units
	UTF8                  // bytes
	UTF32                 // Unicode code points
)

// Pos is a zero-based line (as editors split lines) and a column in some
// Encoding.
type Pos struct {
	Line, Col int
}

// Units returns the length of s counted in e's units. A byte that is not
// valid UTF-8 counts as one unit, as the U+FFFD that replaces it.
func Units(s string, e Encoding) int {
	switch e {
	case UTF8:
		return len(s)
	case UTF32:
		return utf8.RuneCountInString(s)
	}
	n := 0
	for _, r := range s {
		n += unitsOf(r, e)
	}
	return n
}

// unitsOf is the length of r in e's units (e is not UTF8).
func unitsOf(r rune, e Encoding) int {
	if e == UTF16 && r >= 0x10000 {
		return utf16.RuneLen(r)
	}
	return 1
}

// FromBuildKit converts one of BuildKit's 1-based line numbers to the
// zero-based line of Lines.
func FromBuildKit(line int) int { return line - 1 }
