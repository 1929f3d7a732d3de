package analysis

import (
	"slices"
	"strings"
)

// TokenType is a semantic token type; the server maps it to the legend.
type TokenType int

// Token types, in legend order.
const (
	TokenKeyword   TokenType = iota // instruction keywords, AS, HEALTHCHECK CMD/NONE
	TokenProperty                   // flag names, mount option keys
	TokenVariable                   // variable references and ARG/ENV names
	TokenComment                    // comments
	TokenMacro                      // parser directives
	TokenClass                      // stage names
	TokenString                     // heredoc bodies, exec-form strings, shell quotes
	TokenOperator                   // continuation escape tokens, heredoc markers, shell operators and redirections
	TokenNamespace                  // image references
	// Appended in a later version, so the legend's older indexes hold.
	TokenFunction  // shell command names
	TokenParameter // shell options (-x, --opt)
	TokenNumber    // plain numbers in shell (exit 1, 2>&1)
)

// TokenTypeNames is the legend, indexed by TokenType.
var TokenTypeNames = []string{"keyword", "property", "variable", "comment", "macro", "class", "string", "operator", "namespace", "function", "parameter", "number"}

// Token modifiers (bit flags).
const (
	ModDeclaration = 1 << iota
	ModReadonly
	ModDeprecated
)

// TokenModifierNames is the legend of modifiers, by bit.
var TokenModifierNames = []string{"declaration", "readonly", "deprecated"}

// SemanticToken colours a span.
type SemanticToken struct {
	Span      Span
	Type      TokenType
	Modifiers int
}

// SemanticTokens returns the document's tokens in order, without overlaps.
// They are made once per Document; callers must not modify them.
func (d *Document) SemanticTokens() []SemanticToken {
	d.tokensOnce.Do(func() { d.tokens = d.semanticTokens() })
	return d.tokens
}

func (d *Document) semanticTokens() []SemanticToken {
	var out []SemanticToken
	add := func(s Span, t TokenType, mods int) {
		if s.Valid() && s.Len() > 0 {
			out = append(out, SemanticToken{s, t, mods})
		}
	}
	for _, dir := range d.Directives {
		add(dir.Span, TokenMacro, 0)
	}
	for _, c := range d.Comments() {
		add(c.Span, TokenComment, 0)
	}
	for _, st := range d.Stages() {
		if st.NameSpan.Valid() {
			add(st.NameSpan, TokenClass, ModDeclaration)
		}
		if st.AsSpan.Valid() {
			add(st.AsSpan, TokenKeyword, 0)
		}
		if st.ImageSpan.Valid() && !strings.Contains(st.Image, "$") {
			if st.Parent != nil {
				add(st.ImageSpan, TokenClass, 0)
			} else {
				add(st.ImageSpan, TokenNamespace, 0)
			}
		}
	}
	for _, ins := range d.allInstructions() {
		mods := 0
		if ins.Cmd == "MAINTAINER" {
			mods = ModDeprecated
		}
		if ins.Sub == nil || ins.Keyword != ins.Sub.Keyword {
			add(ins.Keyword, TokenKeyword, mods)
		}
		if ins.Cmd == "HEALTHCHECK" && len(ins.Args) > 0 {
			add(ins.Args[0].Span, TokenKeyword, 0)
		}
		for _, f := range ins.Flags {
			add(f.NameSpan, TokenProperty, 0)
			if ins.Cmd == "RUN" && f.Name == "mount" {
				for _, fd := range ins.FlagFields(f) {
					add(fd.KeySpan, TokenProperty, 0)
				}
			}
		}
		for _, r := range d.stageRefs(ins) {
			if !r.def && ins.Cmd != "FROM" {
				add(r.span, TokenClass, 0)
			}
		}
		if ins.Cmd == "ARG" || ins.Cmd == "ENV" {
			for _, kv := range ins.KeyValues() {
				add(kv.KeySpan, TokenVariable, ModDeclaration)
			}
		}
		for _, v := range ins.Vars {
			add(v.Span, TokenVariable, 0)
		}
		for _, c := range ins.Continuations {
			add(c, TokenOperator, 0)
		}
		for _, h := range ins.Heredocs {
			add(d.heredocOperator(h), TokenOperator, 0)
			if ins.Sub == nil && ins.Cmd != "RUN" {
				// COPY/ADD <<EOF bodies are file contents; RUN bodies are
				// scripts, coloured as shell below.
				out = appendWithHoles(out, h.Body, TokenString, ins.Vars)
			}
		}
		if ins.IsExecForm() {
			for _, e := range ins.JSON.Elems {
				out = appendWithHoles(out, e.Span, TokenString, ins.Vars)
			}
		}
	}
	for _, st := range d.Stages() {
		d.posixShellForms(st, func(ins, _ *Instruction) {
			if sc := d.shellScript(ins); sc != nil {
				out = append(out, sc.tokens...)
			}
		})
	}
	slices.SortFunc(out, func(a, b SemanticToken) int {
		if a.Span.Start != b.Span.Start {
			return a.Span.Start - b.Span.Start
		}
		return b.Span.Len() - a.Span.Len()
	})
	// Drop tokens that overlap an earlier one (e.g. a variable inside a stage name).
	return dropOverlaps(out, func(t SemanticToken) Span { return t.Span })
}

