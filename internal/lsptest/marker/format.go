package marker

import (
	"strconv"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

func init() {
	register(marker{name: "format", run: runFormat})
	register(marker{name: "formatRange", pattern: true, run: runFormatRange})
	register(marker{name: "formatOnType", pattern: true, run: runFormatOnType})
}

// formatArgs splits a formatting note's arguments (after those the marker
// reads itself) into FormattingOptions (tabSize 4 and insertSpaces true
// unless given), "to=text@L" and "crlf=true".
type formatArgs struct {
	options map[string]any
	to      string
	crlf    bool
}

func parseFormatArgs(e *Env, n *Note, args []string) (formatArgs, bool) {
	fa := formatArgs{options: map[string]any{"tabSize": 4, "insertSpaces": true}}
	for _, a := range args {
		k, v, ok := strings.Cut(a, "=")
		if !ok || strings.HasPrefix(a, "@") {
			e.Errorf(n, "bad formatting option %q (want name=value)", a)
			return fa, false
		}
		switch k {
		case "to":
			fa.to = v
		case "crlf":
			fa.crlf = v == "true"
		default:
			if i, err := strconv.Atoi(v); err == nil {
				fa.options[k] = i
			} else if b, err := strconv.ParseBool(v); err == nil {
				fa.options[k] = b
			} else {
				fa.options[k] = v
			}
		}
	}
	return fa, true
}

// formatDoc is the per-case state of the formatting markers: the text the
// server has, and its version.
type formatDoc struct {
	text    string
	version int
	opened  bool
}

// setText makes the server's document text (a full-text didChange).
func setText(e *Env, text string) {
	d := stash[formatDoc](e, "format")
	if !d.opened {
		d.text, d.version, d.opened = e.Text, 1, true
	}
	if text == d.text {
		return
	}
	d.text = text
	d.version++
	e.Client.Notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": e.URI, "version": d.version},
		"contentChanges": []any{map[string]any{"text": text}},
	})
}

// withText runs f on the case's document, with CRLF line ends when asked,
// and gives the server back the document as written.
func withText(e *Env, crlf bool, f func(text string)) {
	text := e.Text
	if crlf {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	setText(e, text)
	f(text)
	setText(e, e.Text)
}

// lfText is text with CRLF line ends turned back into LF, for a golden; it
// reports a line that ended otherwise.
func lfText(e *Env, n *Note, text string, crlf bool) string {
	if !crlf {
		return text
	}
	if strings.Count(text, "\r\n") != strings.Count(text, "\n") {
		e.Errorf(n, "a line lost its CRLF: %q", text)
	}
	return strings.ReplaceAll(text, "\r\n", "\n")
}

// runFormat: format(@golden, "tabSize=8", "crlf=true", …): the document
// after applying textDocument/formatting's edits is the golden, and
// formatting that result again returns no edits.
func runFormat(e *Env, n *Note) {
	golden := n.Golden(0)
	if golden == "" {
		e.Errorf(n, "needs a golden section name")
		return
	}
	fa, ok := parseFormatArgs(e, n, n.Args[1:])
	if !ok {
		return
	}
	withText(e, fa.crlf, func(text string) {
		var edits []lsptest.TextEdit
		e.Client.MustCall("textDocument/formatting", map[string]any{"textDocument": e.TextDocument(), "options": fa.options}, &edits)
		got := lsptest.ApplyEdits(text, edits, e.Enc)
		e.GoldenText(n, golden, lfText(e, n, got, fa.crlf))
		setText(e, got)
		e.Client.MustCall("textDocument/formatting", map[string]any{"textDocument": e.TextDocument(), "options": fa.options}, &edits)
		if len(edits) > 0 {
			e.Errorf(n, "formatting the formatted document again: %v", edits)
		}
	})
}

// runFormatRange: formatRange("pattern", @golden, "to=text@L", …): the
// document after textDocument/rangeFormatting over the pattern (to the end of
// the first "text" on 1-based line L when given) is the golden.
func runFormatRange(e *Env, n *Note) {
	golden := n.Golden(1)
	if golden == "" {
		e.Errorf(n, "needs a golden section name after the pattern")
		return
	}
	fa, ok := parseFormatArgs(e, n, n.Args[2:])
	if !ok {
		return
	}
	r := e.Range(n.Start, n.End)
	if fa.to != "" {
		to, err := e.SpecRange(fa.to)
		if err != nil {
			e.Errorf(n, "%v", err)
			return
		}
		r.End = to.End
	}
	withText(e, false, func(text string) {
		var edits []lsptest.TextEdit
		e.Client.MustCall("textDocument/rangeFormatting", map[string]any{"textDocument": e.TextDocument(), "range": r, "options": fa.options}, &edits)
		e.GoldenText(n, golden, lsptest.ApplyEdits(text, edits, e.Enc))
	})
}

// runFormatOnType: formatOnType("pat|tern", "line", …): after
// textDocument/onTypeFormatting with ch "\n" at the cursor, the cursor's line
// is exactly "line".
func runFormatOnType(e *Env, n *Note) {
	if len(n.Args) < 2 || n.Golden(1) != "" {
		e.Errorf(n, "needs the expected line after the pattern")
		return
	}
	fa, ok := parseFormatArgs(e, n, n.Args[2:])
	if !ok {
		return
	}
	withText(e, false, func(text string) {
		var edits []lsptest.TextEdit
		e.Client.MustCall("textDocument/onTypeFormatting", map[string]any{"textDocument": e.TextDocument(), "position": e.Pos(n.Cursor), "ch": "\n", "options": fa.options}, &edits)
		lines := strings.Split(lsptest.ApplyEdits(text, edits, e.Enc), "\n")
		if got := lines[n.Line]; got != n.Args[1] {
			e.Errorf(n, "line %q, want %q", got, n.Args[1])
		}
	})
}
