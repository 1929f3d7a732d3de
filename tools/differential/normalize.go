package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// position and lspRange are LSP's, in UTF-16 code units (both servers are
// initialised with utf-16).
type position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

type lspRange struct {
	Start position `json:"start"`
	End   position `json:"end"`
}

// String is 1-based line:col-line:col, the form the report prints.
func (r lspRange) String() string {
	return fmt.Sprintf("%d:%d-%d:%d", r.Start.Line+1, r.Start.Character+1, r.End.Line+1, r.End.Character+1)
}

type diagnostic struct {
	Range    lspRange        `json:"range"`
	Severity int             `json:"severity"`
	Code     json.RawMessage `json:"code"`
	Source   string          `json:"source"`
	Message  string          `json:"message"`
}

// codeString is the diagnostic's code as text (the incumbent's are numbers).
func (d diagnostic) codeString() string {
	var s string
	if json.Unmarshal(d.Code, &s) == nil {
		return s
	}
	return strings.TrimSpace(string(d.Code))
}

// The decoders below turn each server's answer into a canonical, sorted,
// comparable form: both servers may use any shape the protocol allows.

// hoverTitle is the first line a hover answer shows, clipped ("" when
// the answer is null or empty): enough to tell what kind of hover it is.
func hoverTitle(raw json.RawMessage) string {
	var h struct {
		Contents json.RawMessage `json:"contents"`
	}
	if isNull(raw) || json.Unmarshal(raw, &h) != nil || isNull(h.Contents) {
		return ""
	}
	var text string
	var markup struct {
		Value string `json:"value"`
	}
	var list []json.RawMessage
	switch {
	case json.Unmarshal(h.Contents, &text) == nil:
	case json.Unmarshal(h.Contents, &list) == nil:
		for _, item := range list {
			var s string
			if json.Unmarshal(item, &s) != nil && json.Unmarshal(item, &markup) == nil {
				s = markup.Value
			}
			text += s + "\n"
		}
	case json.Unmarshal(h.Contents, &markup) == nil:
		text = markup.Value
	}
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return clip(l, 80)
		}
	}
	return ""
}

func isNull(raw json.RawMessage) bool {
	s := strings.TrimSpace(string(raw))
	return s == "" || s == "null"
}

// locations decodes Location, Location[] or LocationLink[] into sorted
// "range" strings ("uri#range" for another document).
func locations(raw json.RawMessage, docURI string) []string {
	if isNull(raw) {
		return nil
	}
	type loc struct {
		URI                  string    `json:"uri"`
		Range                *lspRange `json:"range"`
		TargetURI            string    `json:"targetUri"`
		TargetSelectionRange *lspRange `json:"targetSelectionRange"`
	}
	var many []loc
	if strings.HasPrefix(strings.TrimSpace(string(raw)), "{") {
		var one loc
		if json.Unmarshal(raw, &one) != nil {
			return nil
		}
		many = []loc{one}
	} else if json.Unmarshal(raw, &many) != nil {
		return nil
	}
	var out []string
	for _, l := range many {
		u, r := l.URI, l.Range
		if l.TargetURI != "" {
			u, r = l.TargetURI, l.TargetSelectionRange
		}
		if r == nil {
			continue
		}
		out = append(out, qualify(u, docURI, r.String()))
	}
	return sortedSet(out)
}

func qualify(u, docURI, s string) string {
	if u == docURI || u == "" {
		return s
	}
	return u + "#" + s
}

// highlights decodes DocumentHighlight[] into sorted range strings (the
// kinds are not compared: the incumbent does not set them consistently).
func highlights(raw json.RawMessage) []string {
	var hs []struct {
		Range lspRange `json:"range"`
	}
	if isNull(raw) || json.Unmarshal(raw, &hs) != nil {
		return nil
	}
	out := make([]string, 0, len(hs))
	for _, h := range hs {
		out = append(out, h.Range.String())
	}
	return sortedSet(out)
}

// prepareRange decodes a prepareRename answer: Range, {range, placeholder}
// or {defaultBehavior}; "" when renaming is refused.
func prepareRange(raw json.RawMessage) string {
	if isNull(raw) {
		return ""
	}
	var withRange struct {
		Range           *lspRange `json:"range"`
		DefaultBehavior bool      `json:"defaultBehavior"`
	}
	if json.Unmarshal(raw, &withRange) == nil && withRange.Range != nil {
		return withRange.Range.String()
	}
	if withRange.DefaultBehavior {
		return "default"
	}
	var r lspRange
	if json.Unmarshal(raw, &r) == nil && r != (lspRange{}) {
		return r.String()
	}
	return ""
}

