package analysis

import (
	"bufio"
	"strings"
)

// Blame for the errors BuildKit reports after expanding variables (EXPOSE)
// and for those it places on no line of its own (parser directives, the
// # check= options, --from variables, the file as a whole).

// exposeParts splits one port as BuildKit's splitParts and splitProtoPort
// do: [ip:][host:]container[/proto], with byte offsets of container and proto.
func exposeParts(port string) (host, container string, containerAt int, proto string, protoAt int) {
	spec := port
	if i := strings.LastIndexByte(spec, ':'); i >= 0 {
		containerAt = i + 1
		rest := spec[:i]
		host = rest[strings.LastIndexByte(rest, ':')+1:]
		spec = spec[i+1:]
	}
	container, proto, _ = strings.Cut(spec, "/")
	protoAt = containerAt + len(container) + 1
	return host, container, containerAt, proto, protoAt
}

// exposeArg finds the EXPOSE argument one of whose ports (after
// expansion, split into words as BuildKit splits them) is the one want
// picks; literal tells that the word is written as it expands, so offsets
// in the port are offsets in the word.
func (d *Document) exposeArg(ins, target *Instruction, want func(port string) bool) (w *Word, literal bool) {
	var withVars []*Word
	for _, a := range target.Args {
		if !strings.Contains(a.Raw, "$") {
			if want(a.Value) {
				return a, a.Raw == a.Value && a.Span.Len() == len(a.Raw)
			}
			continue
		}
		withVars = append(withVars, a)
		for _, port := range strings.Fields(d.ExpandAt(ins, a.Raw)) {
			if want(port) {
				return a, false
			}
		}
	}
	if len(withVars) == 1 {
		return withVars[0], false // the only word whose value we could not see
	}
	return nil, false
}

// blameExpose blames the EXPOSE port part picked by part (the container
// port, the protocol…) inside its word when it is written literally, else
// the word whose variables produced it.
func blameExpose(match func(data Data, port string) bool, part func(port string) (start, end int)) narrowFunc {
	return func(d *Document, ins, target *Instruction, data Data) (Span, bool) {
		w, literal := d.exposeArg(ins, target, func(port string) bool { return match(data, port) })
		if w == nil {
			return Span{}, false
		}
		if literal && part != nil {
			if s, e := part(w.Value); e > s {
				return Span{w.Span.Start + s, w.Span.Start + e}, true
			}
		}
		return w.Span, true
	}
}

// Port matchers and parts for blameExpose.
var (
	exposeIsPort      = func(data Data, port string) bool { return port == data.Token }
	exposeIsContainer = func(data Data, port string) bool {
		_, c, _, _, _ := exposeParts(port)
		return c == data.Token
	}
	exposeIsHost = func(data Data, port string) bool {
		h, _, _, _, _ := exposeParts(port)
		return h == data.Token
	}
	exposeHasIP = func(data Data, port string) bool {
		return strings.HasPrefix(port, data.Token+":")
	}
	exposeProto = func(port string) (int, int) {
		_, _, _, proto, at := exposeParts(port)
		return at, at + len(proto)
	}
	exposeContainer = func(port string) (int, int) {
		_, c, at, _, _ := exposeParts(port)
		return at, at + len(c)
	}
)

// locateDirective blames a parser directive: the value of the (first)
// directive with the value BuildKit names, or with dup the second
// directive of that name (BuildKit reports the first one's line).
func locateDirective(name string, dup bool) func(d *Document, data Data) (Span, bool) {
	return func(d *Document, data Data) (Span, bool) {
		for _, dir := range d.Directives {
			switch {
			case dup && dir.Duplicate && dir.Name == strings.ToLower(data.Token):
				return dir.Span, true
			case !dup && dir.Name == name && !dir.Duplicate && dir.Value == data.Token:
				return dir.ValueSpan, true
			}
		}
		return Span{}, false
	}
}

// locateCheckOption blames the option of "# check=" that BuildKit could
// not read: its name (for an unknown option), else its value.
func locateCheckOption(d *Document, data Data) (Span, bool) {
	dir := d.Directive("check")
	if dir == nil {
		return Span{}, false
	}
	pos := dir.ValueSpan.Start
	// As linter.ParseLintOptions splits them: at most three parts.
	for i, part := range strings.SplitN(dir.Value, ";", 3) {
		if i > 0 {
			pos++ // the ";"
		}
		start := pos
		pos += len(part)
		k, v, hasValue := strings.Cut(part, "=")
		key := strings.TrimSpace(k)
		switch {
		case !hasValue && part == data.Token:
			return trimmedSpan(d, Span{start, pos}), true
		case hasValue && part == data.Token: // a value that did not parse
			vs := start + len(k) + 1
			if s := trimmedSpan(d, Span{vs, vs + len(v)}); s.Len() > 0 {
				return s, true
			}
			return trimmedSpan(d, Span{start, pos}), true
		case hasValue && key == data.Token:
			return trimmedSpan(d, Span{start, start + len(k)}), true
		}
	}
	return dir.ValueSpan, dir.ValueSpan.Len() > 0
}

// trimmedSpan is s without the spaces around it.
func trimmedSpan(d *Document, s Span) Span {
	for s.Start < s.End && isSpaceByte(d.Text[s.Start]) {
		s.Start++
	}
	for s.End > s.Start && isSpaceByte(d.Text[s.End-1]) {
		s.End--
	}
	return s
}

// locateFromVariable blames the first COPY --from that uses a variable:
// BuildKit's converter rejects the first it meets, in document order.
func locateFromVariable(d *Document, _ Data) (Span, bool) {
	for _, ins := range d.Instructions() {
		if ins.Cmd != "COPY" {
			continue
		}
		if f := ins.Flag("from"); f != nil && strings.Contains(f.Value, "$") {
			return valueSpan(f), true
		}
	}
	return Span{}, false
}

// locateFromValue blames the first COPY --from whose value is the token
// (a stage index BuildKit found no stage for; it gives no line).
func locateFromValue(d *Document, data Data) (Span, bool) {
	for _, ins := range d.Instructions() {
		if f := ins.Flag("from"); ins.Cmd == "COPY" && f != nil && f.Value == data.Token {
			return valueSpan(f), true
		}
	}
	return Span{}, false
}

// locateFirstInstruction blames the first instruction's first line (the
// file as a whole is at fault, e.g. it has no FROM).
func locateFirstInstruction(d *Document, _ Data) (Span, bool) {
	if ins := d.Instructions(); len(ins) > 0 {
		return d.firstLineSpan(ins[0]), true
	}
	return Span{}, false
}

// locateLongLine blames the first line longer than BuildKit's scanner
// reads (BuildKit's line is the one before it).
func locateLongLine(d *Document, _ Data) (Span, bool) {
	for l := range d.Lines.Count() {
		if d.Lines.LineEnd(l)-d.Lines.LineStart(l) >= bufio.MaxScanTokenSize {
			return d.lineSpan(l), true
		}
	}
	return Span{}, false
}
