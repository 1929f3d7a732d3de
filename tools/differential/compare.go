package main

import (
	"fmt"
	"strings"
)

// finding is one difference between the servers at one place.
type finding struct {
	Class      string `json:"class"`
	File       string `json:"file"`
	Line       int    `json:"line"` // 1-based
	Col        int    `json:"col"`  // 1-based, UTF-16
	Token      string `json:"token,omitempty"`
	Kind       string `json:"kind,omitempty"`
	Instr      string `json:"instr,omitempty"`
	Var        string `json:"var,omitempty"`
	Declared   bool   `json:"declared,omitempty"`
	Flag       string `json:"flag,omitempty"`
	SelfRef    bool   `json:"selfRef,omitempty"`
	Modified   bool   `json:"modified,omitempty"`
	Redeclared bool   `json:"redeclared,omitempty"`
	// Scope is, for a variable reference, what its name is at that point
	// (fileModel.describeVar: in-scope, inherited, later, other-stage…).
	Scope     string `json:"scope,omitempty"`
	InHeredoc bool   `json:"inHeredoc,omitempty"`
	// AfterEscapedEscape and MultiKey are token's.
	AfterEscapedEscape bool `json:"afterEscapedEscape,omitempty"`
	MultiKey           bool `json:"multiKey,omitempty"`
	DeclKey            bool `json:"declKey,omitempty"`
	Literal            bool `json:"literal,omitempty"`
	AfterCommentEscape bool `json:"afterCommentEscape,omitempty"`
	// OursErrorOnLine marks a diagnostic only the incumbent reports on a
	// line where we report an error (BuildKit rejects the instruction).
	OursErrorOnLine bool `json:"oursErrorOnLine,omitempty"`
	// NoStageBefore: we report "no build stage" on an earlier line;
	// SameFaultNearby: we report the same fault within ten lines.
	NoStageBefore bool `json:"noStageBefore,omitempty"`
	// NoFromAbove: no FROM starts on an earlier line (the token is before
	// the first stage, or in the first FROM).
	NoFromAbove     bool `json:"noFromAbove,omitempty"`
	SameFaultNearby bool `json:"sameFaultNearby,omitempty"`
	// RangeRel is, for a diagnostic-range-mismatch, how our range relates
	// to the incumbent's (rangeRelation).
	RangeRel string `json:"rangeRel,omitempty"`
	// Edge marks a finding where only we answer, with the cursor at a
	// name's edge (token.Touches).
	Edge     bool   `json:"edge,omitempty"`
	Key      string `json:"key"`             // subgroup within the class
	Entity   string `json:"entity"`          // findings with one entity are one difference seen from several places
	Ours     any    `json:"ours"`            // our answer (canonical form)
	Theirs   any    `json:"theirs"`          // the incumbent's
	LineText string `json:"lineText"`        // the line, for reading
	Known    string `json:"known,omitempty"` // id of the known difference that explains it
	// OnlyOurs and OnlyTheirs say, for set answers (definition, highlight,
	// rename), what each range in one answer but not the other points at:
	// "kind[@flag][ selfref][ zero-width] INSTR", sorted, joined by "; ".
	OnlyOurs   string `json:"onlyOurs,omitempty"`
	OnlyTheirs string `json:"onlyTheirs,omitempty"`
}

