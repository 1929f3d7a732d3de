package marker

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

// Options configure Run.
type Options struct {
	// Connect starts a server for one case and returns the client's end of
	// a connection to it (e.g. one end of net.Pipe, the server on the
	// other). The server is not yet initialized.
	Connect func(t *testing.T) io.ReadWriteCloser
	// Update rewrites golden sections with what the server answered.
	Update bool
}

// Env is one case being run: the client, the document as the server sees
// it, and the case's golden sections.
type Env struct {
	T      *testing.T
	Client *lsptest.Client
	Path   string // the .txtar file
	Dir    string // the build context: the case's other files, written out
	URI    string // of the Dockerfile, in Dir
	Text   string // the Dockerfile without its notes, as opened
	Enc    string // the negotiated position encoding
	// Init is the initialize result.
	Init json.RawMessage

	ar      archive
	goldens map[string]*archiveFile
	update  bool
	changed bool
	state   map[string]any
}

// Run runs every dir/<feature>/<scenario>.txtar as a parallel subtest named
// feature/scenario.
func Run(t *testing.T, dir string, opts Options) {
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txtar"))
	if len(files) == 0 {
		t.Fatalf("no marker tests in %s", dir)
	}
	for _, path := range files {
		rel, _ := filepath.Rel(dir, path)
		t.Run(filepath.ToSlash(strings.TrimSuffix(rel, ".txtar")), func(t *testing.T) {
			t.Parallel()
			runFile(t, path, opts)
		})
	}
}

