// Package docs is the embedded Dockerfile reference used by the language
// server: machine-readable metadata (reference.yaml) describing instructions,
// flags, RUN --mount options, parser directives, predefined build args and
// build-check rules, plus one short Markdown page per item and language
// (en/<kind>/<name>.md, ru/<kind>/<name>.md, ...). Topic pages
// (en/topics/<name>.md) explain what spans several instructions, such as
// heredocs; see Topic.
//
// English pages are complete; other languages may be partial and fall back
// to English page by page.
package docs

import (
	"bytes"
	"embed"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed reference.yaml en ru
var files embed.FS

// Kind is a page category; its value is the directory name under a language.
type Kind string

// Page kinds.
const (
	KindInstruction Kind = "instructions"
	KindFlag        Kind = "flags"
	KindMount       Kind = "mounts"
	KindMountOption Kind = "mounts/options"
	KindDirective   Kind = "directives"
	KindArg         Kind = "args"
	KindRule        Kind = "rules"
	KindTopic       Kind = "topics" // cross-instruction topics, listed in reference.yaml
)

// kinds lists every Kind, in the order used for listings.
var kinds = []Kind{KindInstruction, KindFlag, KindMount, KindMountOption, KindDirective, KindArg, KindRule, KindTopic}

// defaultLang is the language every other language falls back to.
const defaultLang = "en"

var loadRef = sync.OnceValue(func() *Reference {
	data, err := files.ReadFile("reference.yaml")
	if err != nil {
		panic("docs: reference.yaml not embedded: " + err.Error())
	}
	ref, err := parseReference(data)
	if err != nil {
		panic("docs: invalid reference.yaml: " + err.Error())
	}
	return ref
})

// parseReference decodes reference.yaml strictly (unknown keys are errors).
func parseReference(data []byte) (*Reference, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var ref Reference
	if err := dec.Decode(&ref); err != nil {
		return nil, err
	}
	return &ref, nil
}

// Ref returns the parsed metadata. It is parsed once; it panics only if the
// embedded reference.yaml is invalid, which the package tests rule out.
// Callers must not modify the result.
//
// Look items up with its methods: Ref().Instruction("FROM"),
// Ref().Flag("RUN", "--mount").Key("dst"), Ref().Directive("syntax"),
// Ref().Arg("TARGETARCH"), Ref().Rule("UndefinedVar"), Ref().ValueKind("duration").
// (Go does not allow
// package-level functions with the same names as the types.)
func Ref() *Reference { return loadRef() }

// Instruction returns the instruction with the given name, case-insensitively,
// or nil if there is none.
func (r *Reference) Instruction(name string) *Instruction {
	if r == nil {
		return nil
	}
	name = strings.TrimSpace(name)
	for _, in := range r.Instructions {
		if strings.EqualFold(in.Name, name) {
			return in
		}
	}
	return nil
}

// Flag returns the flag of instruction instr named name ("--platform" or
// "platform"), or nil if the instruction does not accept it. Flag names are
// matched exactly, as BuildKit does.
func (r *Reference) Flag(instr, name string) *Flag {
	in := r.Instruction(instr)
	if in == nil {
		return nil
	}
	name = strings.TrimPrefix(strings.TrimSpace(name), "--")
	for _, f := range in.Flags {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Key returns the option of a key/value flag (RUN --mount) with the given
// canonical name or alias, case-insensitively as BuildKit does, or nil.
func (f *Flag) Key(name string) *Key {
	if f == nil {
		return nil
	}
	name = strings.ToLower(strings.TrimSpace(name))
	for _, k := range f.Keys {
		if k.Name == name || slices.Contains(k.Aliases, name) {
			return k
		}
	}
	return nil
}

// Directive returns the parser directive with the given name,
// case-insensitively, or nil if there is none.
func (r *Reference) Directive(name string) *Directive {
	if r == nil {
		return nil
	}
	name = strings.TrimSpace(name)
	for _, d := range r.Directives {
		if strings.EqualFold(d.Name, name) {
			return d
		}
	}
	return nil
}

// Arg returns the predefined build arg with exactly the given name (build
// args are case-sensitive: HTTP_PROXY and http_proxy are both listed), or nil.
func (r *Reference) Arg(name string) *Arg {
	if r == nil {
		return nil
	}
	name = strings.TrimSpace(name)
	for _, a := range r.Args {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// Rule returns the build-check rule with the given name, or nil. An exact
// match wins; otherwise the name is matched case-insensitively.
func (r *Reference) Rule(name string) *Rule {
	if r == nil {
		return nil
	}
	name = strings.TrimSpace(name)
	var fold *Rule
	for _, rule := range r.Rules {
		if rule.Name == name {
			return rule
		}
		if fold == nil && strings.EqualFold(rule.Name, name) {
			fold = rule
		}
	}
	return fold
}

// ValueKind returns the value kind with the given name, or nil.
func (r *Reference) ValueKind(name string) *ValueKind {
	if r == nil {
		return nil
	}
	for _, k := range r.Kinds {
		if k.Name == name {
			return k
		}
	}
	return nil
}
