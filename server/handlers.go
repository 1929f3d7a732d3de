package server

import "encoding/json"

// requestHandlers lists every request the server answers; anything else
// gets MethodNotFound.
var requestHandlers = map[string]requestHandler{
	"initialize":                        initialize,
	"shutdown":                          shutdown,
	"textDocument/diagnostic":           pullDiagnostics,
	"textDocument/hover":                hover,
	"textDocument/completion":           completion,
	"completionItem/resolve":            completionResolve,
	"textDocument/signatureHelp":        signatureHelp,
	"textDocument/definition":           definition,
	"textDocument/references":           references,
	"textDocument/documentHighlight":    documentHighlight,
	"textDocument/prepareRename":        prepareRename,
	"textDocument/rename":               rename,
	"textDocument/documentSymbol":       documentSymbol,
	"textDocument/foldingRange":         foldingRange,
	"workspace/symbol":                  workspaceSymbol,
	"textDocument/selectionRange":       selectionRange,
	"textDocument/formatting":           formatting,
	"textDocument/rangeFormatting":      rangeFormatting,
	"textDocument/onTypeFormatting":     onTypeFormatting,
	"textDocument/codeAction":           codeAction,
	"textDocument/semanticTokens/full":  semanticTokensFull,
	"textDocument/semanticTokens/range": semanticTokensRange,
	"textDocument/inlayHint":            inlayHint,
	"textDocument/documentLink":         documentLink,
}

// notificationHandlers lists the notifications the server acts on; others
// are ignored.
var notificationHandlers = map[string]notificationHandler{
	"initialized":                      initialized,
	"exit":                             exit,
	"textDocument/didOpen":             didOpen,
	"textDocument/didChange":           didChange,
	"textDocument/didClose":            didClose,
	"textDocument/didSave":             didSave,
	"workspace/didChangeConfiguration": didChangeConfiguration,
	"workspace/didChangeWatchedFiles":  didChangeWatchedFiles,
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