// heredocOperator is the "<<" or "<<-" of a heredoc marker.
func (d *Document) heredocOperator(h Heredoc) Span {
	m := h.Marker
	if !m.Valid() || m.End > len(d.Text) {
		return noSpan
	}
	i := strings.Index(d.Text[m.Start:m.End], "<<")
	if i < 0 {
		return noSpan
	}
	n := 2
	if h.Chomp {
		n = 3
	}
	return Span{m.Start + i, min(m.Start+i+n, m.End)}
}

// appendWithHoles appends s as a token of type t, minus the variable
// references inside it, which keep their own tokens.
func appendWithHoles(out []SemanticToken, s Span, t TokenType, vars []VarRef) []SemanticToken {
	at := s.Start
	for _, v := range vars {
		if v.Span.Start < at || v.Span.End > s.End {
			continue
		}
		if v.Span.Start > at {
			out = append(out, SemanticToken{Span{at, v.Span.Start}, t, 0})
		}
		at = v.Span.End
	}
	if s.End > at {
		out = append(out, SemanticToken{Span{at, s.End}, t, 0})
	}
	return out
}

// InlayHint is a label shown inline after a position.
type InlayHint struct {
	Offset  int
	Label   string
	Tooltip string
}

// InlayHints shows, within span, what variables resolve to: the image a FROM
// line names once its variables are expanded, and the value a bare "ARG X"
// in a stage takes.
func (d *Document) InlayHints(span Span) []InlayHint {
	var out []InlayHint
	for _, st := range d.Stages() {
		if !st.ImageSpan.Valid() || st.ImageSpan.End < span.Start || st.ImageSpan.Start > span.End || !strings.Contains(st.Image, "$") {
			continue
		}
		if v := d.ExpandAt(st.From, st.Image); v != "" && v != st.Image {
			out = append(out, InlayHint{Offset: st.ImageSpan.End, Label: "→ " + v, Tooltip: "the image with default build arguments"})
		}
	}
	for _, ins := range d.Instructions() {
		if ins.Cmd != "ARG" || ins.Span.End < span.Start || ins.Span.Start > span.End || d.StageOf(ins) == nil {
			continue
		}
		for _, kv := range ins.KeyValues() {
			if kv.HasValue {
				continue
			}
			for _, def := range d.defsOf(ins) {
				if def.NameSpan == kv.KeySpan && def.HasValue {
					out = append(out, InlayHint{Offset: kv.KeySpan.End, Label: "= " + def.Value, Tooltip: "inherited default"})
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b InlayHint) int { return a.Offset - b.Offset })
	return out
}

// DocumentLink is a span that opens a URL, or (ContextPath set) a file of
// the build context, which the caller resolves against the context.
type DocumentLink struct {
	Span        Span
	Target      string
	ContextPath string
}

// DocumentLinks links base images to their registry pages, URLs in ADD
// sources, and the syntax directive's frontend image.
func (d *Document) DocumentLinks() []DocumentLink {
	var out []DocumentLink
	for _, st := range d.Stages() {
		if !st.ImageSpan.Valid() || st.Parent != nil || strings.Contains(st.Image, "$") || strings.EqualFold(st.Image, "scratch") {
			continue
		}
		if u := imagePage(st.Image); u != "" {
			out = append(out, DocumentLink{Span: st.ImageSpan, Target: u})
		}
	}
	for _, ins := range d.Instructions() {
		if ins.Cmd != "ADD" && ins.Cmd != "COPY" || len(ins.Args) < 2 {
			continue
		}
		for _, a := range ins.Args[:len(ins.Args)-1] {
			v := a.Value
			switch {
			case strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "http://"):
				if ins.Cmd == "ADD" {
					out = append(out, DocumentLink{Span: a.Span, Target: v})
				}
			case ins.Flag("from") == nil && !strings.ContainsAny(v, "$*?[") && !strings.HasPrefix(v, "<<") && !strings.Contains(v, "://"):
				out = append(out, DocumentLink{Span: a.Span, ContextPath: v})
			}
		}
	}
	if dir := d.Directive("syntax"); dir != nil {
		if u := imagePage(dir.Value); u != "" {
			out = append(out, DocumentLink{Span: dir.ValueSpan, Target: u})
		}
	}
	return out
}