// renameEdits decodes a WorkspaceEdit (changes or documentChanges) into
// sorted "range=newText" strings.
func renameEdits(raw json.RawMessage, docURI string) []string {
	type edit struct {
		Range   lspRange `json:"range"`
		NewText string   `json:"newText"`
	}
	var we struct {
		Changes         map[string][]edit `json:"changes"`
		DocumentChanges []struct {
			TextDocument struct {
				URI string `json:"uri"`
			} `json:"textDocument"`
			Edits []edit `json:"edits"`
		} `json:"documentChanges"`
	}
	if isNull(raw) || json.Unmarshal(raw, &we) != nil {
		return nil
	}
	var out []string
	for u, es := range we.Changes {
		for _, e := range es {
			out = append(out, qualify(u, docURI, e.Range.String())+"="+e.NewText)
		}
	}
	for _, dc := range we.DocumentChanges {
		for _, e := range dc.Edits {
			out = append(out, qualify(dc.TextDocument.URI, docURI, e.Range.String())+"="+e.NewText)
		}
	}
	return sortedSet(out)
}

// completionLabels decodes CompletionItem[] or CompletionList into sorted
// labels; variable says the cursor completes a variable name, where
// "${PATH}" and "PATH" are one label.
func completionLabels(raw json.RawMessage, variable bool) []string {
	type item struct {
		Label string `json:"label"`
	}
	var items []item
	if isNull(raw) {
		return nil
	}
	if strings.HasPrefix(strings.TrimSpace(string(raw)), "{") {
		var list struct {
			Items []item `json:"items"`
		}
		if json.Unmarshal(raw, &list) != nil {
			return nil
		}
		items = list.Items
	} else if json.Unmarshal(raw, &items) != nil {
		return nil
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, normLabel(it.Label, variable))
	}
	return sortedSet(out)
}

// normLabel reduces a completion label to what it offers, so the two
// servers' label styles compare: the incumbent labels snippets by their
// text ("ADD source dest", "--from=stage", "${PATH}"), we by the word
// ("ADD", "--from", "PATH").
func normLabel(l string, variable bool) string {
	l = strings.TrimSpace(l)
	if variable {
		if strings.HasPrefix(l, "${") && strings.HasSuffix(l, "}") {
			l = l[2 : len(l)-1]
		}
		l = strings.TrimPrefix(l, "$")
	}
	if i := strings.IndexAny(l, " \t"); i > 0 {
		l = l[:i]
	}
	if strings.HasPrefix(l, "--") {
		if i := strings.IndexByte(l, '='); i > 0 {
			l = l[:i]
		}
	}
	return l
}

// symbol is one outline entry, flattened. Selection is a DocumentSymbol's
// selectionRange, or a SymbolInformation's location (the incumbent's cover
// the keyword only, as a selectionRange does).
type symbol struct {
	Name      string   `json:"name"`
	Kind      int      `json:"kind"`
	Range     lspRange `json:"range"`
	Selection lspRange `json:"selection"`
}

// symbols decodes SymbolInformation[] or DocumentSymbol[] (children
// flattened) into a list sorted by position.
func symbols(raw json.RawMessage) []symbol {
	type docSym struct {
		Name           string                    `json:"name"`
		Kind           int                       `json:"kind"`
		Range          *lspRange                 `json:"range"`
		SelectionRange *lspRange                 `json:"selectionRange"`
		Location       *struct{ Range lspRange } `json:"location"`
		Children       json.RawMessage           `json:"children"`
	}
	var out []symbol
	var walk func(json.RawMessage)
	walk = func(raw json.RawMessage) {
		var ds []docSym
		if isNull(raw) || json.Unmarshal(raw, &ds) != nil {
			return
		}
		for _, d := range ds {
			s := symbol{Name: d.Name, Kind: d.Kind}
			switch {
			case d.Range != nil:
				s.Range, s.Selection = *d.Range, *d.Range
				if d.SelectionRange != nil {
					s.Selection = *d.SelectionRange
				}
			case d.Location != nil:
				s.Range, s.Selection = d.Location.Range, d.Location.Range
			}
			out = append(out, s)
			walk(d.Children)
		}
	}
	walk(raw)
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Range.Start != b.Range.Start {
			return less(a.Range.Start, b.Range.Start)
		}
		return a.Name < b.Name
	})
	return out
}

func less(a, b position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}

// fold is one folding range, as lines (1-based) and kind.
type fold struct {
	Start int    `json:"startLine"`
	End   int    `json:"endLine"`
	Kind  string `json:"kind,omitempty"`
}

func (f fold) String() string {
	s := fmt.Sprintf("%d-%d", f.Start+1, f.End+1)
	if f.Kind != "" {
		s += " " + f.Kind
	}
	return s
}

func folds(raw json.RawMessage) []string {
	var fs []fold
	if isNull(raw) || json.Unmarshal(raw, &fs) != nil {
		return nil
	}
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, f.String())
	}
	return sortedSet(out)
}

func sortedSet(xs []string) []string {
	if len(xs) == 0 {
		return nil
	}
	sort.Strings(xs)
	out := xs[:1]
	for _, x := range xs[1:] {
		if x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}
