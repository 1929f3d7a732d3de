package analysis

import (
	"encoding/json"
	"regexp"
	"strings"
)

// Instruction is one Dockerfile instruction with exact spans for each token.
// Spans are document offsets; tokens split by continuation lines map back to
// the physical text they came from.
type Instruction struct {
	Cmd      string // upper-case keyword, e.g. "RUN" (as written, upper-cased)
	Keyword  Span
	Span     Span // from the keyword to the end of the last line (heredoc bodies included)
	Line     int  // zero-based first line
	EndLine  int  // zero-based last line
	Flags    []*Flag
	Args     []*Word // arguments after the flags, split as BuildKit splits them
	ArgsSpan Span    // everything after the flags ({x,x} when there are none)
	ArgsText string  // the logical text after the flags (continuations joined)
	JSON     *JSONForm
	Heredocs []Heredoc
	Vars     []VarRef
	Sub      *Instruction // the trigger of ONBUILD

	Continuations          []Span // escape tokens that continue the line
	EmptyContinuationLines []int  // empty lines inside the continuation
	CommentLines           []int  // comment lines inside the continuation

	logical  logicalLine
	escape   byte
	argStart int // logical offset of ArgsText

	shell shellMemo // the script it gives its shell, parsed once (shell_script.go)
}

// Word is one argument word.
type Word struct {
	Span  Span
	Raw   string // as written (quotes kept; continuations joined)
	Value string // quotes removed

	log int // logical offset
}

// JSONForm is an argument list written as a JSON array (exec form).
type JSONForm struct {
	Span  Span
	Valid bool    // parses as a JSON array of strings, so BuildKit uses exec form
	Elems []*Word // the string elements (Raw keeps the JSON quotes)
	Err   string  // why it is not valid, when it is not
}

// Heredoc is a "<<EOF" marker and the body that follows the instruction.
type Heredoc struct {
	Marker     Span // "<<EOF" or "<<-'EOF'"
	Name       string
	Chomp      bool // "<<-": leading tabs are stripped
	Expand     bool // unquoted name: variables in the body expand
	Body       Span // the lines between the instruction and the terminator
	Terminator Span
	Terminated bool
}

// VarRef is a variable reference such as $V, ${V} or ${V:-default}.
type VarRef struct {
	Span     Span
	Name     string
	NameSpan Span
	Braced   bool
	Modifier string // ":-", "-", ":+", "+", ":?", "?", "#", "##", "%", "%%", "/", "//" or ""
	Operand  Span   // the word after the modifier ({x,x} when empty)
	InFlag   bool   // inside a flag value
}

// LogicalSpan maps a range of ArgsText ([start,end) in ArgsText bytes) to a
// document span.
func (ins *Instruction) LogicalSpan(start, end int) Span {
	return ins.logical.span(ins.argStart+start, ins.argStart+end)
}

// Text returns the instruction's logical line (continuations joined).
func (ins *Instruction) Text() string { return ins.logical.text }

