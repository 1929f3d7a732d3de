package lsptest

import (
	"encoding/json"
	"fmt"
)

// The wire shapes of the LSP values tests look at, decoded independently of
// the server's protocol package.

// Position is an LSP position in the negotiated encoding.
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Range is an LSP range.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// String renders r as line:char-line:char, 0-based.
func (r Range) String() string {
	return fmt.Sprintf("%d:%d-%d:%d", r.Start.Line, r.Start.Character, r.End.Line, r.End.Character)
}

// Diagnostic is an LSP diagnostic.
type Diagnostic struct {
	Range           Range  `json:"range"`
	Severity        int    `json:"severity"`
	Code            string `json:"code"`
	Source          string `json:"source"`
	Message         string `json:"message"`
	CodeDescription struct {
		Href string `json:"href"`
	} `json:"codeDescription"`
	Tags []int           `json:"tags,omitempty"`
	Data json.RawMessage `json:"data,omitempty"`
}

// Publish is a textDocument/publishDiagnostics notification.
type Publish struct {
	URI         string       `json:"uri"`
	Version     *int         `json:"version"`
	Diagnostics []Diagnostic `json:"diagnostics"`
	Note        Note         `json:"-"` // the notification it came in
}

// TextEdit is an LSP text edit.
type TextEdit struct {
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

// Location is an LSP location.
type Location struct {
	URI   string `json:"uri"`
	Range Range  `json:"range"`
}

// NewRange is the range from (startLine, startChar) to (endLine, endChar).
func NewRange(startLine, startChar, endLine, endChar int) Range {
	return Range{Position{startLine, startChar}, Position{endLine, endChar}}
}
