package main

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// knownDiff is one committed, explained difference: a finding matches when
// its class is Class ("*": any class; "^…": a pattern), every pattern given matches
// (patterns are Go regular expressions on the finding's fields; ours and
// theirs match the JSON of the answers) and its traits are as Is says.
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
	// RangeRel matches a diagnostic-range-mismatch's range relation.
	RangeRel string `yaml:"rangeRel,omitempty"`
	Line     string `yaml:"line,omitempty"`
	File     string `yaml:"file,omitempty"`
	Ours     string `yaml:"ours,omitempty"`
	Theirs   string `yaml:"theirs,omitempty"`
	// OnlyOurs and OnlyTheirs match the finding's descriptions of the
	// ranges one answer has and the other lacks.
	OnlyOurs   string `yaml:"onlyOurs,omitempty"`
	OnlyTheirs string `yaml:"onlyTheirs,omitempty"`
	// Is requires boolean traits of the finding (declared, redeclared,
	// edge, selfRef, modified, inHeredoc, afterEscapedEscape, multiKey,
	// literal…) to
	// have the given values.
	Is     map[string]bool `yaml:"is,omitempty"`
	Reason string          `yaml:"reason"`
	Cite   string          `yaml:"cite"`

	res     []fieldRE
	classRE *regexp.Regexp // when Class is a pattern (starts with ^)
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
		{k.RangeRel, func(f *finding) string { return f.RangeRel }},
		{k.Line, func(f *finding) string { return f.LineText }},
		{k.File, func(f *finding) string { return f.File }},
		{k.Ours, func(f *finding) string { return jsonText(f.Ours) }},
		{k.OnlyOurs, func(f *finding) string { return f.OnlyOurs }},
		{k.OnlyTheirs, func(f *finding) string { return f.OnlyTheirs }},
		{k.Theirs, func(f *finding) string { return jsonText(f.Theirs) }},
	}
	if strings.HasPrefix(k.Class, "^") {
		re, err := regexp.Compile(k.Class)
		if err != nil {
			return err
		}
		k.classRE = re
	}
	for name := range k.Is {
		if _, ok := traitNames[name]; !ok {
			return fmt.Errorf("unknown trait %q", name)
		}
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
	switch {
	case k.classRE != nil:
		if !k.classRE.MatchString(f.Class) {
			return false
		}
	case k.Class != "*" && k.Class != f.Class:
		return false
	}
	for name, want := range k.Is {
		if f.trait(name) != want {
			return false
		}
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

var traitNames = map[string]func(*finding) bool{
	"declared":           func(f *finding) bool { return f.Declared },
	"redeclared":         func(f *finding) bool { return f.Redeclared },
	"edge":               func(f *finding) bool { return f.Edge },
	"selfRef":            func(f *finding) bool { return f.SelfRef },
	"modified":           func(f *finding) bool { return f.Modified },
	"inHeredoc":          func(f *finding) bool { return f.InHeredoc },
	"afterEscapedEscape": func(f *finding) bool { return f.AfterEscapedEscape },
	"multiKey":           func(f *finding) bool { return f.MultiKey },
	"declKey":            func(f *finding) bool { return f.DeclKey },
	"literal":            func(f *finding) bool { return f.Literal },
	"afterCommentEscape": func(f *finding) bool { return f.AfterCommentEscape },
	"oursErrorOnLine":    func(f *finding) bool { return f.OursErrorOnLine },
	"noStageBefore":      func(f *finding) bool { return f.NoStageBefore },
	"noFromAbove":        func(f *finding) bool { return f.NoFromAbove },
	"sameFaultNearby":    func(f *finding) bool { return f.SameFaultNearby },
}

func (f *finding) trait(name string) bool { return traitNames[name](f) }
