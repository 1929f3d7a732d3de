package analysis

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// The architecture invariant: analysis is LSP-agnostic and does no I/O of
// its own, so it never imports the server, JSON-RPC or the protocol
// package, nor os or net (files arrive through Env and ContextFS).
func TestAnalysisImportsNoProtocolOrIO(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	forbiddenPrefix := []string{"github.com/dockerfile-ls/dockerfile-ls/server", "go.lsp.dev/"}
	forbidden := map[string]bool{"os": true, "net": true, "net/http": true, "os/exec": true}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			if forbidden[path] {
				t.Errorf("%s imports %s", f, path)
			}
			for _, p := range forbiddenPrefix {
				if strings.HasPrefix(path, p) {
					t.Errorf("%s imports %s", f, path)
				}
			}
		}
	}
}
