package docs

import (
	"maps"
	"regexp"
	"slices"
	"testing"
	"unicode/utf8"
)

// maxDetail is the longest value detail, in characters: it sits next to
// the value in a completion list.
const maxDetail = 60

// computedMode matches the octal modes whose detail is computed (their rwx
// form), so values.yaml does not list them.
var computedMode = regexp.MustCompile(`^[0-7]{3,4}$`)

// valueLists returns, per list name ValueDetail takes, the values the
// reference offers from that list.
func valueLists() map[string][]string {
	ref := Ref()
	out := map[string][]string{}
	own := func(values, suggest []string) []string {
		if len(suggest) > 0 {
			return suggest
		}
		return values
	}
	for _, k := range ref.Kinds {
		if vs := own(k.Values, k.Suggest); len(vs) > 0 {
			out[KindList(k.Name)] = vs
		}
	}
	for _, in := range ref.Instructions {
		for _, f := range in.Flags {
			if vs := own(f.Values, f.Suggest); len(vs) > 0 {
				out[FlagList(in.Name, f.Name)] = vs
			}
			for _, k := range f.Keys {
				if vs := own(k.Values, k.Suggest); len(vs) > 0 {
					out[MountOptionList(k.Name)] = vs
				}
			}
		}
	}
	for _, d := range ref.Directives {
		if d.Kind == "" && len(d.Values) > 0 {
			out[DirectiveList(d.Name)] = d.Values
		}
	}
	return out
}

// Every value completion offers from a list has an English detail, and
// values.yaml describes nothing the reference does not offer.
func TestValueDetailsCoverTheReference(t *testing.T) {
	lists := valueLists()
	en := valueDetails()[defaultLang]
	for list, values := range lists {
		for _, v := range values {
			if computedMode.MatchString(v) && (list == KindList("octal") || list == KindList("chmod")) {
				if _, listed := en[list][v]; listed {
					t.Errorf("%s: %q has a computed detail; remove it from en/values.yaml", list, v)
				}
				continue
			}
			if en[list][v] == "" {
				t.Errorf("%s: no detail for %q in en/values.yaml", list, v)
			}
		}
	}
	for list, details := range en {
		values, ok := lists[list]
		if !ok {
			t.Errorf("en/values.yaml: %s is not a list of reference.yaml", list)
			continue
		}
		for v, d := range details {
			if !slices.Contains(values, v) {
				t.Errorf("en/values.yaml: %s does not offer %q", list, v)
			}
			if n := utf8.RuneCountInString(d); n > maxDetail {
				t.Errorf("en/values.yaml: %s %q: detail of %d characters (at most %d): %q", list, v, n, maxDetail, d)
			}
		}
	}
}

// Every translation describes exactly the values English does, in its own
// script (a detail may equal the English one only when it is a name, like
// "HTTP").
func TestValueDetailsTranslated(t *testing.T) {
	all := valueDetails()
	en := all[defaultLang]
	for lang, tr := range translations {
		lists, ok := all[lang]
		if !ok {
			t.Errorf("%s/values.yaml is missing", lang)
			continue
		}
		for _, list := range slices.Sorted(maps.Keys(en)) {
			for _, v := range slices.Sorted(maps.Keys(en[list])) {
				d, ok := lists[list][v]
				switch {
				case !ok:
					t.Errorf("%s/values.yaml: %s %q is not translated", lang, list, v)
				case d != en[list][v] && !hasScript(d, tr.script):
					t.Errorf("%s/values.yaml: %s %q: %q is not in the language's script", lang, list, v, d)
				case utf8.RuneCountInString(d) > maxDetail:
					t.Errorf("%s/values.yaml: %s %q: detail longer than %d characters: %q", lang, list, v, maxDetail, d)
				}
			}
		}
		for list, details := range lists {
			for v := range details {
				if _, ok := en[list][v]; !ok {
					t.Errorf("%s/values.yaml: %s %q has no English detail", lang, list, v)
				}
			}
		}
	}
}

func TestValueDetail(t *testing.T) {
	for _, c := range []struct{ lang, list, value, want string }{
		{"en", FlagList("RUN", "network"), "none", "no network, only loopback"},
		{"ru", FlagList("run", "network"), "none", "без сети, только loopback"},
		{"de", KindList("signal"), "SIGKILL", "kill at once; cannot be caught"}, // falls back to English
		{"en", KindList("signal"), "SIGNOPE", ""},
		{"en", "nolist/x", "x", ""},
	} {
		if got := ValueDetail(c.lang, c.list, c.value); got != c.want {
			t.Errorf("ValueDetail(%q, %q, %q) = %q, want %q", c.lang, c.list, c.value, got, c.want)
		}
	}
}
