package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// rejudge re-explains a saved report's findings with the current known
// list: editing known.yaml needs no new run.
func rejudge(o options, known []*knownDiff) error {
	b, err := os.ReadFile(o.rejudge)
	if err != nil {
		return err
	}
	var r report
	if strings.HasSuffix(o.rejudge, ".partial") {
		// the parts of an interrupted run, one report per directory
		dec := json.NewDecoder(bytes.NewReader(b))
		for {
			var part report
			if err := dec.Decode(&part); err != nil {
				break
			}
			r.add(&part)
			r.Findings = append(r.Findings, part.Findings...)
			r.Incumbent, r.Corpus = part.Incumbent, part.Corpus
		}
	} else if err := json.Unmarshal(b, &r); err != nil {
		return fmt.Errorf("%s: %w", o.rejudge, err)
	}
	all := r.Findings
	for i := range all {
		all[i].Known = ""
	}
	if r.Diagnostics != nil {
		all = repairDiagnostics(r.Corpus, all, r.Diagnostics)
	}
	refreshContext(r.Corpus, all)
	explain(all, known)
	buildReport(&r, all, known, o.examples)
	writeText(os.Stdout, &r)
	if o.jsonOut != "" {
		return writeJSON(o.jsonOut, &r)
	}
	return nil
}

// repairDiagnostics replaces the diagnostic findings with a fresh pairing
// of the saved diagnostics.
func repairDiagnostics(corpus string, fs []finding, diags map[string]fileDiagnostics) []finding {
	out := fs[:0]
	for _, f := range fs {
		if !strings.HasPrefix(f.Class, "diagnostic-") {
			out = append(out, f)
		}
	}
	for file, d := range diags {
		path := file
		if !filepath.IsAbs(path) {
			path = filepath.Join(corpus, path)
		}
		b, _ := os.ReadFile(path)
		lines := strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
		out = append(out, compareDiagnostics(file, lines, d.Ours, d.Theirs)...)
	}
	sortFindings(out)
	return out
}

// refreshContext recomputes each point finding's token context (kind,
// flag, variable, what differing ranges and labels point at) from its
// file, so a saved report benefits from a better tokenizer without a new
// run.
func refreshContext(corpus string, fs []finding) {
	type fileCtx struct {
		index map[[2]int]token
		model *fileModel
		toks  []token
	}
	byFile := map[string]*fileCtx{}
	for i := range fs {
		f := &fs[i]
		fc, ok := byFile[f.File]
		if !ok {
			path := f.File
			if !filepath.IsAbs(path) {
				path = filepath.Join(corpus, path)
			}
			if b, err := os.ReadFile(path); err == nil {
				text := string(b)
				toks := tokenize(text)
				fc = &fileCtx{tokenIndex(toks), buildModel(toks, strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")), toks}
			}
			byFile[f.File] = fc
		}
		if fc == nil {
			continue
		}
		if f.Token == "" {
			lineTraits(fs[i:i+1], fc.toks)
			undefinedVarScopes(fs[i:i+1], fc.toks, fc.model)
			continue
		}
		t, ok := fc.index[[2]int{f.Line - 1, f.Col - 1}]
		if !ok || t.Text != f.Token {
			continue
		}
		f.Kind, f.Instr, f.Var, f.Declared, f.Flag, f.SelfRef, f.Modified, f.Redeclared, f.InHeredoc, f.AfterEscapedEscape, f.MultiKey, f.DeclKey, f.Literal, f.AfterCommentEscape = t.Kind, t.Instr, t.Var, t.Declared, t.Flag, t.SelfRef, t.Modified, t.Redeclared, t.InHeredoc, t.AfterEscapedEscape, t.MultiKey, t.DeclKey, t.Literal, t.AfterCommentEscape
		f.Key = strings.TrimSpace(t.Instr + " " + t.Kind)
		f.Edge = t.Touches && strings.HasSuffix(f.Class, "-extra")
		f.NoFromAbove = fc.model.noFromAbove(t.Line)
		f.Scope = ""
		if t.Var != "" && t.Kind != "word" {
			f.Scope = fc.model.describeVar(t, t.Var)
		}
		f.Ours, f.Theirs = stringsOf(f.Ours), stringsOf(f.Theirs)
		switch f.Class {
		case "completion-missing":
			if labels, ok := f.Theirs.([]string); ok {
				f.OnlyTheirs = fc.model.describeLabels(t, labels)
			}
		case "completion-extra":
			if labels, ok := f.Ours.([]string); ok {
				f.OnlyOurs = fc.model.describeLabels(t, labels)
			}
		default:
			describeDiff(f, fc.index, fc.model, t)
		}
	}
}

// stringsOf turns a decoded JSON list of strings back into []string.
func stringsOf(v any) any {
	list, ok := v.([]any)
	if !ok {
		return v
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, ok := x.(string)
		if !ok {
			return v
		}
		out = append(out, s)
	}
	return out
}

// countTokens prints how many probe points the files have.
func countTokens(files []string, max int) error {
	toks, points := 0, 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		ts := tokenize(string(b))
		if max > 0 && len(ts) > max {
			ts = ts[:max]
		}
		toks += len(ts)
		for _, t := range ts {
			if t.Complete {
				points++
			}
		}
	}
	fmt.Printf("%d files, %d token starts, %d completion points\n", len(files), toks, points)
	return nil
}
