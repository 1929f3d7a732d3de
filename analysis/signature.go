package analysis

import (
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
)

// Signature is one form of an instruction, e.g. "COPY [OPTIONS] <src> ... <dest>".
type Signature struct {
	Label  string
	Params []Span // byte ranges of Label, one per parameter
	Doc    string // Markdown
}

// SignatureHelp is the forms of the instruction at the cursor, which one
// applies and which parameter is being typed.
type SignatureHelp struct {
	Signatures  []Signature
	Active      int
	ActiveParam int
}

// SignatureHelp describes the instruction around off, or nil outside one.
func (d *Document) SignatureHelp(off int, lang string) *SignatureHelp {
	ins := d.InstructionAt(off)
	if ins == nil || off <= ins.Keyword.End {
		return nil
	}
	if ins.Sub != nil && off > ins.Sub.Keyword.End {
		ins = ins.Sub
	}
	if h := d.flagSignature(ins, off, lang); h != nil {
		return h
	}
	in := docs.Ref().Instruction(ins.Cmd)
	if in == nil || len(in.Forms) == 0 {
		return nil
	}
	h := &SignatureHelp{}
	for _, f := range in.Forms {
		h.Signatures = append(h.Signatures, Signature{Label: f.Syntax, Params: formParams(f.Syntax), Doc: docs.Summary(lang, docs.KindInstruction, in.Name)})
	}
	h.Active = activeForm(ins, in.Forms)
	h.ActiveParam = activeParam(d, ins, off, h.Signatures[h.Active])
	return h
}

// formParams splits a syntax line into parameters after the keyword:
// bracketed groups stay whole and "..." joins the parameter before it.
func formParams(syntax string) []Span {
	var out []Span
	i := strings.IndexByte(syntax, ' ')
	if i < 0 {
		return nil
	}
	for i < len(syntax) {
		for i < len(syntax) && syntax[i] == ' ' {
			i++
		}
		if i >= len(syntax) {
			break
		}
		start, depth := i, 0
		for i < len(syntax) && (depth > 0 || syntax[i] != ' ') {
			switch syntax[i] {
			case '[':
				depth++
			case ']':
				depth--
			}
			i++
		}
		tok := syntax[start:i]
		if (tok == "..." || tok == "…") && len(out) > 0 {
			out[len(out)-1].End = i
			continue
		}
		out = append(out, Span{start, i})
	}
	return out
}

func activeForm(ins *Instruction, forms []docs.Form) int {
	want := "shell"
	switch {
	case ins.JSON != nil:
		want = "exec"
	case len(ins.Heredocs) > 0:
		want = "heredoc"
	case ins.Cmd == "HEALTHCHECK" && len(ins.Args) > 0 && strings.EqualFold(ins.Args[0].Raw, "NONE"):
		want = "none"
	}
	for i, f := range forms {
		if f.Name == want || (want == "exec" && f.Name == "json") {
			return i
		}
	}
	return 0
}

func activeParam(d *Document, ins *Instruction, off int, sig Signature) int {
	options := -1
	var positional []int
	for i, p := range sig.Params {
		tok := sig.Label[p.Start:p.End]
		if strings.HasPrefix(tok, "[--") || strings.HasPrefix(tok, "[OPTIONS") {
			options = i
			continue
		}
		positional = append(positional, i)
	}
	word, wordStart := currentWord(d.Text, d.Lines.LineStart(d.Lines.LineOf(off)), off)
	if options >= 0 && (strings.HasPrefix(word, "-") || len(ins.Args) == 0 && strings.HasPrefix(word, "-")) && d.inFlagArea(ins, wordStart) {
		return options
	}
	if options >= 0 {
		for _, f := range ins.Flags {
			if f.Span.Contains(off) {
				return options
			}
		}
	}
	if len(positional) == 0 {
		return 0
	}
	n := 0
	for _, a := range ins.Args {
		if a.Span.End < off && !a.Span.Contains(off) {
			n++
		}
	}
	if n >= len(positional) {
		n = len(positional) - 1
	}
	return positional[n]
}
