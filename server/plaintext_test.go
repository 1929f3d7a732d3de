package server

import "testing"

// Backslash escapes (which hover puts in messages so that Markdown shows
// <placeholders>) are dropped outside code; fenced and inline code stay literal.
func TestPlainTextEscapes(t *testing.T) {
	for md, want := range map[string]string{
		`FROM \<image\> AS \<name\>`: "FROM <image> AS <name>",
		"`C:\\\\path` and \\*x\\*":   `C:\\path and *x*`,
		"```text\nFROM \\<a\\>\n```": `FROM \<a\>`,
		"**Title**\n\nnot \\_this":   "Title\n\nnot _this",
	} {
		if got := plainText(md); got != want {
			t.Errorf("plainText(%q) = %q, want %q", md, got, want)
		}
	}
}
