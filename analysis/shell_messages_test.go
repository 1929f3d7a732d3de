package analysis

import (
	"strings"
	"testing"
	"unicode"
)

// shellErrorScripts are broken shell snippets, one per kind of error
// mvdan.cc/sh reports.
var shellErrorScripts = []string{
	"if [ -f x ]; cat x", "if x; then y", "if x; then y; else", "echo \"abc", "echo 'abc", "echo $(ls", "echo `ls",
	"for f in a b; echo $f; done", "for f in a b; do echo", "for f a", "while true; echo", "while true; do x",
	"a &&", "a ||", "a |", "done", "fi", "then", "esac", "cat <<EOF\nx", ")", "}", ";;", "; x", "& x",
	"echo a (b)", "case x in a) y;; ", "case x", "echo >", "echo ${x", "echo ${x!}", "{ echo", "( echo",
	"f() ", "[[ a", "[[ a -foo b ]]", "echo $((1 +", "x=(a (b))", "until x; y", "echo ${#x:-y}",
	"function", "a; do", "if then fi", "!", "! ! x", "echo a |& ", "cat < ", "for ((i=0", "select x",
	"echo $[1", "elif x", "{ }", "( )", "echo ${@x}", "echo ${x[}", "let", "coproc", "echo <(", "[[ ]]", "echo ${1a}",
	"x=$(echo ')", "echo }", "case x in a) b;; (c d) e;; esac",
}

// Every error the parser gives on those scripts reads in Russian without
// English words (its tokens and code excepted); English is its own text.
func TestShellProblemsInRussian(t *testing.T) {
	for _, script := range shellErrorScripts {
		p := parseScript(script)
		if !p.hasErr {
			continue
		}
		text := p.errMsg
		m := shellProblem(text)
		if en := m.render("en"); en != text {
			t.Errorf("%q: English %q, want the parser's %q", script, en, text)
		}
		ru := m.render("ru")
		if ru == text || !strings.ContainsFunc(ru, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) {
			t.Errorf("%q: %q has no Russian description", script, text)
		} else if w := untranslated(ru, Data{}); w != "" {
			t.Errorf("%q: %q in Russian %q leaves %q", script, text, ru, w)
		}
	}
}
