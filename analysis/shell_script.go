package analysis

import (
	"errors"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"
)

// This file is the one parse of the script an instruction hands to its
// shell (RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD in shell form, RUN
// heredocs): the script exactly as BuildKit builds it, parsed once with
// mvdan.cc/sh and kept with the instruction (later versions of the
// document reuse instructions before an edit, and a version's shellParses
// has the parses of moved but unchanged scripts after it), read by
// ShellSyntax and by the semantic tokens. Whether a POSIX shell runs it is
// the stage's question (posixShellForms in shell.go), not the script's.

// shellScript is the shell source of one instruction and what parsing it
// found.
type shellScript struct {
	// src is the script; src[log:log+n] is the document's text[phys:phys+n]
	// for each of segs. Bytes in no segment (the newline BuildKit puts
	// between a command line and its heredocs) are in no place of the
	// document. Both are dropped once the tokens are mapped.
	src  string
	segs []segment
	body *Heredoc // the script is this heredoc's body (RUN <<EOF alone)
	// complex: the command line and its heredocs, joined as BuildKit
	// joins them (RUN cat <<EOF >file…).
	complex bool

	parsed *parsedShell
	tokens []SemanticToken // document spans, in order, without overlaps
}

// parsedShell is what parsing a script's text found: its tokens (in the
// script's offsets) and its first syntax error.
type parsedShell struct {
	tokens []SemanticToken
	hasErr bool
	errOff int    // offset in the script of the first syntax error, when hasErr
	errMsg string // mvdan's message for it
	gen    int    // the last version that used it (shellParses)
}

// shellMemo holds an instruction's script, made on first use.
type shellMemo struct {
	once   sync.Once
	script *shellScript
}

// shellScript returns the script ins gives its shell, parsed, or nil when
// it gives none (exec form, other instructions, a heredoc with a shebang
// naming another interpreter, variable references nested too deep).
func (d *Document) shellScript(ins *Instruction) *shellScript {
	ins.shell.once.Do(func() {
		sc := newShellScript(ins, d.Text)
		if sc != nil {
			sc.parsed = d.shells.parse(sc.src, d.shellGen)
			sc.tokens = sc.mapTokens(sc.parsed.tokens)
			sc.src, sc.segs = "", nil // only needed until here
		}
		ins.shell.script = sc
	})
	return ins.shell.script
}

// newShellScript builds the source of ins's script without parsing it.
func newShellScript(ins *Instruction, text string) *shellScript {
	if _, deep := ins.tooDeep(); deep || ins.IsExecForm() {
		return nil // too deep for the shell parser (depth.go)
	}
	start := 0 // in ArgsText
	switch ins.Cmd {
	case "RUN", "CMD", "ENTRYPOINT":
	case "HEALTHCHECK":
		if len(ins.Args) < 2 || !strings.EqualFold(ins.Args[0].Value, "CMD") {
			return nil
		}
		start = ins.Args[1].log - ins.argStart
	default:
		return nil
	}
	if ins.Cmd == "RUN" && len(ins.Heredocs) > 0 {
		return heredocScript(ins, text)
	}
	sc := &shellScript{}
	sc.addLogical(ins, start, len(ins.ArgsText))
	return sc
}

// heredocScript is what BuildKit runs for a RUN with heredocs: a single
// heredoc that is the whole command line is the script itself (run by the
// shell, or by the interpreter its shebang names); otherwise the command
// line, a newline, then each body and terminator.
func heredocScript(ins *Instruction, text string) *shellScript {
	first := &ins.Heredocs[0]
	if len(ins.Heredocs) == 1 && strings.Join(strings.Fields(ins.ArgsText), " ") == text[first.Marker.Start:first.Marker.End] {
		body := text[first.Body.Start:first.Body.End]
		if form := heredocFormOf(ins, *first, body); form.shebang != "" && !isShell(form.shebang) {
			return nil // saved as a file and run by another interpreter
		}
		sc := &shellScript{body: first}
		sc.addText(text, first.Body.Start, first.Body.End)
		return sc
	}
	sc := &shellScript{complex: true}
	sc.addLogical(ins, 0, len(ins.ArgsText))
	sc.src += "\n"
	last := ins.Heredocs[len(ins.Heredocs)-1]
	end := last.Body.End
	if last.Terminated {
		end = last.Terminator.End
	}
	sc.addText(text, first.Body.Start, end)
	return sc
}

