package analysis

import (
	"regexp"
	"strconv"
	"strings"
)

// BuildKit's parse and instruction errors are text with a line range. Each
// class (buildkit_errors_parse.go, buildkit_errors_build.go) is one kind of
// them: the pattern of its message, the rule that reports it, the token it
// blames and our text for it. The first class whose pattern matches wins;
// the last one matches everything.
//
// A finding keeps BuildKit's text as its Message, byte for byte. Our text,
// where a class has one, is what a user reads (Localized): an explanation
// in English where BuildKit's message is cryptic, a translation in other
// languages.

// errorClass is one class of BuildKit's errors.
type errorClass struct {
	name string
	rule *Rule
	// pattern is BuildKit's message without its " (did you mean X?)"
	// suffix; a group named token captures the token at fault, and every
	// group is one of Data.Args.
	pattern *regexp.Regexp
	// text is our message by id ("" for the main one): "en" only where
	// BuildKit's is cryptic (without it English users read BuildKit's),
	// other languages translate. Its verbs take Data.Args unless args
	// picks the message and its arguments (ins and target are nil for an
	// error on no line).
	text map[string]Text
	args func(d *Document, ins, target *Instruction, data Data) (id string, args []any)
	// narrow blames a token of ins (target is its ONBUILD trigger, when it
	// has one); ok=false falls back to blameMessage.
	narrow func(d *Document, ins, target *Instruction, data Data) (span Span, ok bool)
	// locate finds what an error is about that BuildKit places on no line
	// of its own (parser directives, the # check= options, --from
	// variables, the file as a whole); it wins over BuildKit's line.
	locate func(d *Document, data Data) (span Span, ok bool)
}

// errorClasses is the ordered list of classes; "other" matches everything.
var errorClasses = concatClasses(parseErrorClasses, buildErrorClasses, []*errorClass{
	// Broad classes for messages the lists above do not know: the rule
	// only, BuildKit's text in every language.
	{name: "mount option", rule: ruleInvalidMountOption, pattern: regexp.MustCompile(`(?i)mount|csv|must be a key=value pair|sharing|unexpected key`)},
	{name: "flag value", rule: ruleInvalidFlagValue, pattern: regexp.MustCompile(`(?i)network mode|security|interval|retries`)},
	{name: "other", rule: ruleParseError, pattern: regexp.MustCompile(``)},
})

func concatClasses(lists ...[]*errorClass) []*errorClass {
	var out []*errorClass
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// reSuggestion is the suffix BuildKit's suggest.WrapError adds.
var reSuggestion = regexp.MustCompile(`^(.*) \(did you mean (\S+)\?\)$`)

// didYouMean is that suffix in each language; it takes the suggestion as
// BuildKit writes it.
var didYouMean = Text{"en": " (did you mean %s?)", "ru": " (возможно, имелось в виду %s?)"}

// classify returns the class of a BuildKit error message and what it
// names; suffix is BuildKit's suggestion as written ("" when none).
func classify(msg string) (class *errorClass, data Data, suffix string) {
	base := msg
	if m := reSuggestion.FindStringSubmatch(msg); m != nil {
		base, suffix = m[1], m[2]
		data.Suggestion = strings.TrimLeft(suffix, "-$")
	}
	for _, c := range errorClasses {
		m := c.pattern.FindStringSubmatch(base)
		if m == nil {
			continue
		}
		data.Args = m[1:]
		if i := c.pattern.SubexpIndex("token"); i > 0 {
			data.Token = unquoteGo(m[i])
		}
		return c, data, suffix
	}
	return nil, data, suffix // unreachable: the last class matches everything
}

// hasVerb reports whether any language's template takes arguments.
func hasVerb(t Text) bool {
	for _, tmpl := range t {
		if strings.Contains(strings.ReplaceAll(tmpl, "%%", ""), "%") {
			return true
		}
	}
	return false
}

// unquoteGo removes the quotes of a %q-formatted token.
func unquoteGo(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		if u, err := strconv.Unquote(s); err == nil {
			return u
		}
	}
	return s
}

// errorDiagnostic makes an error-severity diagnostic for a BuildKit error on
// the 1-based lines first..last (0: BuildKit gave none), narrowed to the
// token it names.
func (d *Document) errorDiagnostic(msg string, first, last int) Diagnostic {
	msg = strings.TrimPrefix(msg, "dockerfile parse error on line ")
	if i := strings.Index(msg, ": "); i >= 0 && i < 8 && strings.Trim(msg[:i], "0123456789") == "" {
		msg = msg[i+2:]
	}
	msg = d.stableMessage(msg) // before classify reads the suggestion from it
	class, data, suffix := classify(msg)
	var ins, target *Instruction
	span, located := Span{}, false
	if class.locate != nil {
		span, located = class.locate(d, data)
	}
	if first >= 1 {
		ins = d.InstructionAtLine(first - 1)
	}
	if ins != nil {
		target = trigger(ins)
		if !located {
			ok := false
			if class.narrow != nil {
				span, ok = class.narrow(d, ins, target, data)
			}
			if !ok {
				span = d.blameMessage(ins, target, msg)
			}
		}
	} else if !located {
		span = d.somewhere(first)
	}
	r := class.rule
	diag := Diagnostic{Span: span, Severity: SeverityError, Rule: r.Name, Message: msg, URL: r.URL(), Source: SourceBuildKit,
		Tags: r.Tags, Data: data, rule: r}
	diag.text = class.message(d, ins, target, data, suffix)
	return diag
}

// somewhere is where an error goes that names no instruction: its line, else
// the first instruction's first line, else the first line with text.
func (d *Document) somewhere(line int) Span {
	if line >= 1 && line <= d.Lines.Count() {
		if s := d.lineSpan(line - 1); s.Len() > 0 {
			return s
		}
	}
	if ins := d.Instructions(); len(ins) > 0 {
		return d.firstLineSpan(ins[0])
	}
	for l := range d.Lines.Count() {
		if s := d.lineSpan(l); s.Len() > 0 {
			return s
		}
	}
	return Span{0, 0}
}

// message is our text for one error of the class, or nil (BuildKit's text
// in every language).
func (c *errorClass) message(d *Document, ins, target *Instruction, data Data, suffix string) *message {
	if c.text == nil {
		return nil
	}
	id, args := "", make([]any, len(data.Args))
	for i, a := range data.Args {
		args[i] = a
	}
	if c.args != nil {
		id, args = c.args(d, ins, target, data)
	}
	t, ok := c.text[id]
	if !ok {
		return nil
	}
	if !hasVerb(t) {
		args = nil // a text that names nothing BuildKit's message does
	}
	m := &message{text: t, args: args}
	if suffix == "" {
		return m
	}
	// BuildKit's suggestion follows our text, in the same language.
	withSuffix := Text{}
	for lang, tmpl := range t {
		if s, ok := didYouMean[lang]; ok {
			withSuffix[lang] = tmpl + s
		}
	}
	return &message{text: withSuffix, args: append(args, suffix)}
}
