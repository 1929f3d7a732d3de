package marker

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

func init() {
	register(marker{name: "symbols", run: runSymbols})
}

// symbolKinds names LSP SymbolKind values (1-based).
var symbolKinds = []string{"", "File", "Module", "Namespace", "Package", "Class", "Method", "Property",
	"Field", "Constructor", "Enum", "Interface", "Function", "Variable", "Constant", "String", "Number",
	"Boolean", "Array", "Object", "Key", "Null", "EnumMember", "Struct", "Event", "Operator", "TypeParameter"}

type documentSymbol struct {
	Name           string           `json:"name"`
	Detail         string           `json:"detail"`
	Kind           int              `json:"kind"`
	Range          lsptest.Range    `json:"range"`
	SelectionRange lsptest.Range    `json:"selectionRange"`
	Children       []documentSymbol `json:"children"`
	Location       json.RawMessage  `json:"location"` // set only in the flat SymbolInformation form
}

// runSymbols: symbols(@golden): the document's symbol tree, one symbol a
// line, indented by depth: name, kind, 1-based lines, the detail and the
// text of the selection range. Each selection range must lie in its
// symbol's range and each child in its parent.
func runSymbols(e *Env, n *Note) {
	golden := n.Golden(0)
	if golden == "" {
		e.Errorf(n, "needs a golden section name")
		return
	}
	var syms []documentSymbol
	e.Client.MustCall("textDocument/documentSymbol", map[string]any{"textDocument": e.TextDocument()}, &syms)
	var b strings.Builder
	var walk func(ss []documentSymbol, parent *documentSymbol, depth int)
	walk = func(ss []documentSymbol, parent *documentSymbol, depth int) {
		for i := range ss {
			s := &ss[i]
			if s.Location != nil {
				e.Errorf(n, "%s: flat SymbolInformation, want DocumentSymbol", s.Name)
			}
			if !e.contains(s.Range, s.SelectionRange) {
				e.Errorf(n, "%s: selectionRange %v outside range %v", s.Name, s.SelectionRange, s.Range)
			}
			if parent != nil && !e.contains(parent.Range, s.Range) {
				e.Errorf(n, "%s: range %v outside its parent %s %v", s.Name, s.Range, parent.Name, parent.Range)
			}
			kind := fmt.Sprint(s.Kind)
			if s.Kind > 0 && s.Kind < len(symbolKinds) {
				kind = symbolKinds[s.Kind]
			}
			fmt.Fprintf(&b, "%s%s %s %d-%d", strings.Repeat("  ", depth), s.Name, kind, s.Range.Start.Line+1, s.Range.End.Line+1)
			if s.Detail != "" {
				fmt.Fprintf(&b, " detail=%q", s.Detail)
			}
			fmt.Fprintf(&b, " sel=%q\n", e.Slice(s.SelectionRange))
			walk(s.Children, s, depth+1)
		}
	}
	walk(syms, nil, 0)
	e.Golden(n, golden, b.String())
}

// contains reports whether outer covers inner.
func (e *Env) contains(outer, inner lsptest.Range) bool {
	return e.Offset(outer.Start) <= e.Offset(inner.Start) && e.Offset(inner.End) <= e.Offset(outer.End)
}
