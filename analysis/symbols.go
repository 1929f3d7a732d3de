package analysis

import (
	"strings"
	"unicode/utf8"
)

// SymbolKind classifies a document symbol.
type SymbolKind int

// Symbol kinds.
const (
	SymbolStage SymbolKind = iota
	SymbolVariable
	SymbolInstruction
	SymbolDirective // a parser directive (# syntax=, # escape=, # check=)
)

// Symbol is an entry of the document outline.
type Symbol struct {
	Name     string
	Detail   string
	Kind     SymbolKind
	Span     Span // the whole construct
	NameSpan Span // the part to select
	Children []Symbol
}

// Symbols returns the outline: parser directives, the instructions before
// the first FROM (global ARGs), then each stage with its instructions
// (ARG/ENV as variables).
func (d *Document) Symbols() []Symbol {
	var out []Symbol
	for _, dir := range d.Directives {
		out = append(out, Symbol{Name: dir.Name, Detail: dir.Value, Kind: SymbolDirective, Span: dir.Span, NameSpan: dir.NameSpan})
	}
	// Before the first FROM: the global ARGs, and whatever else is there
	// (BuildKit rejects it, but the outline should still show it).
	stages := d.Stages()
	for _, ins := range d.Instructions() {
		if len(stages) > 0 && ins.Line >= stages[0].From.Line {
			break
		}
		out = append(out, d.instructionSymbols(ins)...)
	}
	for _, st := range stages {
		name := st.Name
		if name == "" {
			name = "stage " + st.Ref()
		}
		end := st.From.Span.End
		if n := len(st.Instructions); n > 0 {
			end = st.Instructions[n-1].Span.End
		}
		sel := st.NameSpan
		if !sel.Valid() {
			sel = st.From.Keyword
		}
		sym := Symbol{Name: name, Detail: "FROM " + st.Image, Kind: SymbolStage, Span: Span{st.From.Span.Start, end}, NameSpan: sel}
		for _, ins := range st.Instructions {
			sym.Children = append(sym.Children, d.instructionSymbols(ins)...)
		}
		out = append(out, sym)
	}
	return out
}

func (d *Document) instructionSymbols(ins *Instruction) []Symbol {
	if ins.Cmd == "ARG" || ins.Cmd == "ENV" {
		var out []Symbol
		for _, kv := range ins.KeyValues() {
			detail := ins.Cmd
			if kv.HasValue {
				detail += " = " + kv.Value
			}
			out = append(out, Symbol{Name: kv.Key, Detail: detail, Kind: SymbolVariable, Span: ins.Span, NameSpan: kv.KeySpan})
		}
		return out
	}
	text := strings.Join(strings.Fields(ins.ArgsText), " ")
	if len(text) > 60 {
		cut := 57
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut-- // never split a character
		}
		text = text[:cut] + "…"
	}
	return []Symbol{{Name: ins.Cmd, Detail: text, Kind: SymbolInstruction, Span: ins.Span, NameSpan: ins.Keyword}}
}

// FoldingRange is a foldable run of lines: Span runs from the start of the
// first line to the end of the last (editors fold whole lines, and may
// count more of them than BuildKit: see package position).
type FoldingRange struct {
	Span    Span
	Comment bool
}

// FoldingRanges returns stages, multi-line instructions and comment blocks.
func (d *Document) FoldingRanges() []FoldingRange {
	var out []FoldingRange
	for _, st := range d.Stages() {
		end := st.From.EndLine
		if n := len(st.Instructions); n > 0 {
			end = st.Instructions[n-1].EndLine
		}
		if end > st.From.Line {
			out = append(out, d.fold(st.From.Line, end, false))
		}
	}
	for _, ins := range d.Instructions() {
		if ins.EndLine > ins.Line {
			out = append(out, d.fold(ins.Line, ins.EndLine, false))
		}
	}
	// Runs of two or more comment lines.
	start, prev := -1, -2
	for _, c := range d.Comments() {
		l := d.Lines.LineOf(c.Span.Start)
		if l != prev+1 {
			if start >= 0 && prev > start {
				out = append(out, d.fold(start, prev, true))
			}
			start = l
		}
		prev = l
	}
	if start >= 0 && prev > start {
		out = append(out, d.fold(start, prev, true))
	}
	return out
}

// fold covers lines first to last.
func (d *Document) fold(first, last int, comment bool) FoldingRange {
	return FoldingRange{Span: Span{d.Lines.LineStart(first), d.Lines.LineEnd(last)}, Comment: comment}
}

// SelectionRanges returns, innermost first, the ever larger spans around off
// that "expand selection" steps through: the token, the flag or argument,
// the instruction, its stage, the document.
func (d *Document) SelectionRanges(off int) []Span {
	var out []Span
	add := func(s Span) {
		if !s.Valid() || !s.Contains(off) {
			return
		}
		// Each range must contain the one before (LSP); a variable such as
		// ${A:-a b} can span more than the word the cursor is in.
		if n := len(out); n > 0 && (s == out[n-1] || s.Start > out[n-1].Start || s.End < out[n-1].End) {
			return
		}
		out = append(out, s)
	}
	if ins := d.InstructionAt(off); ins != nil {
		target := ins
		if ins.Sub != nil && off >= ins.Sub.Keyword.Start {
			target = ins.Sub
		}
		for _, v := range target.Vars {
			if v.NameSpan.Contains(off) {
				add(v.NameSpan)
				add(v.Span)
			}
		}
		for _, f := range target.Flags {
			if f.Span.Contains(off) {
				for _, fd := range target.FlagFields(f) {
					if fd.KeySpan.Contains(off) {
						add(fd.KeySpan)
					}
					if fd.ValueSpan.Contains(off) && fd.ValueSpan.Len() > 0 {
						add(fd.ValueSpan)
					}
					add(fd.Span)
				}
				add(f.NameSpan)
				add(valueSpan(f))
				add(f.Span)
			}
		}
		for _, a := range target.Args {
			add(a.Span)
		}
		add(target.Keyword)
		add(target.ArgsSpan)
		add(target.Span)
		add(ins.Span)
		if st := d.StageOf(ins); st != nil {
			end := st.From.Span.End
			if n := len(st.Instructions); n > 0 {
				end = st.Instructions[n-1].Span.End
			}
			add(Span{st.From.Span.Start, end})
		}
	}
	add(Span{0, len(d.Text)})
	return out
}
