package marker

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Note is one marker call in a case: name(args…) on a "#@" line.
type Note struct {
	Name string
	// Args are the arguments: quoted strings decoded, bare words (golden
	// section names, written word or @word) kept as "@word".
	Args []string
	// Line is the 0-based document line the note is about (the line above
	// it, notes stripped), -1 before the first line.
	Line int

	// For markers whose first argument is a pattern: the pattern without
	// its '|', and the byte offsets in Env.Text of the cursor ('|', else
	// the match start) and of the match.
	Pattern            string
	Cursor, Start, End int
}

// String renders the note as written, for messages.
func (n *Note) String() string {
	var args []string
	for _, a := range n.Args {
		if strings.HasPrefix(a, "@") {
			args = append(args, a[1:])
		} else {
			q, _ := json.Marshal(a)
			args = append(args, string(q))
		}
	}
	return fmt.Sprintf("%s(%s)", n.Name, strings.Join(args, ", "))
}

// Golden is the golden section name the argument i refers to ("@name"),
// or "" if it is a string or missing.
func (n *Note) Golden(i int) string {
	if i < len(n.Args) && strings.HasPrefix(n.Args[i], "@") {
		return n.Args[i]
	}
	return ""
}

// parseNotes parses the text after "#@": calls separated by commas.
func parseNotes(src string, line int) ([]*Note, error) {
	var out []*Note
	s := strings.TrimSpace(src)
	for s != "" {
		open := strings.IndexByte(s, '(')
		if open < 0 {
			return nil, fmt.Errorf("bad note %q", s)
		}
		n := &Note{Name: strings.TrimSpace(s[:open]), Line: line}
		s = s[open+1:]
		for {
			s = strings.TrimLeft(s, " \t,")
			if strings.HasPrefix(s, ")") {
				s = strings.TrimLeft(s[1:], " \t,")
				break
			}
			if s == "" {
				return nil, fmt.Errorf("unterminated note %s", n.Name)
			}
			if s[0] == '"' {
				end := 1
				for end < len(s) && s[end] != '"' {
					if s[end] == '\\' {
						end++
					}
					end++
				}
				if end >= len(s) {
					return nil, fmt.Errorf("unterminated string in note %s", n.Name)
				}
				var v string
				if err := json.Unmarshal([]byte(s[:end+1]), &v); err != nil {
					return nil, fmt.Errorf("bad string %s: %v", s[:end+1], err)
				}
				n.Args = append(n.Args, v)
				s = s[end+1:]
				continue
			}
			end := strings.IndexAny(s, ",)")
			if end < 0 {
				return nil, fmt.Errorf("unterminated note %s", n.Name)
			}
			n.Args = append(n.Args, "@"+strings.TrimPrefix(strings.TrimSpace(s[:end]), "@"))
			s = s[end:]
		}
		out = append(out, n)
	}
	return out, nil
}

// locate finds pattern on the 0-based line of doc and returns the cursor
// offset ('|' in the pattern, else the match start) and the match span.
func locate(doc string, line int, pattern string) (cur, start, end int, err error) {
	lines := strings.SplitAfter(doc, "\n")
	if line < 0 || line >= len(lines) {
		return 0, 0, 0, fmt.Errorf("line %d out of range", line+1)
	}
	base := 0
	for _, l := range lines[:line] {
		base += len(l)
	}
	bar := strings.IndexByte(pattern, '|')
	plain := strings.Replace(pattern, "|", "", 1)
	i := strings.Index(lines[line], plain)
	if i < 0 {
		return 0, 0, 0, fmt.Errorf("pattern %q not on line %d %q", plain, line+1, lines[line])
	}
	start, end = base+i, base+i+len(plain)
	cur = start
	if bar >= 0 {
		cur = start + bar
	}
	return cur, start, end, nil
}

// locateSpec resolves "text@L": the first text on 1-based line L. A text
// with a part in brackets ("$[OUT]@6") finds the text without them and
// resolves to the bracketed part, to reach a later word on the line.
func locateSpec(doc, spec string) (start, end int, err error) {
	at := strings.LastIndexByte(spec, '@')
	if at < 0 {
		return 0, 0, fmt.Errorf("bad location %q (want text@line)", spec)
	}
	var line int
	if _, err := fmt.Sscan(spec[at+1:], &line); err != nil {
		return 0, 0, fmt.Errorf("bad location %q (want text@line)", spec)
	}
	text := spec[:at]
	open, shut := strings.IndexByte(text, '['), strings.IndexByte(text, ']')
	if open < 0 || shut < open {
		_, start, end, err = locate(doc, line-1, text)
		return start, end, err
	}
	_, start, _, err = locate(doc, line-1, text[:open]+text[open+1:shut]+text[shut+1:])
	return start + open, start + shut - 1, err
}
