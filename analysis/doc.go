// Package analysis turns the text of one Dockerfile into an immutable
// Document and answers editor questions about it (diagnostics, hover,
// completion, symbols, formatting …) with plain values and byte-offset spans.
//
// Start at Parse. The package never imports the LSP protocol or JSON-RPC
// packages and does no I/O of its own: build-context files (.dockerignore,
// paths for completion) arrive through the Context interface.
package analysis
