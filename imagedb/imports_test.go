package imagedb

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// The package is on analysis's hover path: it does no I/O and depends on
// neither the server nor analysis (the generator, in gen/, may do both).
func TestImports(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	files2, _ := filepath.Glob("internal/*/*.go")
	for _, f := range append(files, files2...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			switch {
			case path == "os", path == "net", strings.HasPrefix(path, "net/"), strings.HasPrefix(path, "os/"), path == "io/fs", path == "embed":
				t.Errorf("%s imports %s", f, path)
			case strings.HasPrefix(path, "github.com/dockerfile-ls/dockerfile-ls/") && !strings.HasPrefix(path, "github.com/dockerfile-ls/dockerfile-ls/imagedb/internal/"):
				t.Errorf("%s imports %s", f, path)
			}
		}
	}
}
