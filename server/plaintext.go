package server

import (
	"regexp"
	"strings"
)

var (
	mdLink     = regexp.MustCompile(`\[([^\]]+)\]\(([^)]+)\)`)
	mdEmphasis = regexp.MustCompile("\\*\\*([^*]+)\\*\\*|`([^`]+)`")
	mdEscape   = regexp.MustCompile("\\\\([\\\\`*_\\[\\]#<>])")
)

// plainText renders the reference's Markdown for clients that show hover
// and documentation as plain text: no fences, emphasis, link syntax or
// backslash escapes (outside fenced blocks, whose text is literal).
func plainText(md string) string {
	var b strings.Builder
	fenced := false
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		if h, ok := strings.CutPrefix(line, "## "); ok {
			line = h + ":"
		}
		if !fenced {
			parts := strings.Split(line, "`")
			for i := 0; i < len(parts); i += 2 { // not inside `code`
				parts[i] = mdEscape.ReplaceAllString(parts[i], "$1")
			}
			line = strings.Join(parts, "`")
		}
		line = mdLink.ReplaceAllString(line, "$1 ($2)")
		line = mdEmphasis.ReplaceAllString(line, "$1$2")
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return strings.TrimRight(b.String(), "\n")
}
