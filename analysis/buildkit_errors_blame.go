package analysis

import (
	"regexp"
	"strings"

	"github.com/distribution/reference"
)

// The narrow and locate functions of the error classes: each finds the token
// a BuildKit error is about, from the values its class read out of the
// message (Data), never from the message's wording.

// narrowFunc is the type of errorClass.narrow.
type narrowFunc = func(d *Document, ins, target *Instruction, data Data) (Span, bool)

// blameFlagNamed blames the flag the message names (Data.Token).
func blameFlagNamed(_ *Document, _, target *Instruction, data Data) (Span, bool) {
	for _, f := range target.Flags {
		if f.Name == data.Token {
			return f.Span, true
		}
	}
	return Span{}, false
}

// blameFlag blames the whole --name flag.
func blameFlag(name string) narrowFunc {
	return func(_ *Document, _, target *Instruction, _ Data) (Span, bool) {
		if f := target.Flag(name); f != nil {
			return f.Span, true
		}
		return Span{}, false
	}
}

// blameFlagValue blames the value of the --name flag (the flag without one).
func blameFlagValue(name string) narrowFunc {
	return func(_ *Document, _, target *Instruction, _ Data) (Span, bool) {
		if f := target.Flag(name); f != nil {
			return valueSpan(f), true
		}
		return Span{}, false
	}
}

// blameNamedFlagValue blames the value of the flag the message names.
func blameNamedFlagValue(_ *Document, _, target *Instruction, data Data) (Span, bool) {
	if f := target.Flag(strings.TrimPrefix(data.Token, "--")); f != nil {
		return valueSpan(f), true
	}
	return Span{}, false
}

// blameTrigger blames the keyword of the instruction at fault (the
// trigger's, under ONBUILD).
func blameTrigger(_ *Document, _, target *Instruction, _ Data) (Span, bool) {
	return target.Keyword, true
}

// blameBase blames FROM's image (or an instruction's first argument).
func blameBase(target *Instruction) (Span, bool) {
	if len(target.Args) > 0 {
		return target.Args[0].Span, true
	}
	return Span{}, false
}

// blameArgsFrom blames the arguments from the i-th to the last.
func blameArgsFrom(i int) narrowFunc {
	return func(_ *Document, _, target *Instruction, _ Data) (Span, bool) {
		if i < len(target.Args) {
			return Span{target.Args[i].Span.Start, target.Args[len(target.Args)-1].Span.End}, true
		}
		return Span{}, false
	}
}

// blameArgsOrKeyword blames the arguments, or the keyword when there are none.
func blameArgsOrKeyword(_ *Document, _, target *Instruction, _ Data) (Span, bool) {
	if target.ArgsSpan.Len() > 0 {
		return target.ArgsSpan, true
	}
	return target.Keyword, true
}

// blameArgWith blames the argument containing the token the message names
// (the first one written with it, else the one whose value has it).
func blameArgWith(_ *Document, _, target *Instruction, data Data) (Span, bool) {
	if data.Token == "" {
		return Span{}, false
	}
	for _, w := range target.Args {
		if strings.Contains(w.Raw, data.Token) || strings.Contains(w.Value, data.Token) {
			return w.Span, true
		}
	}
	return Span{}, false
}

// blameTextOf blames the first occurrence of the token in the instruction.
func blameTextOf(d *Document, ins, _ *Instruction, data Data) (Span, bool) {
	if data.Token == "" {
		return Span{}, false
	}
	if i := strings.Index(d.Text[ins.Span.Start:ins.Span.End], data.Token); i >= 0 {
		return Span{ins.Span.Start + i, ins.Span.Start + i + len(data.Token)}, true
	}
	return Span{}, false
}

// mountField returns the key=value field of a --mount (or --device) flag
// of target for which match holds.
func mountField(target *Instruction, flag string, match func(Field) bool) (Field, bool) {
	for _, f := range target.Flags {
		if f.Name != flag {
			continue
		}
		for _, fd := range target.FlagFields(f) {
			if match(fd) {
				return fd, true
			}
		}
	}
	return Field{}, false
}

// blameMountValue blames the value of the mount option key (the mount
// itself when the option is absent, as for a defaulted target).
func blameMountValue(key string) narrowFunc {
	return func(_ *Document, _, target *Instruction, _ Data) (Span, bool) {
		if fd, ok := mountField(target, "mount", func(fd Field) bool { return strings.EqualFold(fd.Key, key) }); ok {
			if fd.ValueSpan.Len() > 0 {
				return fd.ValueSpan, true
			}
			return fd.Span, true
		}
		if f := target.Flag("mount"); f != nil {
			return valueSpan(f), true
		}
		return Span{}, false
	}
}

// blameFieldNamed blames the field of a --mount or --device flag that the
// message quotes (Data.Token: a key, or a whole field).
func blameFieldNamed(_ *Document, _, target *Instruction, data Data) (Span, bool) {
	for _, flag := range []string{"mount", "device"} {
		if fd, ok := mountField(target, flag, func(fd Field) bool {
			return strings.EqualFold(fd.Key, data.Token) || strings.EqualFold(strings.TrimSpace(data.Token), strings.TrimSpace(fd.Key+"="+fd.Value))
		}); ok {
			return fd.Span, true
		}
	}
	return Span{}, false
}

// blameMountValueIs blames the mount option whose value the message quotes.
func blameMountValueIs(_ *Document, _, target *Instruction, data Data) (Span, bool) {
	if fd, ok := mountField(target, "mount", func(fd Field) bool { return fd.HasValue && fd.Value == data.Token }); ok {
		return fd.ValueSpan, true
	}
	return Span{}, false
}

