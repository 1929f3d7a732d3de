package analysis

import "strings"

// SymbolKind classifies a document symbol.
type SymbolKind int

// Symbol kinds.
const (
	SymbolStage SymbolKind = iota
	SymbolVariable
	SymbolInstruction
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

// Symbols returns the outline: global ARGs, then each stage with its
// instructions (ARG/ENV as variables).
func (d *Document) Symbols() []Symbol {
	var out []Symbol
	for _, ins := range d.GlobalArgs() {
		out = append(out, d.instructionSymbols(ins)...)
	}
	for _, st := range d.Stages() {
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
		text = text[:57] + "…"
	}
	return []Symbol{{Name: ins.Cmd, Detail: text, Kind: SymbolInstruction, Span: ins.Span, NameSpan: ins.Keyword}}
}

// FoldingRange is a foldable run of lines (zero-based, inclusive).
type FoldingRange struct {
	StartLine, EndLine int
	Comment            bool
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
			out = append(out, FoldingRange{StartLine: st.From.Line, EndLine: end})
		}
	}
	for _, ins := range d.Instructions() {
		if ins.EndLine > ins.Line {
			out = append(out, FoldingRange{StartLine: ins.Line, EndLine: ins.EndLine})
		}
	}
	// Runs of two or more comment lines.
	start, prev := -1, -2
	for _, c := range d.Comments() {
		l := d.Lines.LineOf(c.Span.Start)
		if l != prev+1 {
			if start >= 0 && prev > start {
				out = append(out, FoldingRange{StartLine: start, EndLine: prev, Comment: true})
			}
			start = l
		}
		prev = l
	}
	if start >= 0 && prev > start {
		out = append(out, FoldingRange{StartLine: start, EndLine: prev, Comment: true})
	}
	return out
}