// compareFile lists every difference between o (ours) and t (the
// incumbent's) on one file, asked at toks (a prefix of all, the file's
// tokens, in -short mode).
func compareFile(file string, lines []string, toks, all []token, o, t *answers) []finding {
	var out []finding
	index := tokenIndex(all) // toks are the probed ones, all the file's
	model := buildModel(all, lines)
	at := func(class string, tk token, ours, theirs any) finding {
		f := finding{Class: class, File: file, Line: tk.Line + 1, Col: tk.Col + 1, Token: tk.Text,
			Kind: tk.Kind, Instr: tk.Instr, Var: tk.Var, Declared: tk.Declared, Flag: tk.Flag, SelfRef: tk.SelfRef, Modified: tk.Modified, Redeclared: tk.Redeclared, InHeredoc: tk.InHeredoc, AfterEscapedEscape: tk.AfterEscapedEscape, MultiKey: tk.MultiKey, DeclKey: tk.DeclKey, Literal: tk.Literal, AfterCommentEscape: tk.AfterCommentEscape, Key: strings.TrimSpace(tk.Instr + " " + tk.Kind),
			Ours: ours, Theirs: theirs}
		if tk.Line < len(lines) {
			f.LineText = lines[tk.Line]
		}
		f.Entity = fmt.Sprintf("%s|%v|%v", file, ours, theirs)
		describeDiff(&f, index, model, tk)
		if tk.Var != "" && tk.Kind != "word" {
			f.Scope = model.describeVar(tk, tk.Var)
		}
		f.Edge = tk.Touches && strings.HasSuffix(class, "-extra")
		f.NoFromAbove = model.noFromAbove(tk.Line)
		return f
	}
	for i, tk := range toks {
		if (o.Hover[i] == "") != (t.Hover[i] == "") {
			class := "hover-missing"
			if o.Hover[i] != "" {
				class = "hover-extra"
			}
			f := at(class, tk, o.Hover[i], t.Hover[i])
			f.Entity = fmt.Sprintf("%s|%d:%d", file, tk.Line, tk.Col)
			out = append(out, f)
		}
		if c := setClass("definition", o.Definition[i], t.Definition[i]); c != "" {
			out = append(out, at(c, tk, o.Definition[i], t.Definition[i]))
		}
		if c := setClass("highlight", o.Highlight[i], t.Highlight[i]); c != "" {
			out = append(out, at(c, tk, o.Highlight[i], t.Highlight[i]))
		}
		if c := setClass("prepare-rename", one(o.Prepare[i]), one(t.Prepare[i])); c != "" {
			out = append(out, at(c, tk, o.Prepare[i], t.Prepare[i]))
		}
		if ro, rt := o.Rename[i], t.Rename[i]; ro != nil || rt != nil {
			if c := setClass("rename", ro, rt); c != "" {
				out = append(out, at(c, tk, ro, rt))
			}
		}
		if lo, ok := o.Completion[i]; ok {
			lt := t.Completion[i]
			missing, extra := minus(lt, lo), minus(lo, lt)
			if len(missing)+len(extra) > 0 && equal(lowered(lo), lowered(lt)) {
				f := at("completion-case", tk, summarize(extra), summarize(missing))
				f.Entity = fmt.Sprintf("%s|%v", f.Key, extra)
				out = append(out, f)
				continue
			}
			if len(missing) > 0 {
				f := at("completion-missing", tk, summarize(lo), missing)
				f.Entity = fmt.Sprintf("%s|%v", f.Key, missing)
				f.OnlyTheirs = model.describeLabels(tk, missing)
				out = append(out, f)
			}
			if len(extra) > 0 {
				f := at("completion-extra", tk, extra, summarize(lt))
				f.Entity = fmt.Sprintf("%s|%v", f.Key, extra)
				f.OnlyOurs = model.describeLabels(tk, extra)
				out = append(out, f)
			}
		}
	}
	out = append(out, compareSymbols(file, lines, o.Symbols, t.Symbols)...)
	out = append(out, compareFolds(file, lines, o.Folds, t.Folds)...)
	out = append(out, compareDiagnostics(file, lines, o.Diags, t.Diags)...)
	lineTraits(out, all)
	undefinedVarScopes(out, all, model)
	for _, e := range o.Errors {
		out = append(out, finding{Class: "request-error", File: file, Key: "ours", Entity: e, Ours: e})
	}
	for _, e := range t.Errors {
		out = append(out, finding{Class: "request-error", File: file, Key: "incumbent", Entity: e, Theirs: e})
	}
	return out
}

// lowered is labels in lower case, sorted and deduplicated.
func lowered(labels []string) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = strings.ToLower(l)
	}
	return sortedSet(out)
}

// contiguous says whether no space separates tokens i and j (same line).
func contiguous(toks []token, i, j int) bool {
	if j < i {
		i, j = j, i
	}
	for k := i; k < j; k++ {
		if toks[k].Col+len(utf16Units(toks[k].Text)) != toks[k+1].Col {
			return false
		}
	}
	return true
}

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// setClass names how two answer sets differ: "<feature>-missing" (only the
// incumbent answers), "-extra" (only we do), "-mismatch" (both, different),
// or "" when equal.
func setClass(feature string, ours, theirs []string) string {
	switch {
	case equal(ours, theirs):
		return ""
	case len(ours) == 0:
		return feature + "-missing"
	case len(theirs) == 0:
		return feature + "-extra"
	}
	return feature + "-mismatch"
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// minus returns the elements of sorted a not in sorted b.
func minus(a, b []string) []string {
	var out []string
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j >= len(b) || b[j] != x {
			out = append(out, x)
		}
	}
	return out
}

// summarize keeps a long label list readable in the report.
func summarize(labels []string) []string {
	if len(labels) <= 12 {
		return labels
	}
	return append(labels[:12:12], fmt.Sprintf("… %d more", len(labels)-12))
}