func runFile(t *testing.T, path string, opts Options) {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	e := &Env{T: t, Path: path, Dir: t.TempDir(), ar: parseArchive(string(raw)),
		goldens: map[string]*archiveFile{}, update: opts.Update, state: map[string]any{}}
	var docSrc string
	settings := map[string]any{}
	for i := range e.ar.files {
		f := &e.ar.files[i]
		switch {
		case strings.HasPrefix(f.name, "@"):
			e.goldens[f.name] = f
		case f.name == "Dockerfile":
			docSrc = f.data
		case f.name == "settings.json":
			if err := json.Unmarshal([]byte(f.data), &settings); err != nil {
				t.Fatalf("settings.json: %v", err)
			}
		default:
			p := filepath.Join(e.Dir, filepath.FromSlash(f.name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(f.data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	notes := e.stripNotes(docSrc)

	e.Client = lsptest.Start(t, opts.Connect(t), lsptest.Options{})
	params := map[string]any{"capabilities": map[string]any{
		"textDocument": map[string]any{
			"hover":      map[string]any{"contentFormat": []string{"markdown", "plaintext"}},
			"completion": map[string]any{"completionItem": map[string]any{"snippetSupport": true}},
		},
	}}
	if loc, ok := settings["clientLocale"].(string); ok {
		params["locale"] = loc
		delete(settings, "clientLocale")
	}
	params["initializationOptions"] = settings
	params["rootUri"] = "file://" + filepath.ToSlash(e.Dir)
	e.Client.Initialize(params, &e.Init)
	var caps struct {
		Capabilities struct {
			PositionEncoding string `json:"positionEncoding"`
		} `json:"capabilities"`
	}
	_ = json.Unmarshal(e.Init, &caps)
	e.Enc = caps.Capabilities.PositionEncoding
	if e.Enc == "" {
		e.Enc = lsptest.UTF16
	}
	e.URI = "file://" + filepath.ToSlash(filepath.Join(e.Dir, "Dockerfile"))
	e.Client.Open(e.URI, e.Text)
	// Editors show diagnostics right after opening; hover explains them only
	// once they exist (it never waits for BuildKit), so compute them first.
	e.Client.MustCall("textDocument/diagnostic", map[string]any{"textDocument": e.TextDocument()}, nil)

	for _, n := range notes {
		m, ok := markers[n.Name]
		if !ok {
			t.Errorf("line %d: unknown marker %s (see internal/lsptest/marker/doc.go)", n.Line+1, n.Name)
			continue
		}
		if m.pattern {
			if len(n.Args) == 0 || n.Golden(0) != "" {
				e.Errorf(n, "the first argument must be a quoted pattern")
				continue
			}
			n.Pattern = strings.Replace(n.Args[0], "|", "", 1)
			if n.Cursor, n.Start, n.End, err = locate(e.Text, n.Line, n.Args[0]); err != nil {
				e.Errorf(n, "%v", err)
				continue
			}
		}
		m.run(e, n)
	}
	for _, c := range checks {
		c.run(e)
	}
	if e.changed {
		if err := os.WriteFile(path, []byte(formatArchive(e.ar)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// stripNotes sets e.Text to the Dockerfile without its "#@" lines and
// returns the notes, each about the line above it.
func (e *Env) stripNotes(src string) []*Note {
	var doc strings.Builder
	var notes []*Note
	line := -1
	for _, l := range strings.SplitAfter(src, "\n") {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "#@") {
			ns, err := parseNotes(t[2:], line)
			if err != nil {
				e.T.Fatalf("%s: line %d: %v", e.Path, line+1, err)
			}
			notes = append(notes, ns...)
			continue
		}
		doc.WriteString(l)
		if l != "" {
			line++
		}
	}
	e.Text = doc.String()
	return notes
}

// Errorf reports a failure of note n.
func (e *Env) Errorf(n *Note, format string, args ...any) {
	e.T.Helper()
	e.T.Errorf("line %d: %s: %s", n.Line+1, n, fmt.Sprintf(format, args...))
}

// TextDocument is the TextDocumentIdentifier of the case's Dockerfile.
func (e *Env) TextDocument() map[string]any { return map[string]any{"uri": e.URI} }

// Pos is the LSP position of byte offset off of e.Text.
func (e *Env) Pos(off int) lsptest.Position { return lsptest.PositionAt(e.Text, off, e.Enc) }

// Range is the LSP range of bytes [start, end) of e.Text.
func (e *Env) Range(start, end int) lsptest.Range {
	return lsptest.RangeOf(e.Text, start, end, e.Enc)
}

// Offset is the byte offset of p in e.Text.
func (e *Env) Offset(p lsptest.Position) int { return lsptest.OffsetAt(e.Text, p, e.Enc) }

// Slice is the text of e.Text that r covers.
func (e *Env) Slice(r lsptest.Range) string { return e.Text[e.Offset(r.Start):e.Offset(r.End)] }

// SpecRange resolves "text@L" (the first text on 1-based line L) to a range.
func (e *Env) SpecRange(spec string) (lsptest.Range, error) {
	start, end, err := locateSpec(e.Text, spec)
	if err != nil {
		return lsptest.Range{}, err
	}
	return e.Range(start, end), nil
}

// Golden compares got with the golden section name ("@name") of note n, or
// with -update rewrites the section. Trailing newlines do not count.
func (e *Env) Golden(n *Note, name, got string) {
	e.T.Helper()
	e.golden(n, name, strings.TrimRight(got, "\n")+"\n", func(a, b string) bool {
		return strings.TrimRight(a, "\n") == strings.TrimRight(b, "\n")
	})
}

// GoldenText is Golden for document text, where every byte counts: a
// final newline is part of the section, and a text without one ends in a
// "(no final newline)" line.
func (e *Env) GoldenText(n *Note, name, got string) {
	e.T.Helper()
	if !strings.HasSuffix(got, "\n") {
		got += "\n(no final newline)\n"
	}
	e.golden(n, name, got, func(a, b string) bool { return a == b })
}

// golden compares got with the section by same, or rewrites it.
func (e *Env) golden(n *Note, name, got string, same func(a, b string) bool) {
	e.T.Helper()
	g := e.goldens[name]
	if e.update {
		if g == nil {
			e.ar.files = append(e.ar.files, archiveFile{name: name})
			// The append may move the slice: re-point every golden.
			for i := range e.ar.files {
				if f := &e.ar.files[i]; strings.HasPrefix(f.name, "@") {
					e.goldens[f.name] = f
				}
			}
			g = e.goldens[name]
		}
		if !same(g.data, got) {
			g.data = got
			e.changed = true
		}
		return
	}
	if g == nil {
		e.Errorf(n, "no section -- %s -- (go test -update writes it); got:\n%s", name, got)
		return
	}
	if !same(g.data, got) {
		e.Errorf(n, "differs from golden %s\n got:\n%s\nwant:\n%s", name, got, g.data)
	}
}
