package analysis

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
	"github.com/moby/patternmatcher/ignorefile"
)

// diagnosticCase is one marker test of server/testdata/diagnostics, read
// here to see which rules its Dockerfile makes us report.
type diagnosticCase struct {
	name   string   // file name without .txtar
	text   string   // the Dockerfile, without notes
	ignore []string // its .dockerignore patterns
	notes  []string // the rules its diag(…) notes name
}

var diagNoteRe = regexp.MustCompile(`diag\("(?:[^"\\]|\\.)*",\s*"(\w+)"`)

func diagnosticCases(t *testing.T) []diagnosticCase {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join("..", "server", "testdata", "diagnostics", "*.txtar"))
	if len(paths) == 0 {
		t.Fatal("no marker tests under server/testdata/diagnostics")
	}
	var out []diagnosticCase
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c := diagnosticCase{name: strings.TrimSuffix(filepath.Base(p), ".txtar")}
		section := ""
		var doc strings.Builder
		var ignore strings.Builder
		for line := range strings.Lines(string(raw)) {
			l := strings.TrimRight(line, "\r\n")
			if strings.HasPrefix(l, "-- ") && strings.HasSuffix(l, " --") && len(l) > 6 {
				section = strings.TrimSpace(l[3 : len(l)-3])
				continue
			}
			switch {
			case section == "Dockerfile" && strings.HasPrefix(strings.TrimSpace(l), "#@"):
				for _, m := range diagNoteRe.FindAllStringSubmatch(l, -1) {
					c.notes = append(c.notes, m[1])
				}
			case section == "Dockerfile":
				doc.WriteString(line)
			case section == ".dockerignore" || section == "Dockerfile.dockerignore":
				ignore.WriteString(line)
			}
		}
		c.text = doc.String()
		c.ignore, _ = ignorefile.ReadAll(strings.NewReader(ignore.String()))
		out = append(out, c)
	}
	return out
}

type ignoreEnv []string

func (e ignoreEnv) DockerIgnore() []string { return e }

// TestEveryRuleEmitted keeps the registry, docs/reference.yaml, the pages
// and the marker tests in step: every declared rule has a rule value, is
// reported by a case under server/testdata/diagnostics and named by one of
// its notes; every rule value and every reported rule is declared and has
// an English and a Russian page.
func TestEveryRuleEmitted(t *testing.T) {
	emitted := map[string][]string{} // rule → cases reporting it
	noted := map[string]bool{}
	cases := map[string]bool{}
	errorsOutsideCheckError := map[string]bool{}
	for _, c := range diagnosticCases(t) {
		cases[c.name] = true
		for _, n := range c.notes {
			noted[n] = true
		}
		doc := Parse(c.text)
		for _, d := range doc.Diagnostics(ignoreEnv(c.ignore), nil) {
			emitted[d.Rule] = append(emitted[d.Rule], c.name)
			if d.rule == nil || d.rule != RuleNamed(d.Rule) {
				t.Errorf("%s: %s is reported without its rule value", c.name, d.Rule)
			}
			if d.Severity == SeverityError && !strings.Contains(c.text, "error=true") {
				errorsOutsideCheckError[d.Rule] = true
			}
		}
	}
	for _, meta := range docs.Ref().Rules {
		r := RuleNamed(meta.Name)
		switch {
		case r == nil:
			t.Errorf("%s is declared in reference.yaml but no rule value reports it (add it to the registry or remove its declaration and pages)", meta.Name)
		case r.NeverFires != "":
			if !cases[meta.Name] || len(emitted[meta.Name]) > 0 {
				t.Errorf("%s never fires (%s): server/testdata/diagnostics/%s.txtar must show it silent", meta.Name, r.NeverFires, meta.Name)
			}
		case len(emitted[meta.Name]) == 0:
			t.Errorf("%s is never reported by the cases under server/testdata/diagnostics: it has no emitter or no test case", meta.Name)
		case !noted[meta.Name]:
			t.Errorf("%s is reported (%v) but no diag note under server/testdata/diagnostics names it", meta.Name, emitted[meta.Name])
		}
		if meta.Source == SourceOurs {
			if meta.Severity == "warning" && errorsOutsideCheckError[meta.Name] {
				t.Errorf("%s is declared a warning but a case reports it as an error", meta.Name)
			}
			if meta.Severity == "error" && !errorsOutsideCheckError[meta.Name] {
				t.Errorf("%s is declared an error (BuildKit rejects it) but no case reports it as one", meta.Name)
			}
		}
	}
	missingRU := docs.Missing("ru")
	for _, r := range Rules() {
		if docs.Ref().Rule(r.Name) == nil || docs.Ref().Rule(r.Name).Name != r.Name {
			t.Errorf("rule value %s is not declared in reference.yaml", r.Name)
		}
		if _, ok := docs.Page("en", docs.KindRule, r.Name); !ok {
			t.Errorf("rule %s has no English page docs/en/rules/%s.md", r.Name, r.Name)
		}
		if slices.Contains(missingRU, "rules/"+r.Name) {
			t.Errorf("rule %s has no Russian page docs/ru/rules/%s.md", r.Name, r.Name)
		}
	}
	for name, where := range emitted {
		if RuleNamed(name) == nil {
			t.Errorf("%s is reported (%v) but is no rule value", name, where)
		}
	}
}

