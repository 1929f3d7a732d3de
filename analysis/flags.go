package analysis

import "strings"

// Flag is a "--name=value" word before an instruction's arguments.
type Flag struct {
	Span      Span   // the whole word
	Name      string // without dashes
	NameSpan  Span   // "--name"
	Value     string // unquoted value
	ValueSpan Span   // raw value after '=' ({-1,-1} without '=')
	HasValue  bool
	Raw       string // the raw word

	valueLog int // logical offset of the value
}

// FlagFields splits a flag value of the form k=v,k2=v2 (as RUN --mount takes)
// into fields with document spans. Values keep their quotes trimmed.
func (ins *Instruction) FlagFields(f *Flag) []Field {
	if !f.HasValue {
		return nil
	}
	raw := ins.logical.text[f.valueLog : f.valueLog+len(rawValue(f))]
	var out []Field
	start := 0
	sc := quoteScanner{text: raw} // no escapes in mount fields, as BuildKit's CSV reading
	for {
		st, ok := sc.next()
		if ok && (st.kind != stepByte || st.c != ',' || sc.quoted()) {
			continue
		}
		i := len(raw)
		if ok {
			i = st.start
		}
		part := raw[start:i]
		fd := Field{Span: ins.logical.span(f.valueLog+start, f.valueLog+i)}
		if eq := strings.IndexByte(part, '='); eq >= 0 {
			fd.Key = part[:eq]
			fd.KeySpan = ins.logical.span(f.valueLog+start, f.valueLog+start+eq)
			fd.Value = strings.Trim(part[eq+1:], `"'`)
			fd.ValueSpan = ins.logical.span(f.valueLog+start+eq+1, f.valueLog+i)
			fd.HasValue = true
		} else {
			fd.Key = part
			fd.KeySpan = fd.Span
			fd.ValueSpan = Span{fd.Span.End, fd.Span.End}
		}
		out = append(out, fd)
		if !ok {
			return out
		}
		start = i + 1
	}
}

// Field is one key[=value] of a comma-separated flag value.
type Field struct {
	Span      Span
	Key       string
	KeySpan   Span
	Value     string
	ValueSpan Span
	HasValue  bool
}

func rawValue(f *Flag) string {
	if i := strings.IndexByte(f.Raw, '='); i >= 0 {
		return f.Raw[i+1:]
	}
	return ""
}

// extractFlags reads "--flag" words from pos as BuildKit's
// extractBuilderFlags does and returns where the arguments begin.
func (ins *Instruction) extractFlags(pos int) int {
	t := ins.logical.text
	for {
		for pos < len(t) && isSpaceByte(t[pos]) {
			pos++
		}
		if pos+1 >= len(t) || t[pos] != '-' || t[pos+1] != '-' {
			return pos
		}
		s := pos
		var val strings.Builder
		// BuildKit's flag parsing lets the escape token work inside single quotes too.
		sc := quoteScanner{text: t, pos: pos, escape: ins.escape, escapeInSingle: true}
		for !sc.atSpace() {
			st, ok := sc.next()
			if !ok {
				break
			}
			if st.literal() {
				val.WriteByte(st.c)
			}
		}
		pos = sc.pos
		raw := t[s:pos]
		if raw == "--" {
			return pos
		}
		f := &Flag{Span: ins.logical.span(s, pos), Raw: raw, ValueSpan: noSpan, valueLog: pos}
		word := val.String()[2:]
		nameEnd := s + 2
		for nameEnd < pos && t[nameEnd] != '=' {
			nameEnd++
		}
		f.NameSpan = ins.logical.span(s, nameEnd)
		if i := strings.IndexByte(word, '='); i >= 0 {
			f.Name, f.Value, f.HasValue = word[:i], word[i+1:], true
			f.ValueSpan = ins.logical.span(nameEnd+1, pos)
			f.valueLog = nameEnd + 1
		} else {
			f.Name = word
		}
		ins.Flags = append(ins.Flags, f)
	}
}
