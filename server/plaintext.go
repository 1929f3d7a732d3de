package server

import (
	"regexp"
	"strings"
)

var (
	mdLink     = regexp.MustCompile(`\[([^\]]+)\]\(([^)]+)\)`)
	mdEmphasis = regexp.MustCompile("\\*\\*([^*]+)\\*\\*|`([^`]+)`")
)

// plainText renders the reference's Markdown for clients that show hover
// and documentation as plain text: no fences, emphasis or link syntax.
func plainText(md string) string {
	var b strings.Builder
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			continue
		}
		if h, ok := strings.CutPrefix(line, "## "); ok {
			line = h + ":"
		}
		line = mdLink.ReplaceAllString(line, "$1 ($2)")
		line = mdEmphasis.ReplaceAllString(line, "$1$2")
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return strings.TrimRight(b.String(), "\n")
}