func lineAt(lines []string, n int) string {
	if n >= 0 && n < len(lines) {
		return lines[n]
	}
	return ""
}

// compareSymbols matches outline entries by the line their construct
// starts on: the incumbent lists every instruction by its keyword, so one
// of its entries pairs with ours of the same name on that line, else with
// any of ours there (a stage for FROM, variables for ARG/ENV: reported as
// kind mismatches for known.yaml to judge). Ranges compare our
// selectionRange with the incumbent's location.
func compareSymbols(file string, lines []string, ours, theirs []symbol) []finding {
	var out []finding
	used := make([]bool, len(ours))
	mk := func(class string, line int, key string, o, t any) finding {
		return finding{Class: class, File: file, Line: line + 1, Col: 1, Key: key,
			Entity: fmt.Sprintf("%s|%d|%s", file, line, key), Ours: o, Theirs: t, LineText: lineAt(lines, line)}
	}
	for _, ts := range theirs {
		line := ts.Range.Start.Line
		k := -1
		for j, os := range ours {
			if os.Range.Start.Line != line {
				continue
			}
			if os.Name == ts.Name && os.Kind == ts.Kind {
				k = j
				break
			}
			if k < 0 || used[k] && !used[j] {
				k = j
			}
		}
		if k < 0 {
			out = append(out, mk("symbol-missing", line, ts.Name+" "+symbolKindName(ts.Kind), nil, ts))
			continue
		}
		already := used[k]
		used[k] = true
		os := ours[k]
		switch {
		case os.Name != ts.Name || os.Kind != ts.Kind:
			if !already {
				out = append(out, mk("symbol-kind-mismatch", line,
					ts.Name+" "+symbolKindName(ts.Kind)+" → "+symbolKindName(os.Kind), os, ts))
			}
			for j, o2 := range ours {
				if o2.Range.Start.Line == line && o2.Kind == os.Kind {
					used[j] = true // ENV a=1 b=2: one entry of theirs, one per key of ours
				}
			}
		case os.Selection != ts.Selection:
			out = append(out, mk("symbol-range-mismatch", line, ts.Name+" "+symbolKindName(ts.Kind), os, ts))
		}
	}
	for j, os := range ours {
		if !used[j] {
			out = append(out, mk("symbol-extra", os.Range.Start.Line, symbolKindName(os.Kind), os, nil))
		}
	}
	return out
}

// symbolKindName is LSP's SymbolKind by name, for keys that read well.
func symbolKindName(k int) string {
	names := []string{1: "File", "Module", "Namespace", "Package", "Class", "Method", "Property", "Field",
		"Constructor", "Enum", "Interface", "Function", "Variable", "Constant", "String", "Number",
		"Boolean", "Array", "Object", "Key", "Null", "EnumMember", "Struct", "Event", "Operator", "TypeParameter"}
	if k > 0 && k < len(names) {
		return names[k]
	}
	return fmt.Sprintf("kind%d", k)
}

func compareFolds(file string, lines []string, ours, theirs []string) []finding {
	var out []finding
	startOf := func(f string) int {
		var start int
		fmt.Sscanf(f, "%d", &start)
		return start
	}
	sameStart := func(fs []string, start int) []string {
		var out []string
		for _, f := range fs {
			if startOf(f) == start {
				out = append(out, f)
			}
		}
		return out
	}
	for _, f := range minus(theirs, ours) {
		start := startOf(f)
		out = append(out, finding{Class: "folding-missing", File: file, Line: start, Col: 1, Key: foldKey(f, lineAt(lines, start-1)),
			Entity: file + "|" + f, Ours: sameStart(ours, start), Theirs: f, LineText: lineAt(lines, start-1)})
	}
	for _, f := range minus(ours, theirs) {
		start := startOf(f)
		out = append(out, finding{Class: "folding-extra", File: file, Line: start, Col: 1, Key: foldKey(f, lineAt(lines, start-1)),
			Entity: file + "|" + f, Ours: f, Theirs: sameStart(theirs, start), LineText: lineAt(lines, start-1)})
	}
	return out
}

// foldKey is the fold's kind and the first word of its first line.
func foldKey(f, line string) string {
	kind := "region"
	if i := strings.IndexByte(f, ' '); i >= 0 {
		kind = f[i+1:]
	}
	if w := strings.Fields(line); len(w) > 0 && kind != "comment" {
		kind += " " + strings.ToUpper(w[0])
	}
	return kind
}
