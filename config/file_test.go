package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseSetsWhatTheFileSays(t *testing.T) {
	f := Parse("/p/.dockerfile-ls.yaml", []byte(`
rules:
  StageNameCasing: off
  JSONArgsRecommended: error
shellRules: false
locale: ru
context: ..
format:
  shell: true
  maxBlankLines: 2
`))
	if err := f.Err(); err != nil {
		t.Fatal(err)
	}
	got := f.Apply(Default())
	if got.Locale != "ru" || got.Context != "/" || !got.Format.Shell || got.Format.MaxBlankLines != 2 ||
		got.Rules["StageNameCasing"] != "off" || got.Rules["JSONArgsRecommended"] != "error" || got.ShellRules == nil || *got.ShellRules {
		t.Errorf("Apply = %+v", got)
	}
}

func TestParseErrorsHaveLines(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"rules:\n  StageNameCasng: off\n", `f.yaml:2:3: unknown rule "StageNameCasng" (did you mean "StageNameCasing"?)`},
		{"rules:\n  StageNameCasing: loud\n", `f.yaml:2:20: rule StageNameCasing: unknown level "loud" (one of off, error, warning, information, hint)`},
		{"rules:\n  ParseError: off\n", `f.yaml:2:15: rule "ParseError" cannot be configured`},
		{"locale: fr\n", `f.yaml:1:9: unknown locale "fr"`},
		{"colour: red\n", `f.yaml:1:1: unknown setting "colour"`},
		{"rules: [a]\n", `f.yaml:1:8: rules must be a mapping`},
		{"format:\n  maxBlankLines: -1\n", `f.yaml:2:18: format.maxBlankLines must be a number`},
		{"rules:\n  a: b\n c: d\n", `f.yaml:2:1: not valid YAML: did not find expected key`},
		{"shellRules: maybe\n", `f.yaml:1:13: shellRules must be true or false`},
		{"- a\n", `f.yaml:1:1: the file must be a mapping`},
	} {
		err := Parse("f.yaml", []byte(c.text)).Err()
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %s…", c.text, err, c.want)
		}
	}
}

func TestParseKeepsTheGoodEntries(t *testing.T) {
	f := Parse("f.yaml", []byte("rules:\n  Nope: off\n  StageNameCasing: hint\nlocale: ru\n"))
	if len(f.Errors) != 1 {
		t.Fatalf("errors: %v", f.Err())
	}
	if s := f.Apply(Default()); s.Rules["StageNameCasing"] != "hint" || s.Locale != "ru" || len(s.Rules) != 1 {
		t.Errorf("Apply = %+v", s)
	}
}

func TestFindStopsAtTheRepositoryRoot(t *testing.T) {
	top := t.TempDir()
	repo := filepath.Join(top, "repo")
	deep := filepath.Join(repo, "a", "b")
	must(t, os.MkdirAll(deep, 0o755))
	must(t, os.WriteFile(filepath.Join(top, FileName), []byte("locale: ru\n"), 0o644))
	if got := Find(deep, ""); got != filepath.Join(top, FileName) {
		t.Errorf("without .git: %q", got)
	}
	must(t, os.Mkdir(filepath.Join(repo, ".git"), 0o755))
	if got := Find(deep, ""); got != "" {
		t.Errorf("above the repository root: found %q", got)
	}
	must(t, os.WriteFile(filepath.Join(repo, "a", FileName), nil, 0o644))
	if got := Find(deep, ""); got != filepath.Join(repo, "a", FileName) {
		t.Errorf("in a parent: %q", got)
	}
	if got := Find(deep, deep); got != "" {
		t.Errorf("above the workspace root: found %q", got)
	}
}

func TestCacheRereadsAChangedFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, FileName)
	must(t, os.WriteFile(p, []byte("locale: ru\n"), 0o644))
	c := NewCache()
	if s := c.Lookup(dir, dir).Apply(Default()); s.Locale != "ru" {
		t.Fatalf("locale %q", s.Locale)
	}
	must(t, os.WriteFile(p, []byte("locale: en\nrules: {}\n"), 0o644))
	if s := c.Lookup(dir, dir).Apply(Default()); s.Locale != "en" {
		t.Errorf("after the change: locale %q", s.Locale)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
