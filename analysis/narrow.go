package analysis

import "strings"

// BuildKit locates its findings by line only. The rule values point each one
// at its token with the helpers of this file (their narrow functions).

// lineSpan is the fallback: the text of the zero-based line, without
// leading whitespace.
func (d *Document) lineSpan(line int) Span {
	s, e := d.Lines.LineStart(line), d.Lines.LineEnd(line)
	for s < e && isSpaceByte(d.Text[s]) {
		s++
	}
	return Span{s, e}
}

// firstLineSpan is the instruction from its keyword to the end of the
// keyword's line (which continuation lines may push below ins.Line).
func (d *Document) firstLineSpan(ins *Instruction) Span {
	return Span{ins.Keyword.Start, max(ins.Keyword.End, d.Lines.LineEnd(d.Lines.LineOf(ins.Keyword.Start)))}
}

// trigger is the instruction a finding on ins is about: the ONBUILD trigger
// when there is one.
func trigger(ins *Instruction) *Instruction {
	if ins.Sub != nil {
		return ins.Sub
	}
	return ins
}

// varSpan finds the first reference to name in ins.
func (d *Document) varSpan(ins *Instruction, name string) (Span, bool) {
	for _, v := range ins.Vars {
		if v.Name == name {
			return v.Span, true
		}
	}
	if ins.Sub != nil {
		return d.varSpan(ins.Sub, name)
	}
	return Span{}, false
}

// blameArg blames the i-th argument (the stage name of FROM x AS name is 2).
func blameArg(i int) func(*Document, *Instruction, Data) (Span, bool) {
	return func(_ *Document, ins *Instruction, _ Data) (Span, bool) {
		if t := trigger(ins); i < len(t.Args) {
			return t.Args[i].Span, true
		}
		return Span{}, false
	}
}

func blameKeyword(_ *Document, ins *Instruction, _ Data) (Span, bool) {
	return trigger(ins).Keyword, true
}

func blameArguments(_ *Document, ins *Instruction, _ Data) (Span, bool) {
	t := trigger(ins)
	return t.ArgsSpan, t.ArgsSpan.Len() > 0
}

// blameVar blames the first reference to the variable the finding names.
func blameVar(d *Document, ins *Instruction, data Data) (Span, bool) {
	if data.Token == "" {
		return Span{}, false
	}
	return d.varSpan(ins, data.Token)
}

func blamePlatform(_ *Document, ins *Instruction, _ Data) (Span, bool) {
	if f := ins.Flag("platform"); f != nil {
		return valueSpan(f), true
	}
	return Span{}, false
}

// blameCasedKeyword blames the keyword written in the other case: the
// trigger's when it is the one named, else the instruction's.
func blameCasedKeyword(d *Document, ins *Instruction, data Data) (Span, bool) {
	if ins.Sub != nil && data.Token != "" && d.text(ins.Sub.Keyword) == data.Token {
		return ins.Sub.Keyword, true
	}
	return ins.Keyword, true
}

// blameEmptyContinuation blames the escape token that continues into the
// (first) empty line.
func blameEmptyContinuation(d *Document, ins *Instruction, _ Data) (Span, bool) {
	if len(ins.EmptyContinuationLines) == 0 {
		return Span{}, false
	}
	l := ins.EmptyContinuationLines[0]
	for i := len(ins.Continuations) - 1; i >= 0; i-- {
		if c := ins.Continuations[i]; d.Lines.LineOf(c.Start) < l {
			return c, true
		}
	}
	return Span{d.Lines.LineStart(l), d.Lines.LineStart(l)}, true
}

// blameKey blames the key of the ARG or ENV pair the finding names.
func blameKey(_ *Document, ins *Instruction, data Data) (Span, bool) {
	if data.Token == "" {
		return Span{}, false
	}
	for _, w := range trigger(ins).Args {
		key, _, _ := strings.Cut(w.Raw, "=")
		if key == data.Token {
			return Span{w.Span.Start, w.Span.Start + len(key)}, true
		}
	}
	return Span{}, false
}

// blamePort blames the EXPOSE argument the finding names.
func blamePort(_ *Document, ins *Instruction, data Data) (Span, bool) {
	for _, w := range trigger(ins).Args {
		if w.Raw == data.Token || w.Value == data.Token {
			return w.Span, true
		}
	}
	return Span{}, false
}

// blameCommentAbove blames the comment line just above the instruction.
func blameCommentAbove(d *Document, ins *Instruction, _ Data) (Span, bool) {
	for i := len(d.Comments()) - 1; i >= 0; i-- {
		c := d.Comments()[i]
		if d.Lines.LineOf(c.Span.Start) == ins.Line-1 {
			return c.Span, true
		}
	}
	return Span{}, false
}