// Flag returns the first flag named name, or nil.
func (ins *Instruction) Flag(name string) *Flag {
	for _, f := range ins.Flags {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

// IsExecForm reports whether the arguments are a valid JSON array.
func (ins *Instruction) IsExecForm() bool { return ins.JSON != nil && ins.JSON.Valid }

// tokenize fills in the tokens of ins from its logical line.
func (ins *Instruction) tokenize() {
	ins.tokenizeAt(0)
}

func (ins *Instruction) tokenizeAt(pos int) {
	t := ins.logical.text
	for pos < len(t) && isSpaceByte(t[pos]) {
		pos++
	}
	kw := pos
	for pos < len(t) && !isSpaceByte(t[pos]) {
		pos++
	}
	ins.Keyword = ins.logical.span(kw, pos)
	ins.Cmd = strings.ToUpper(t[kw:pos])
	pos = ins.extractFlags(pos)
	for pos < len(t) && isSpaceByte(t[pos]) {
		pos++
	}
	end := len(t)
	for end > pos && isSpaceByte(t[end-1]) {
		end--
	}
	ins.argStart = pos
	ins.ArgsText = t[pos:end]
	ins.ArgsSpan = ins.logical.span(pos, end)

	switch ins.Cmd {
	case "ONBUILD":
		if pos < end {
			sub := &Instruction{logical: ins.logical, escape: ins.escape}
			sub.tokenizeAt(pos)
			ins.Sub = sub
			ins.Heredocs = sub.Heredocs
			sub.Span = sub.logical.span(pos, len(t))
		}
		return
	case "RUN", "CMD", "ENTRYPOINT", "SHELL", "ADD", "COPY", "VOLUME":
		if strings.HasPrefix(ins.ArgsText, "[") {
			ins.JSON = ins.parseJSON(pos, end)
		}
	case "HEALTHCHECK":
		// HEALTHCHECK [flags] CMD <command> | NONE: the type word, then maybe JSON.
		p := pos
		for p < end && !isSpaceByte(t[p]) {
			p++
		}
		q := p
		for q < end && isSpaceByte(t[q]) {
			q++
		}
		if q < end && t[q] == '[' {
			ins.JSON = ins.parseJSON(q, end)
		}
	}
	ins.Args = ins.splitArgs(pos, end)
	if ins.IsExecForm() && (ins.Cmd == "ADD" || ins.Cmd == "COPY" || ins.Cmd == "VOLUME") {
		ins.Args = ins.JSON.Elems
	}
	for _, f := range ins.Flags {
		if f.HasValue {
			ins.Vars = append(ins.Vars, scanVars(ins, f.valueLog, f.valueLog+len(rawValue(f)), ins.escape, true)...)
		}
	}
	if !ins.IsExecForm() || ins.Cmd == "ADD" || ins.Cmd == "COPY" || ins.Cmd == "VOLUME" {
		ins.Vars = append(ins.Vars, scanVars(ins, pos, end, ins.escape, false)...)
	}
	if (ins.Cmd == "RUN" || ins.Cmd == "COPY" || ins.Cmd == "ADD") && !ins.IsExecForm() && strings.Contains(ins.ArgsText, "<<") {
		ins.findHeredocs()
	}
}

// splitArgs splits the arguments the way BuildKit's line parser does for
// this instruction: on whitespace for FROM, EXPOSE, ADD, COPY and VOLUME, as
// shell-like words (quotes kept together) for the rest.
func (ins *Instruction) splitArgs(pos, end int) []*Word {
	t := ins.logical.text
	switch ins.Cmd {
	case "FROM", "EXPOSE", "ADD", "COPY", "VOLUME":
		var out []*Word
		i := pos
		for i < end {
			for i < end && isSpaceByte(t[i]) {
				i++
			}
			s := i
			for i < end && !isSpaceByte(t[i]) {
				i++
			}
			if i > s {
				out = append(out, &Word{Span: ins.logical.span(s, i), Raw: t[s:i], Value: unquote(t[s:i], ins.escape), log: s})
			}
		}
		return out
	}
	return ins.shellWords(pos, end)
}

// shellWords splits like BuildKit's parseWords: whitespace separates words
// except inside quotes; the escape token protects the next character.
func (ins *Instruction) shellWords(pos, end int) []*Word {
	t := ins.logical.text
	var out []*Word
	i := pos
	for i < end {
		for i < end && isSpaceByte(t[i]) {
			i++
		}
		if i >= end {
			break
		}
		s := i
		sc := quoteScanner{text: t[:end], pos: i, escape: ins.escape}
		for !sc.atSpace() {
			if _, ok := sc.next(); !ok {
				break
			}
		}
		i = sc.pos
		out = append(out, &Word{Span: ins.logical.span(s, i), Raw: t[s:i], Value: unquote(t[s:i], ins.escape), log: s})
	}
	return out
}

// unquote removes shell quotes and escape tokens from a word.
func unquote(raw string, escape byte) string {
	if !strings.ContainsAny(raw, `"'`+string(escape)) {
		return raw
	}
	var b strings.Builder
	sc := quoteScanner{text: raw, escape: escape}
	for {
		st, ok := sc.next()
		if !ok {
			return b.String()
		}
		if st.literal() {
			b.WriteByte(st.c)
		}
	}
}

// parseJSON recognises an exec-form array between logical offsets pos and
// end, recording each string element's span.
func (ins *Instruction) parseJSON(pos, end int) *JSONForm {
	t := ins.logical.text[pos:end]
	jf := &JSONForm{Span: ins.logical.span(pos, end)}
	var vals []any
	if err := json.Unmarshal([]byte(t), &vals); err != nil {
		jf.Err = err.Error()
	} else {
		jf.Valid = true
		for _, v := range vals {
			if _, ok := v.(string); !ok {
				jf.Valid = false
				jf.Err = "when using JSON array syntax, arrays must be comprised of strings only"
			}
		}
	}
	// Record string elements with spans, whether or not the whole is valid.
	for i := 1; i < len(t); i++ {
		if t[i] != '"' {
			continue
		}
		j := i + 1
		for j < len(t) && t[j] != '"' {
			if t[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(t) {
			break
		}
		raw := t[i : j+1]
		var s string
		if json.Unmarshal([]byte(raw), &s) != nil {
			s = raw[1 : len(raw)-1]
		}
		jf.Elems = append(jf.Elems, &Word{Span: ins.logical.span(pos+i, pos+j+1), Raw: raw, Value: s, log: pos + i})
		i = j
	}
	return jf
}

var heredocRe = regexp.MustCompile(`^(\d*)<<(-?)\s*([^<]*)$`)

func (ins *Instruction) findHeredocs() {
	for _, w := range ins.shellWords(ins.argStart, ins.argStart+len(ins.ArgsText)) {
		m := heredocRe.FindStringSubmatch(w.Raw)
		if m == nil || m[3] == "" {
			continue
		}
		name := unquote(m[3], ins.escape)
		if name == "" {
			continue
		}
		ins.Heredocs = append(ins.Heredocs, Heredoc{
			Marker: w.Span,
			Name:   name,
			Chomp:  m[2] == "-",
			Expand: !strings.ContainsAny(m[3], `"'`),
		})
	}
}