// addLogical appends ArgsText[from:to] with its map through continuations.
func (sc *shellScript) addLogical(ins *Instruction, from, to int) {
	lo, hi := ins.argStart+from, ins.argStart+to
	for _, s := range ins.logical.segs {
		a, b := max(s.log, lo), min(s.log+s.n, hi)
		if a >= b {
			continue
		}
		sc.segs = append(sc.segs, segment{log: len(sc.src) + a - lo, phys: s.phys + a - s.log, n: b - a})
	}
	sc.src += ins.logical.text[lo:hi]
}

// addText appends text[start:end], a run of the document.
func (sc *shellScript) addText(text string, start, end int) {
	if end > start {
		sc.segs = append(sc.segs, segment{log: len(sc.src), phys: start, n: end - start})
		sc.src += text[start:end]
	}
}

// Parsers keep state between calls and are not safe to share: one per
// parse, reused through these pools.
var (
	strictParsers = sync.Pool{New: func() any {
		return syntax.NewParser(syntax.Variant(syntax.LangBash), syntax.KeepComments(true))
	}}
	// recovering parsers give a tree for scripts with errors (often: the
	// line being typed), so their tokens do not vanish while typing.
	recoveringParsers = sync.Pool{New: func() any {
		return syntax.NewParser(syntax.Variant(syntax.LangBash), syntax.KeepComments(true), syntax.RecoverErrors(8))
	}}
)

// shellParses keeps parses by script text across the versions of one
// document (a Document hands it to the next): after an edit, the lexer
// makes new instructions from the edit on, and their scripts, unchanged
// but moved, are not parsed again. Entries no recent version used are
// dropped as it grows.
type shellParses struct {
	mu    sync.Mutex
	m     map[string]*parsedShell
	gen   int // of the newest version
	limit int // prune when the map reaches this size
}

// newVersion returns the generation of a new version of the document.
func (c *shellParses) newVersion() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	return c.gen
}

// parse returns the parse of src, from an earlier version if one had it.
func (c *shellParses) parse(src string, gen int) *parsedShell {
	c.mu.Lock()
	if p := c.m[src]; p != nil {
		p.gen = max(p.gen, gen)
		c.mu.Unlock()
		return p
	}
	c.mu.Unlock()
	p := parseScript(src)
	p.gen = gen
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*parsedShell{}
	}
	if len(c.m) >= max(c.limit, 256) {
		for k, q := range c.m {
			if q.gen < c.gen-1 {
				delete(c.m, k)
			}
		}
		c.limit = 2 * len(c.m)
	}
	c.m[strings.Clone(src)] = p // src may share the document's text
	return p
}

// parseScript parses src: its first syntax error, and its tokens (from a
// tree the parser recovers when there is an error: a line being typed
// keeps its colours).
func parseScript(src string) *parsedShell {
	p := &parsedShell{}
	f, err := parsePooled(&strictParsers, src)
	var pe syntax.ParseError
	if errors.As(err, &pe) {
		p.hasErr, p.errOff, p.errMsg = true, int(pe.Pos.Offset()), pe.Text
	}
	if err != nil {
		f, _ = parsePooled(&recoveringParsers, src)
	}
	if f != nil {
		p.tokens = shellTokens(f, src)
	}
	return p
}

// shellTokens returns the tokens of a parsed script, sorted, without
// overlaps; none if the walk meets a node it cannot measure (a recovered
// tree can hold incomplete nodes).
func shellTokens(f *syntax.File, src string) (toks []SemanticToken) {
	defer func() {
		if recover() != nil {
			toks = nil
		}
	}()
	return walkShell(f, src)
}

// parsePooled parses src with a parser from pool. A panic in the parser (a
// bug there) gives no tree rather than a dead request.
func parsePooled(pool *sync.Pool, src string) (f *syntax.File, err error) {
	p := pool.Get().(*syntax.Parser)
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, errors.New("shell parser failure")
			return // a parser that panicked is not put back
		}
		pool.Put(p)
	}()
	return p.Parse(strings.NewReader(src), "")
}

// mapTokens maps tokens in src offsets (sorted, not overlapping) to
// document spans: a token crossing a continuation becomes one token per
// physical piece.
func (sc *shellScript) mapTokens(toks []SemanticToken) []SemanticToken {
	out := make([]SemanticToken, 0, len(toks))
	k := 0
	for _, t := range toks {
		for k < len(sc.segs) && sc.segs[k].log+sc.segs[k].n <= t.Span.Start {
			k++
		}
		for j := k; j < len(sc.segs) && sc.segs[j].log < t.Span.End; j++ {
			s := sc.segs[j]
			a, b := max(s.log, t.Span.Start), min(s.log+s.n, t.Span.End)
			if a < b {
				out = append(out, SemanticToken{Span{s.phys + a - s.log, s.phys + b - s.log}, t.Type, t.Modifiers})
			}
		}
	}
	return out
}
