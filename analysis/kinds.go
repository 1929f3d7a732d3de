package analysis

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
	"github.com/moby/buildkit/util/suggest"
)

// This file is the one home of value kinds (durations, enums, modes,
// platforms, signals, ports…): validate says whether a value is of its kind
// and suggest what completion offers for it. The lists are in
// docs/reference.yaml (kinds:, and the values of each enum flag or option);
// the checks are here.

// valueKind is the kind of one value (a flag's, a mount option's, an
// instruction's arguments or a directive's) with its lists.
type valueKind struct {
	name    string
	values  []string // allowed values: an enum's own, or the kind's closed list
	offered []string // what completion offers
	list    string   // the list of the flag's or option's own values (docs.ValueDetail), or ""
	def     string   // the flag's or option's default, as reference.yaml writes it
}

// kindOf builds a kind from its name and the lists of the flag, option or
// argument using it (empty lists take the kind's).
func kindOf(name string, values, offered []string) valueKind {
	k := valueKind{name: name, values: values, offered: offered}
	if meta := docs.Ref().ValueKind(name); meta != nil {
		if len(k.values) == 0 {
			k.values = meta.Values
		}
		if len(k.offered) == 0 {
			k.offered = meta.Suggest
		}
	}
	if len(k.offered) == 0 {
		k.offered = k.values
	}
	return k
}

func flagKind(f *docs.Flag) valueKind { return kindOf(f.Kind, f.Values, f.Suggest) }
func keyKind(k *docs.Key) valueKind   { return kindOf(k.Kind, k.Values, k.Suggest) }
func namedKind(name string) valueKind { return kindOf(name, nil, nil) }

// flagValues is flagKind with what completion needs to describe the values:
// the flag's own list and its default.
func flagValues(instr string, f *docs.Flag) valueKind {
	k := flagKind(f)
	if len(f.Values) > 0 || len(f.Suggest) > 0 {
		k.list = docs.FlagList(instr, f.Name)
	}
	k.def = f.Default
	return k
}

// keyValues is keyKind with the option's own list and default.
func keyValues(key *docs.Key) valueKind {
	k := keyKind(key)
	if len(key.Values) > 0 || len(key.Suggest) > 0 {
		k.list = docs.MountOptionList(key.Name)
	}
	k.def = key.Default
	return k
}

// problem is why a value is not of its kind, and what was likely meant.
type problem struct {
	msg        *message
	suggestion string
}