// TestRuleMessages: every message of a rule, and every sentence of a value
// kind, reads in English and Russian with the same arguments.
func TestRuleMessages(t *testing.T) {
	verbs := regexp.MustCompile(`%[-+# 0]*[0-9]*[a-zA-Z%]`)
	check := func(where string, text Text) {
		en, ok := text["en"]
		if !ok || en == "" {
			t.Errorf("%s: no English message", where)
		}
		ru, ok := text["ru"]
		if !ok || ru == "" {
			t.Errorf("%s: no Russian message", where)
		}
		if !slices.Equal(verbs.FindAllString(en, -1), verbs.FindAllString(ru, -1)) {
			t.Errorf("%s: en %q and ru %q take different arguments", where, en, ru)
		}
	}
	for _, r := range Rules() {
		if r.format != nil {
			checkBuildKitTranslation(t, r)
			continue
		}
		for id, text := range r.Messages {
			check(r.Name+"/"+id, text)
		}
		if m := r.Meta(); m != nil && m.Source == SourceOurs && len(r.Messages) == 0 && !reportsBuildKitErrors(r) {
			t.Errorf("%s: a rule of ours with no message of its own and no BuildKit error class", r.Name)
		}
	}
	for _, text := range []Text{hintFlag, hintValue, valueNotInEnum, valueNotBool, valueNotDuration, valueDurationTooShort,
		valueNotInt, valueNegative, valueNotChmod, valueNotOctal, valueNotSize} {
		check(text["en"], text)
	}
}

// checkBuildKitTranslation: a BuildKit check has a Russian template (its
// English is BuildKit's own text) taking what BuildKit formats into its
// message: every group of its pattern, the suggestion only where there is one.
func checkBuildKitTranslation(t *testing.T, r *Rule) {
	t.Helper()
	if _, ok := r.Messages[""]["ru"]; !ok {
		t.Errorf("%s: BuildKit's check has no Russian template", r.Name)
	}
	for id, text := range r.Messages {
		if _, ok := text["en"]; ok {
			t.Errorf("%s/%s: English is BuildKit's own text; no template", r.Name, id)
		}
		want := r.format.NumSubexp()
		if id == "" && r.format.SubexpIndex("suggestion") > 0 {
			want--
		}
		if got := arity(text["ru"]); got != want {
			t.Errorf("%s/%s: %q takes %d arguments, BuildKit gives %d", r.Name, id, text["ru"], got, want)
		}
	}
}

// arity is how many arguments a fmt template takes.
func arity(tmpl string) int {
	tmpl = strings.ReplaceAll(tmpl, "%%", "")
	if idx := regexp.MustCompile(`%\[(\d+)\]`).FindAllStringSubmatch(tmpl, -1); len(idx) > 0 {
		n := 0
		for _, m := range idx {
			n = max(n, int(m[1][0]-'0'))
		}
		return n
	}
	return strings.Count(tmpl, "%")
}

func reportsBuildKitErrors(r *Rule) bool {
	for _, c := range errorClasses {
		if c.rule == r {
			return true
		}
	}
	return false
}
