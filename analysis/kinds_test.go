package analysis

import (
	"strings"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
)

func TestValueKindsValidate(t *testing.T) {
	for _, tc := range []struct {
		kind   valueKind
		valid  []string
		bad    []string
		reason string // fragment of the English reason for the first bad value
	}{
		{namedKind("duration"), []string{"30s", "1m30s", "0s", "500ms"}, []string{"5", "1ns"}, "not a duration"},
		{namedKind("int"), []string{"0", "3"}, []string{"x", "-1"}, "not a whole number"},
		{namedKind("chmod"), []string{"0755", "u+x", "a=rX,u+w"}, []string{"9999", "u+z"}, "not a file mode"},
		{namedKind("octal"), []string{"0755", "400"}, []string{"999"}, "not an octal mode"},
		{namedKind("size"), []string{"64m", "1g", "1024"}, []string{"big"}, "not a size"},
		{namedKind("bool"), []string{"true", "FALSE"}, []string{"yes"}, "not a boolean"},
		{kindOf("enum", []string{"default", "none", "host"}, nil), []string{"none"}, []string{"hots", "foo"}, `"hots" is not one of default, none, host (did you mean host?)`},
		{namedKind("string"), []string{"anything", ""}, nil, ""},
	} {
		for _, v := range tc.valid {
			if p := tc.kind.validate(v, true); p != nil {
				t.Errorf("%s: %q rejected: %s", tc.kind.name, v, p.msg.render("en"))
			}
		}
		for i, v := range tc.bad {
			p := tc.kind.validate(v, true)
			if p == nil {
				t.Errorf("%s: %q accepted", tc.kind.name, v)
				continue
			}
			if i == 0 && !strings.Contains(p.msg.render("en"), tc.reason) {
				t.Errorf("%s: %q: %q, want %q", tc.kind.name, v, p.msg.render("en"), tc.reason)
			}
			if p.msg.render("ru") == p.msg.render("en") {
				t.Errorf("%s: %q: no Russian reason", tc.kind.name, v)
			}
		}
	}
	if p := kindOf("enum", []string{"default", "none", "host"}, nil).validate("hots", true); p == nil || p.suggestion != "host" {
		t.Errorf("an enum suggests the value one typo away: %+v", p)
	}
	if p := namedKind("bool").validate("", false); p != nil {
		t.Errorf("a bare bool flag is valid")
	}
}

// What completion suggests for a value is a valid value of its kind, for
// every flag and mount option of the reference.
func TestValueKindsSuggestValidValues(t *testing.T) {
	check := func(where string, k valueKind) {
		for _, v := range k.suggest() {
			if strings.Contains(v, "$") {
				continue // decided at build time
			}
			if p := k.validate(v, true); p != nil {
				t.Errorf("%s suggests %q, which its kind %s rejects: %s", where, v, k.name, p.msg.render("en"))
			}
		}
	}
	for _, in := range docs.Ref().Instructions {
		for _, f := range in.Flags {
			check(in.Name+" --"+f.Name, flagKind(f))
			for _, key := range f.Keys {
				check(in.Name+" --"+f.Name+" "+key.Name, keyKind(key))
			}
		}
	}
	for _, name := range []string{"duration", "chmod", "octal", "bool", "platform", "chown"} {
		if len(namedKind(name).suggest()) == 0 {
			t.Errorf("kind %s suggests nothing", name)
		}
	}
}

// Every value completion offers for a flag, a mount option, an
// instruction's arguments or a directive has a detail, in every language.
func TestValueKindsDescribeWhatTheyOffer(t *testing.T) {
	for _, lang := range docs.Languages() {
		check := func(where string, k valueKind) {
			for _, v := range k.suggest() {
				if k.detail(lang, v) == "" {
					t.Errorf("%s: %s offers %q without a detail", lang, where, v)
				}
			}
		}
		for _, in := range docs.Ref().Instructions {
			if in.Arg != "" {
				check(in.Name+" arguments", namedKind(in.Arg))
			}
			for _, f := range in.Flags {
				check(in.Name+" --"+f.Name, flagValues(in.Name, f))
				for _, key := range f.Keys {
					check(in.Name+" --"+f.Name+" "+key.Name, keyValues(key))
				}
			}
		}
		for _, d := range docs.Ref().Directives {
			if d.Kind != "" {
				check("directive "+d.Name, namedKind(d.Kind))
			}
		}
		check("EXPOSE protocols", namedKind("protocol"))
	}
	if got := namedKind("octal").detail("en", "0755"); got != "rwxr-xr-x" {
		t.Errorf("0755: detail %q", got)
	}
	if got := flagValues("RUN", docs.Ref().Flag("RUN", "network")).detail("ru", "default"); got != "обычная сеть сборки (по умолчанию)" {
		t.Errorf("RUN --network=default: detail %q", got)
	}
}