var (
	octalRe    = regexp.MustCompile(`^[0-7]{1,4}$`)
	symbolicRe = regexp.MustCompile(`^[ugoa]*[-+=][rwxXst]*([,][ugoa]*[-+=][rwxXst]*)*$`)
	sizeRe     = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?\s*([kKmMgGtT]?[iI]?[bB]?)?$`)
)

// validate checks v against the kind; nil means valid (kinds without a
// check accept anything). hasValue is false for a bare flag ("--link"),
// which only a bool may be.
func (k valueKind) validate(v string, hasValue bool) *problem {
	bad := func(t Text, args ...any) *problem { return &problem{msg: &message{text: t, args: args}} }
	switch k.name {
	case "enum":
		if !slices.Contains(k.values, v) {
			var hint any = ""
			s, ok := suggest.Search(v, k.values, true)
			if ok {
				hint = &message{text: hintValue, args: []any{s}}
			}
			return &problem{msg: &message{text: valueNotInEnum, args: []any{v, strings.Join(k.values, ", "), hint}}, suggestion: s}
		}
	case "bool":
		if hasValue && !slices.Contains(k.values, strings.ToLower(v)) {
			return bad(valueNotBool, v)
		}
	case "duration":
		dur, err := time.ParseDuration(v)
		if err != nil {
			return bad(valueNotDuration, v)
		}
		if dur != 0 && dur < time.Millisecond {
			return bad(valueDurationTooShort, v)
		}
	case "int":
		n, err := strconv.Atoi(v)
		if err != nil {
			return bad(valueNotInt, v)
		}
		if n < 0 {
			return bad(valueNegative, n)
		}
	case "chmod":
		if !octalRe.MatchString(v) && !symbolicRe.MatchString(v) {
			return bad(valueNotChmod, v)
		}
	case "octal":
		if _, err := strconv.ParseUint(v, 8, 32); err != nil {
			return bad(valueNotOctal, v)
		}
	case "size":
		if !sizeRe.MatchString(v) {
			return bad(valueNotSize, v)
		}
	}
	return nil
}

// suggest returns the values completion offers for the kind.
func (k valueKind) suggest() []string { return k.offered }

// detail is the short description completion shows next to v: the one
// values.yaml gives for the flag's or option's own list, else for the
// kind's; an octal mode's permissions; "(default)" when v is the default.
func (k valueKind) detail(lang, v string) string {
	d := ""
	if k.list != "" {
		d = docs.ValueDetail(lang, k.list, v)
	}
	if d == "" {
		d = docs.ValueDetail(lang, docs.KindList(k.name), v)
	}
	if d == "" && (k.name == "octal" || k.name == "chmod") {
		d = permissions(v)
	}
	if v != "" && v == k.def {
		d = strings.TrimSpace(d + " " + defaultMark.render(lang))
	}
	return d
}

// permissions writes an octal mode as ls does (0755: rwxr-xr-x), or "".
func permissions(v string) string {
	if !octalRe.MatchString(v) {
		return ""
	}
	n, _ := strconv.ParseUint(v, 8, 32)
	const rwx = "rwxrwxrwx"
	b := []byte("---------")
	for i := range b {
		if n&(1<<(8-i)) != 0 {
			b[i] = rwx[i]
		}
	}
	return string(b)
}

// items are the completion items of the values the kind offers, in the
// reference's order, each with its detail.
func (k valueKind) items(lang string, replace Span, kind ItemKind) []CompletionItem {
	var out []CompletionItem
	for i, v := range k.suggest() {
		out = append(out, CompletionItem{Label: v, Kind: kind, Replace: replace, Insert: v,
			Detail: k.detail(lang, v), Sort: sortKey(sortValue, i)})
	}
	return out
}

var defaultMark = &message{text: Text{"en": "(default)", "ru": "(по умолчанию)"}}

// The sentences of validate, and the "did you mean" hints of our messages.
var (
	hintFlag  = Text{"en": " (did you mean --%s?)", "ru": " (возможно, имелся в виду --%s?)"}
	hintValue = Text{"en": " (did you mean %s?)", "ru": " (возможно, имелось в виду %s?)"}

	valueNotInEnum        = Text{"en": "%q is not one of %s%s", "ru": "%q не входит в список: %s%s"}
	valueNotBool          = Text{"en": "%q is not a boolean; use true or false", "ru": "%q — не логическое значение; используйте true или false"}
	valueNotDuration      = Text{"en": "%q is not a duration; write it like 30s, 1m30s or 500ms", "ru": "%q — не длительность; пишите, например, 30s, 1m30s или 500ms"}
	valueDurationTooShort = Text{"en": "%q is shorter than the minimum of 1ms", "ru": "%q меньше минимума в 1ms"}
	valueNotInt           = Text{"en": "%q is not a whole number", "ru": "%q — не целое число"}
	valueNegative         = Text{"en": "%d cannot be negative", "ru": "%d не может быть отрицательным"}
	valueNotChmod         = Text{"en": "%q is not a file mode; use octal like 0755 or symbolic like u+x", "ru": "%q — не режим доступа; используйте восьмеричный вид (0755) или символьный (u+x)"}
	valueNotOctal         = Text{"en": "%q is not an octal mode such as 0755", "ru": "%q — не восьмеричный режим вроде 0755"}
	valueNotSize          = Text{"en": "%q is not a size such as 64m or 1g", "ru": "%q — не размер вроде 64m или 1g"}
)
