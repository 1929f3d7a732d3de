package main

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"

	"go.yaml.in/yaml/v3"
)

// knownDiff is one committed, explained difference: a finding matches when
// its class is Class ("*": any class) and every pattern given matches (patterns are Go
// regular expressions on the finding's fields; ours/theirs match the JSON
// of the answers).
type knownDiff struct {
	ID    string `yaml:"id"`
	Class string `yaml:"class"`
	Key   string `yaml:"key,omitempty"`
	Kind  string `yaml:"kind,omitempty"`
	Instr string `yaml:"instr,omitempty"`
	Token string `yaml:"token,omitempty"`
	Var   string `yaml:"var,omitempty"`
	Flag  string `yaml:"flag,omitempty"`
	Scope string `yaml:"scope,omitempty"`
	// Declared, when set, requires the variable to be (true) or not to be
	// (false) declared by an ARG or ENV of the file.
	Declared *bool `yaml:"declared,omitempty"`
	// Edge, when set, requires the finding's Edge to be this.
	Edge *bool `yaml:"edge,omitempty"`
	// SelfRef, when set, requires the finding's SelfRef to be this.
	SelfRef *bool `yaml:"selfRef,omitempty"`
	// Modified, when set, requires the finding's Modified to be this.
	Modified *bool `yaml:"modified,omitempty"`
	// Redeclared, when set, requires the finding's Redeclared to be this.
	Redeclared *bool  `yaml:"redeclared,omitempty"`
	Line       string `yaml:"line,omitempty"`
	File       string `yaml:"file,omitempty"`
	Ours       string `yaml:"ours,omitempty"`
	Theirs     string `yaml:"theirs,omitempty"`
	// OnlyOurs and OnlyTheirs match the finding's descriptions of the
	// ranges one answer has and the other lacks.
	OnlyOurs   string `yaml:"onlyOurs,omitempty"`
	OnlyTheirs string `yaml:"onlyTheirs,omitempty"`
	Reason     string `yaml:"reason"`
	Cite       string `yaml:"cite"`

	res []fieldRE
}

type fieldRE struct {
	field func(*finding) string
	re    *regexp.Regexp
}

// loadKnown reads and compiles the known-differences list.
func loadKnown(path string) ([]*knownDiff, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var ks []*knownDiff
	if err := yaml.Unmarshal(b, &ks); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, k := range ks {
		if err := k.compile(); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, k.ID, err)
		}
	}
	return ks, nil
}

func (k *knownDiff) compile() error {
	if k.ID == "" || k.Class == "" || k.Reason == "" || k.Cite == "" {
		return fmt.Errorf("id, class, reason and cite are required")
	}
	pats := []struct {
		pat   string
		field func(*finding) string
	}{
		{k.Key, func(f *finding) string { return f.Key }},
		{k.Kind, func(f *finding) string { return f.Kind }},
		{k.Instr, func(f *finding) string { return f.Instr }},
		{k.Token, func(f *finding) string { return f.Token }},
		{k.Var, func(f *finding) string { return f.Var }},
		{k.Flag, func(f *finding) string { return f.Flag }},
		{k.Scope, func(f *finding) string { return f.Scope }},
		{k.Line, func(f *finding) string { return f.LineText }},
		{k.File, func(f *finding) string { return f.File }},
		{k.Ours, func(f *finding) string { return jsonText(f.Ours) }},
		{k.OnlyOurs, func(f *finding) string { return f.OnlyOurs }},
		{k.OnlyTheirs, func(f *finding) string { return f.OnlyTheirs }},
		{k.Theirs, func(f *finding) string { return jsonText(f.Theirs) }},
	}
	k.res = nil
	for _, p := range pats {
		if p.pat == "" {
			continue
		}
		re, err := regexp.Compile(p.pat)
		if err != nil {
			return err
		}
		k.res = append(k.res, fieldRE{p.field, re})
	}
	return nil
}

func (k *knownDiff) matches(f *finding) bool {
	if k.Class != "*" && k.Class != f.Class || k.Declared != nil && *k.Declared != f.Declared || k.Edge != nil && *k.Edge != f.Edge ||
		k.SelfRef != nil && *k.SelfRef != f.SelfRef || k.Modified != nil && *k.Modified != f.Modified ||
		k.Redeclared != nil && *k.Redeclared != f.Redeclared {
		return false
	}
	for _, r := range k.res {
		if !r.re.MatchString(r.field(f)) {
			return false
		}
	}
	return true
}

// explain marks each finding with the first known difference matching it.
func explain(fs []finding, ks []*knownDiff) {
	for i := range fs {
		for _, k := range ks {
			if k.matches(&fs[i]) {
				fs[i].Known = k.ID
				break
			}
		}
	}
}

func jsonText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}
