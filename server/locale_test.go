package server

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

// everyInstruction builds a document with each instruction and all its
// flags, and returns it with the offsets of each keyword and flag name.
func everyInstruction() (text string, keywords map[string]int, flags map[string]int) {
	var b strings.Builder
	keywords, flags = map[string]int{}, map[string]int{}
	b.WriteString("FROM alpine AS base\n")
	for _, in := range docs.Ref().Instructions {
		keywords[in.Name] = b.Len()
		if in.Name == "FROM" {
			keywords[in.Name] = 0
		}
		b.WriteString(in.Name)
		for _, f := range in.Flags {
			b.WriteString(" ")
			flags[in.Name+"-"+f.Name] = b.Len()
			b.WriteString("--" + f.Name + "=1")
		}
		b.WriteString(" x y\n")
	}
	return b.String(), keywords, flags
}

func hasCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

func hoverAt(t *testing.T, c *testClient, uri, text string, off int) string {
	t.Helper()
	var h *struct {
		Contents struct{ Value string } `json:"contents"`
	}
	c.MustCall("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": lsptest.PositionAt(text, off, lsptest.UTF16)}, &h)
	if h == nil {
		t.Fatalf("no hover at %d", off)
	}
	return h.Contents.Value
}

func TestHoverFollowsTheClientLocale(t *testing.T) {
	text, keywords, flags := everyInstruction()
	for _, tc := range []struct {
		name     string
		init     map[string]any
		wantLang string
	}{
		{"ru", map[string]any{"locale": "ru"}, "ru"},
		{"ru-RU", map[string]any{"locale": "ru-RU"}, "ru"},
		{"en", map[string]any{"locale": "en"}, "en"},
		{"no locale", map[string]any{}, "en"},
		{"de falls back to en", map[string]any{"locale": "de-DE"}, "en"},
		{"setting overrides the client", map[string]any{"locale": "ru", "initializationOptions": map[string]any{"locale": "en"}}, "en"},
		{"setting picks ru", map[string]any{"locale": "en-US", "initializationOptions": map[string]any{"dockerfile-ls": map[string]any{"locale": "ru"}}}, "ru"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := startServer(t)
			c.initialize(tc.init)
			const uri = "file:///w/Dockerfile"
			c.Open(uri, text)
			for name, off := range keywords {
				want, _ := docs.Page(tc.wantLang, docs.KindInstruction, name)
				if got := hoverAt(t, c, uri, text, off); !strings.HasPrefix(got, want) {
					t.Errorf("%s hover on %s:\n%.120q\nwant the %s page %.120q", tc.name, name, got, tc.wantLang, want)
				}
			}
			for name, off := range flags {
				want, _ := docs.Page(tc.wantLang, docs.KindFlag, name)
				got := hoverAt(t, c, uri, text, off+1)
				if !strings.HasPrefix(got, want) {
					t.Errorf("%s hover on %s: %.80q, want the %s page", tc.name, name, got, tc.wantLang)
				}
				if hasCyrillic(got) != (tc.wantLang == "ru") {
					t.Errorf("%s hover on %s is not in %s: %.80q", tc.name, name, tc.wantLang, got)
				}
			}
		})
	}
}

func TestCompletionDocsAndMessagesFollowTheLocale(t *testing.T) {
	c := startServer(t)
	c.initialize(map[string]any{"locale": "ru"})
	const uri = "file:///w/Dockerfile"
	text := "FROM alpine\n\nRUN --netwrk=none true\n"
	c.Open(uri, text)
	var list struct {
		Items []json.RawMessage `json:"items"`
	}
	c.MustCall("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 1, "character": 0}}, &list)
	var resolved struct {
		Label         string
		Detail        string
		Documentation struct{ Value string }
	}
	for _, raw := range list.Items {
		var it struct{ Label string }
		json.Unmarshal(raw, &it)
		if it.Label == "RUN" {
			c.MustCall("completionItem/resolve", raw, &resolved)
		}
	}
	want, _ := docs.Page("ru", docs.KindInstruction, "RUN")
	if resolved.Documentation.Value != want || !hasCyrillic(resolved.Detail) {
		t.Errorf("resolved RUN item: detail %q, docs %.80q; want the Russian page", resolved.Detail, resolved.Documentation.Value)
	}
	var rep struct {
		Items []lsptest.Diagnostic `json:"items"`
	}
	c.MustCall("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}}, &rep)
	if len(rep.Items) != 1 || !strings.Contains(rep.Items[0].Message, "неизвестный флаг --netwrk") {
		t.Fatalf("our rule's message should be Russian: %+v", rep.Items)
	}
	// Switching the setting at run time switches the language.
	c.Notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"dockerfile-ls": map[string]any{"locale": "en"}}})
	c.MustCall("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}}, &rep)
	if len(rep.Items) != 1 || !strings.HasPrefix(rep.Items[0].Message, "unknown flag --netwrk") {
		t.Fatalf("after switching to en: %+v", rep.Items)
	}
}

func TestSignatureHelpFollowsTheLocale(t *testing.T) {
	c := startServer(t)
	c.initialize(map[string]any{"locale": "ru"})
	const uri = "file:///w/Dockerfile"
	c.Open(uri, "FROM alpine\nCOPY a b\n")
	var sh struct {
		Signatures []struct {
			Documentation struct{ Value string }
		}
	}
	c.MustCall("textDocument/signatureHelp", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 1, "character": 6}}, &sh)
	if len(sh.Signatures) == 0 || !hasCyrillic(sh.Signatures[0].Documentation.Value) {
		t.Fatalf("signature docs should be Russian: %+v", sh)
	}
}
