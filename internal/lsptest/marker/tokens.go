package marker

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

func init() {
	register(marker{name: "token", pattern: true, run: runToken})
	register(marker{name: "tokens", run: runTokens})
	register(marker{name: "rangeTokens", run: runRangeTokens})
}

// semToken is a decoded semantic token.
type semToken struct {
	rng  lsptest.Range
	text string
	typ  string
	mods []string
}

func (t semToken) String() string {
	s := fmt.Sprintf("%d:%d %q %s", t.rng.Start.Line+1, t.rng.Start.Character+1, t.text, t.typ)
	if len(t.mods) > 0 {
		s += " [" + strings.Join(t.mods, " ") + "]"
	}
	return s
}

// semanticTokens requests method (full or range) and decodes the answer
// with the legend the server advertised in initialize.
func semanticTokens(e *Env, n *Note, method string, params map[string]any) ([]semToken, bool) {
	var init struct {
		Capabilities struct {
			SemanticTokensProvider *struct {
				Legend struct {
					TokenTypes     []string `json:"tokenTypes"`
					TokenModifiers []string `json:"tokenModifiers"`
				} `json:"legend"`
			} `json:"semanticTokensProvider"`
		} `json:"capabilities"`
	}
	if err := json.Unmarshal(e.Init, &init); err != nil || init.Capabilities.SemanticTokensProvider == nil {
		e.Errorf(n, "the server advertises no semanticTokensProvider")
		return nil, false
	}
	legend := init.Capabilities.SemanticTokensProvider.Legend
	params["textDocument"] = e.TextDocument()
	var res *struct {
		Data []int `json:"data"`
	}
	e.Client.MustCall(method, params, &res)
	if res == nil {
		e.Errorf(n, "%s: null", method)
		return nil, false
	}
	if len(res.Data)%5 != 0 {
		e.Errorf(n, "%s: %d integers, not a multiple of 5", method, len(res.Data))
		return nil, false
	}
	var out []semToken
	line, char := 0, 0
	for i := 0; i < len(res.Data); i += 5 {
		d := res.Data[i : i+5]
		if d[0] < 0 || d[1] < 0 || d[2] <= 0 || d[3] < 0 || d[3] >= len(legend.TokenTypes) || d[4] < 0 {
			e.Errorf(n, "%s: bad token %v (legend has %d types)", method, d, len(legend.TokenTypes))
			return nil, false
		}
		if d[0] > 0 {
			char = 0
		}
		line += d[0]
		char += d[1]
		t := semToken{rng: lsptest.NewRange(line, char, line, char+d[2]), typ: legend.TokenTypes[d[3]]}
		start, end := e.Offset(t.rng.Start), e.Offset(t.rng.End)
		if e.Pos(start) != t.rng.Start || e.Pos(end) != t.rng.End {
			e.Errorf(n, "%s: token %v runs past the end of its line", method, t.rng)
			return nil, false
		}
		t.text = e.Text[start:end]
		for bit, name := range legend.TokenModifiers {
			if d[4]&(1<<bit) != 0 {
				t.mods = append(t.mods, name)
			}
		}
		out = append(out, t)
	}
	return out, true
}

func fullTokens(e *Env, n *Note) ([]semToken, bool) {
	return semanticTokens(e, n, "textDocument/semanticTokens/full", map[string]any{})
}

func renderTokens(ts []semToken) string {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(t.String() + "\n")
	}
	return b.String()
}

// runToken: token("pat", "type", "modifier", …): a token covers exactly
// the pattern, with that type and exactly those modifiers.
func runToken(e *Env, n *Note) {
	if len(n.Args) < 2 {
		e.Errorf(n, "needs a pattern and a token type")
		return
	}
	ts, ok := fullTokens(e, n)
	if !ok {
		return
	}
	want := e.Range(n.Start, n.End)
	var onLine []string
	for _, t := range ts {
		if t.rng == want {
			if got := strings.Join(append([]string{t.typ}, t.mods...), " "); got != strings.Join(n.Args[1:], " ") {
				e.Errorf(n, "token %s, want %s", t, strings.Join(n.Args[1:], " "))
			}
			return
		}
		if t.rng.Start.Line == want.Start.Line {
			onLine = append(onLine, t.String())
		}
	}
	e.Errorf(n, "no token exactly on %q; on that line: %s", n.Pattern, strings.Join(onLine, ", "))
}

// runTokens: tokens(@golden): every token of the document, one per line.
func runTokens(e *Env, n *Note) {
	golden := n.Golden(0)
	if golden == "" {
		e.Errorf(n, "needs a golden section name")
		return
	}
	if ts, ok := fullTokens(e, n); ok {
		e.Golden(n, golden, renderTokens(ts))
	}
}

// runRangeTokens: rangeTokens([@golden]): semanticTokens/range over the
// note's line answers the same tokens as /full there (every /full token
// that overlaps the line, and only /full tokens), and the golden if given.
func runRangeTokens(e *Env, n *Note) {
	_, start, _, err := locate(e.Text, n.Line, "")
	if err != nil {
		e.Errorf(n, "%v", err)
		return
	}
	end := start + len(strings.TrimRight(strings.SplitAfter(e.Text[start:], "\n")[0], "\r\n"))
	rng := e.Range(start, end)
	got, ok := semanticTokens(e, n, "textDocument/semanticTokens/range", map[string]any{"range": rng})
	if !ok {
		return
	}
	full, ok := fullTokens(e, n)
	if !ok {
		return
	}
	for _, t := range got {
		if !slices.ContainsFunc(full, func(f semToken) bool { return f.String() == t.String() }) {
			e.Errorf(n, "range token %s is not a token of the full document", t)
		}
	}
	for _, f := range full {
		overlaps := e.Offset(f.rng.Start) < end && e.Offset(f.rng.End) > start
		if overlaps && !slices.ContainsFunc(got, func(t semToken) bool { return t.String() == f.String() }) {
			e.Errorf(n, "range %v lacks token %s", rng, f)
		}
	}
	if golden := n.Golden(0); golden != "" {
		e.Golden(n, golden, renderTokens(got))
	}
}
