package analysis

// The formatter changes whitespace only where it separates words. This file
// says where that is: outside quotes and not protected by the escape token,
// the way BuildKit's word splitting and POSIX shells read a line. A position
// that might be quoted counts as quoted, so an unusual quote leaves text alone
// rather than changing it.

// freeBoundaries reports, for each boundary 0..len(s) of s (the position just
// before s[i]), whether it lies outside quotes and not right after an escape
// token. Whitespace at a free boundary separates words.
func freeBoundaries(s string, escape byte) []bool {
	free := make([]bool, len(s)+1)
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		free[i] = quote == 0
		c := s[i]
		switch {
		case quote == '\'':
			if c == '\'' {
				quote = 0
			}
		case c == escape:
			// The escape token protects the next byte, inside double quotes too.
			if i+1 < len(s) {
				i++
			}
		case quote == '"':
			if c == '"' {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		}
	}
	free[len(s)] = quote == 0 && !endsWithEscape(s, escape)
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
