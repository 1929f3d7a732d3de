package analysis

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
)

// untranslated returns the first English word left in a Russian message,
// or "". Code and identifiers are not English: quoted or back-quoted text,
// upper-case and CamelCase names, flags, paths, key=value, $VARS, and the
// names of keywords, options and values a Dockerfile spells in English.
// The values the finding reports (Data: what the user wrote) are code too.
func untranslated(msg string, data Data) string {
	values := append([]string{data.Token, data.Suggestion}, data.Args...)
	slices.SortFunc(values, func(a, b string) int { return len(b) - len(a) })
	for _, v := range values {
		if v != "" {
			msg = replaceWord(msg, v)
		}
	}
	rest := reCodeSpan.ReplaceAllString(msg, " ")
	for _, w := range reWord.FindAllString(rest, -1) {
		if !reLowerLatin.MatchString(w) {
			continue // Russian; or a flag, path, option, variable, placeholder, instruction, signal or identifier
		}
		if englishTerms[w] || referenceWords()[w] {
			continue
		}
		return w
	}
	return ""
}

// replaceWord blanks each occurrence of v in msg that is not part of a
// longer word ("ro" in "from" is not the value "ro").
func replaceWord(msg, v string) string {
	var b strings.Builder
	for {
		i := strings.Index(msg, v)
		if i < 0 {
			return b.String() + msg
		}
		before, after := utf8.RuneError, utf8.RuneError
		if i > 0 {
			before, _ = utf8.DecodeLastRuneInString(msg[:i])
		}
		if rest := msg[i+len(v):]; rest != "" {
			after, _ = utf8.DecodeRuneInString(rest)
		}
		inWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
		if inWord(before) || inWord(after) {
			b.WriteString(msg[:i+len(v)])
		} else {
			b.WriteString(msg[:i] + " ")
		}
		msg = msg[i+len(v):]
	}
}

var (
	reCodeSpan   = regexp.MustCompile("`[^`]*`|\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|«[^»]*»")
	reWord       = regexp.MustCompile(`[^\s,;:()!?«»]+`)
	reLowerLatin = regexp.MustCompile(`^[a-z]+$`)
	// englishTerms are the Dockerfile's own words, written in English in
	// the Russian reference too (docs/ru): values, option and mode names.
	englishTerms = map[string]bool{
		"true": true, "false": true, "heredoc": true, "all": true, "skip": true, "error": true,
		"sharing": true, "source": true, "target": true, "id": true, "from": true, "mode": true, "uid": true, "gid": true,
		"bind": true, "cache": true, "tmpfs": true, "secret": true, "ssh": true, "readonly": true, "required": true,
		"tcp": true, "udp": true, "sctp": true, "in": true, "do": true, "then": true,
	}
)

// referenceWords are the names and values docs/reference.yaml lists
// (flags, mount options, their values, value kinds): a Dockerfile's own
// words, which messages quote in English in every language.
var referenceWords = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	add := func(words ...string) {
		for _, w := range words {
			for _, part := range regexp.MustCompile(`[a-z]+`).FindAllString(w, -1) {
				out[part] = true
			}
		}
	}
	for _, ins := range docs.Ref().Instructions {
		for _, f := range ins.Flags {
			add(f.Name)
			add(f.Values...)
			for _, k := range f.Keys {
				add(k.Name)
				add(k.Values...)
			}
		}
	}
	for _, k := range docs.Ref().Kinds {
		add(k.Values...)
		add(k.Suggest...)
	}
	return out
})

func TestUntranslated(t *testing.T) {
	for msg, want := range map[string]string{
		"неизвестный флаг --netwrk (did you mean network?)":                      "did",
		"синтаксическая ошибка оболочки: reached EOF without closing quote `\"`": "reached",
		"этап \"Build\" лучше назвать строчными буквами":                         "",
		"флаг --link принимает true или false, а не yes":                         "",
		"флаг --link принимает true или false, а не no":                          "no",
		"перед RUN нужна инструкция FROM":                                        "",
		"используйте «ENV key=value» вместо «ENV key value»":                     "",
		"параметр yes не подходит; допустимы: from, readonly":                    "",
		"параметр yesno не подходит":                                             "yesno",
	} {
		if got := untranslated(msg, Data{Token: "yes"}); got != want {
			t.Errorf("untranslated(%q) = %q, want %q", msg, got, want)
		}
	}
}

// Every finding of every case under server/testdata/diagnostics reads in
// Russian, with no English left but code and identifiers; BuildKit's build
// checks stay BuildKit's text byte for byte in English.
func TestEveryFindingInRussian(t *testing.T) {
	rendered := map[string]bool{}
	for _, c := range diagnosticCases(t) {
		for _, d := range Parse(c.text).Diagnostics(ignoreEnv(c.ignore), nil) {
			en, ru := d.Localized("en"), d.Localized("ru")
			if d.rule != nil && d.rule.format != nil {
				rendered[d.Rule] = true
				if en != d.Message {
					t.Errorf("%s: %s must read as BuildKit writes it in English: %q, got %q", c.name, d.Rule, d.Message, en)
				}
			}
			if strings.Contains(en+ru, "%!") {
				t.Errorf("%s: %s: a template and its arguments disagree: %q / %q", c.name, d.Rule, en, ru)
			}
			if !strings.ContainsFunc(ru, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) {
				t.Errorf("%s: %s has no Russian text: %q", c.name, d.Rule, ru)
			} else if w := untranslated(ru, d.Data); w != "" {
				t.Errorf("%s: %s: Russian %q leaves English %q", c.name, d.Rule, ru, w)
			}
		}
	}
	for _, r := range Rules() {
		if r.format != nil && r.NeverFires == "" && !rendered[r.Name] {
			t.Errorf("%s: no case under server/testdata/diagnostics renders this BuildKit check", r.Name)
		}
	}
}
