package analysis

// The formatter changes whitespace only where it separates words. This file
// says where that is: outside quotes and not protected by the escape token,
// as the lexer's quote scanner (quote.go) reads a line the way BuildKit's
// word splitting and POSIX shells do. A position that might be quoted counts
// as quoted, so an unusual quote leaves text alone rather than changing it.

// freeBoundaries reports, for each boundary 0..len(s) of s (the position just
// before s[i]), whether it lies outside quotes and not between an escape
// token and the byte it protects. Whitespace at a free boundary separates
// words.
func freeBoundaries(s string, escape byte) []bool {
	free := make([]bool, len(s)+1)
	sc := quoteScanner{text: s, escape: escape}
	for {
		free[sc.pos] = !sc.quoted()
		if _, ok := sc.next(); !ok {
			break
		}
	}
	free[len(s)] = !sc.quoted() && !endsWithEscape(s, escape)
	return free
}

// endsWithEscape reports whether s ends with an unpaired escape token.
func endsWithEscape(s string, escape byte) bool {
	n := 0
	for i := len(s) - 1; i >= 0 && s[i] == escape; i-- {
		n++
	}
	return n%2 == 1
}

// separator reports whether s[i] is whitespace that separates words.
func separator(s string, free []bool, i int) bool {
	return i >= 0 && i < len(s) && free[i] && (s[i] == ' ' || s[i] == '\t')
}