// blameFromVariable blames the mount's from= that uses a variable.
func blameFromVariable(_ *Document, _, target *Instruction, _ Data) (Span, bool) {
	if fd, ok := mountField(target, "mount", func(fd Field) bool {
		return strings.EqualFold(fd.Key, "from") && strings.Contains(fd.Value, "$")
	}); ok {
		return fd.ValueSpan, true
	}
	return Span{}, false
}

// blameSource blames the source argument (not the destination) that the
// predicate picks, e.g. a URL given to COPY.
func blameSource(pick func(string) bool) narrowFunc {
	return func(_ *Document, _, target *Instruction, _ Data) (Span, bool) {
		for _, w := range target.Args[:max(len(target.Args)-1, 0)] {
			if pick(w.Value) {
				return w.Span, true
			}
		}
		return Span{}, false
	}
}

var reURL = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*://`)

// isURL reports whether a source is a URL (BuildKit's isHTTPSource and the
// git forms).
func isURL(s string) bool {
	return reURL.MatchString(s) || strings.HasPrefix(s, "git@")
}

// blameReference blames the part of an image reference at fault: the
// digest, the tag, or the repository name, when the rest parses; else the
// whole reference (FROM's image or --from's value).
func blameReference(_ *Document, _, target *Instruction, data Data) (Span, bool) {
	var span Span
	raw := referenceWord(target)
	if f := target.Flag("from"); f != nil && target.Cmd != "FROM" {
		span = valueSpan(f)
	} else if len(target.Args) > 0 {
		span = target.Args[0].Span
	} else {
		return Span{}, false
	}
	if raw != data.Token || span.Len() != len(raw) {
		return span, true // variables, quotes or continuations: the whole word
	}
	start, end := referenceFault(raw)
	return Span{span.Start + start, span.Start + end}, true
}

// referenceWord is the image reference an instruction names as written:
// COPY's --from value, else FROM's image ("" for neither; nil target too).
func referenceWord(target *Instruction) string {
	if target == nil {
		return ""
	}
	if f := target.Flag("from"); f != nil && target.Cmd != "FROM" {
		return f.Value
	}
	if len(target.Args) > 0 {
		return target.Args[0].Raw
	}
	return ""
}

// referenceFault returns the byte range of ref that makes it invalid.
func referenceFault(ref string) (start, end int) {
	name, dig, hasDigest := strings.Cut(ref, "@")
	tagAt := strings.LastIndexByte(name, ':')
	if tagAt < strings.LastIndexByte(name, '/') {
		tagAt = -1
	}
	repo := name
	if tagAt >= 0 {
		repo = name[:tagAt]
	}
	if n, err := reference.ParseNormalizedNamed(repo); err != nil || !reference.IsNameOnly(n) {
		if strings.ToLower(repo) != repo {
			if _, err := reference.ParseNormalizedNamed(strings.ToLower(repo)); err == nil {
				return 0, len(repo) // only the case is wrong
			}
		}
		return 0, len(ref)
	}
	if tagAt >= 0 {
		if _, err := reference.ParseNormalizedNamed(name); err != nil {
			return tagAt + 1, len(name)
		}
	}
	if hasDigest {
		return len(name) + 1, len(name) + 1 + len(dig)
	}
	return 0, len(ref)
}

// blameMessage finds the token a message of no particular class is about:
// a --name it mentions, the --from value for stage errors, the flag it
// names (or --mount for mount errors), a quoted token, else the first line.
func (d *Document) blameMessage(ins, target *Instruction, msg string) Span {
	if strings.Contains(msg, "flag") {
		if m := reFlagName.FindStringSubmatch(msg); m != nil {
			if s, ok := blameFlagNamed(d, ins, target, Data{Token: m[1]}); ok {
				return s
			}
		}
	}
	if f := target.Flag("from"); f != nil && strings.Contains(msg, "stage") {
		return valueSpan(f)
	}
	if f := flagInMessage(target, msg); f != nil {
		return valueSpan(f)
	}
	if m := reQuotedDouble.FindStringSubmatch(msg); m != nil && m[1] != "" {
		if s, ok := blameTextOf(d, ins, target, Data{Token: m[1]}); ok {
			return s
		}
	}
	return d.firstLineSpan(ins)
}

var (
	reFlagName     = regexp.MustCompile(`--([A-Za-z0-9-]+)`)
	reQuotedSingle = regexp.MustCompile(`'([^']*)'`)
	reQuotedDouble = regexp.MustCompile(`"([^"]*)"`)
)

// flagInMessage finds the flag an error message is about: one named in it,
// or --mount for mount errors (the one containing a quoted token, if several).
func flagInMessage(ins *Instruction, msg string) *Flag {
	low := strings.ToLower(msg)
	var quoted []string
	for _, m := range reQuotedSingle.FindAllStringSubmatch(msg, -1) {
		quoted = append(quoted, m[1])
	}
	for _, m := range reQuotedDouble.FindAllStringSubmatch(msg, -1) {
		quoted = append(quoted, m[1])
	}
	mountErr := strings.Contains(low, "mount") || strings.Contains(low, "csv") || strings.Contains(low, "key=value") ||
		strings.Contains(low, "sharing") || strings.Contains(low, "unexpected key") || strings.Contains(low, "uid") || strings.Contains(low, "gid")
	var candidate *Flag
	for _, f := range ins.Flags {
		if (f.Name == "mount" && mountErr) || (f.Name != "mount" && strings.Contains(low, f.Name)) {
			if candidate == nil {
				candidate = f
			}
			for _, q := range quoted {
				if q != "" && strings.Contains(f.Raw, q) {
					return f
				}
			}
		}
	}
	return candidate
}
