package server

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Formatting marker tests: each testdata/format/<scenario>.txtar is a
// Dockerfile (and optional settings.json) with notes on the formatting
// requests, run over a real JSON-RPC pipe:
//
//   - format(golden, "name=value", …): textDocument/formatting turns the
//     document into the golden, and formatting that again changes nothing.
//     Arguments are FormattingOptions (tabSize 4 and insertSpaces true unless
//     given), except "crlf=true", which sends the document with CRLF line
//     ends (the golden is compared with CRLF too).
//   - formatRange("pattern", golden, "to=text@L", …): textDocument/rangeFormatting
//     over the pattern on the note's line (to the end of the first "text" on
//     1-based line L when given) gives the golden.
//   - formatOnType("pat|tern", "line", …): textDocument/onTypeFormatting with
//     ch "\n" at the cursor makes the cursor's line exactly "line".
//
// The general marker runner (marker_test.go) leaves this folder to this one.

func TestFormatMarkers(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "format", "*.txtar"))
	if len(files) == 0 {
		t.Fatal("no formatting marker tests found")
	}
	for _, path := range files {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			t.Parallel()
			runFormatMarkers(t, path)
		})
	}
}

func isFormatMarkerCase(path string) bool {
	return filepath.Base(filepath.Dir(path)) == "format"
}

type lspEdit = struct {
	Range   lspRange `json:"range"`
	NewText string   `json:"newText"`
}

func runFormatMarkers(t *testing.T, path string) {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ar := parseArchive(string(raw))
	goldens := map[string]*archiveFile{}
	settings := map[string]any{}
	var docSrc string
	for i := range ar.files {
		f := &ar.files[i]
		switch {
		case strings.HasPrefix(f.name, "@"):
			goldens[f.name] = f
		case f.name == "Dockerfile":
			docSrc = f.data
		case f.name == "settings.json":
			if err := json.Unmarshal([]byte(f.data), &settings); err != nil {
				t.Fatalf("settings.json: %v", err)
			}
		}
	}
	var doc strings.Builder
	var calls []call
	line := -1
	for _, l := range strings.SplitAfter(docSrc, "\n") {
		if s := strings.TrimSpace(l); strings.HasPrefix(s, "#@") {
			cs, err := parseNotes(s[2:], line)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			calls = append(calls, cs...)
			continue
		}
		doc.WriteString(l)
		if l != "" {
			line++
		}
	}
	text := doc.String()
	if len(calls) == 0 {
		t.Fatal("no notes")
	}
	c := startServer(t)
	c.initialize(map[string]any{"initializationOptions": settings})
	uri := "file:///w/Dockerfile"
	td := map[string]any{"uri": uri}
	version := 1
	c.open(uri, text)
	serverText := text
	setText := func(s string) {
		if s == serverText {
			return
		}
		serverText = s
		version++
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": version},
			"contentChanges": []any{map[string]any{"text": s}},
		})
	}
	changed := false
	golden := func(cl call, name, got string) {
		g := goldens[name]
		if *update {
			if g == nil {
				ar.files = append(ar.files, archiveFile{name: name})
				g = &ar.files[len(ar.files)-1]
				goldens[name] = g
			}
			g.data, changed = strings.ReplaceAll(got, "\r\n", "\n"), true
			return
		}
		if g == nil {
			t.Errorf("line %d: %s: no golden %s", cl.line+1, cl.name, name)
		} else if want := goldenText(g.data, got); got != want {
			t.Errorf("line %d: %s:\n got %q\nwant %q", cl.line+1, cl.name, got, want)
		}
	}
	for _, cl := range calls {
		var goldenName string
		var opts []string
		to := ""
		pattern := ""
		for i, a := range cl.args {
			switch {
			case strings.HasPrefix(a, "@"):
				goldenName = a
			case strings.HasPrefix(a, "to="):
				to = a[3:]
			case i == 0 && cl.name != "format":
				pattern = a
			case cl.name == "formatOnType" && i == 1:
				pattern += "\x00" + a // the expected line
			default:
				opts = append(opts, a)
			}
		}
		options, crlf := formattingOptionsOf(t, opts)
		cur := text
		if crlf {
			cur = strings.ReplaceAll(text, "\n", "\r\n")
			setText(cur)
		}
		switch cl.name {
		case "format":
			var edits []lspEdit
			c.mustCall("textDocument/formatting", map[string]any{"textDocument": td, "options": options}, &edits)
			got := applyEdits(cur, edits)
			golden(cl, goldenName, got)
			setText(got)
			c.mustCall("textDocument/formatting", map[string]any{"textDocument": td, "options": options}, &edits)
			if len(edits) > 0 {
				t.Errorf("line %d: formatting the formatted document again: %v", cl.line+1, edits)
			}
		case "formatRange":
			_, start, end, err := locate(cur, cl.line, pattern)
			if err != nil {
				t.Fatalf("formatRange: %v", err)
			}
			r := map[string]any{"start": utf16Pos(cur, start), "end": utf16Pos(cur, end)}
			if to != "" {
				lr, err := specRange(cur, to)
				if err != nil {
					t.Fatalf("formatRange: %v", err)
				}
				r["end"] = lr.End
			}
			var edits []lspEdit
			c.mustCall("textDocument/rangeFormatting", map[string]any{"textDocument": td, "range": r, "options": options}, &edits)
			golden(cl, goldenName, applyEdits(cur, edits))
		case "formatOnType":
			pat, want, _ := strings.Cut(pattern, "\x00")
			pos, _, _, err := locate(cur, cl.line, pat)
			if err != nil {
				t.Fatalf("formatOnType: %v", err)
			}
			var edits []lspEdit
			c.mustCall("textDocument/onTypeFormatting", map[string]any{"textDocument": td, "position": utf16Pos(cur, pos), "ch": "\n", "options": options}, &edits)
			got := strings.Split(strings.ReplaceAll(applyEdits(cur, edits), "\r\n", "\n"), "\n")[cl.line]
			if got != want {
				t.Errorf("line %d: formatOnType(%q): line is %q, want %q", cl.line+1, pat, got, want)
			}
		default:
			t.Errorf("line %d: unknown note %s", cl.line+1, cl.name)
		}
		setText(text)
	}
	if changed {
		if err := os.WriteFile(path, []byte(formatArchive(ar)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// goldenText is a golden section as the text it stands for: CRLF line ends
// when got has them.
func goldenText(g, got string) string {
	if strings.Contains(got, "\r\n") {
		return strings.ReplaceAll(g, "\n", "\r\n")
	}
	return g
}

func formattingOptionsOf(t *testing.T, args []string) (map[string]any, bool) {
	opts := map[string]any{"tabSize": 4, "insertSpaces": true}
	crlf := false
	for _, a := range args {
		k, v, ok := strings.Cut(a, "=")
		if !ok {
			t.Fatalf("bad formatting option %q (want name=value)", a)
		}
		if k == "crlf" {
			crlf = v == "true"
			continue
		}
		if i, err := strconv.Atoi(v); err == nil {
			opts[k] = i
		} else if b, err := strconv.ParseBool(v); err == nil {
			opts[k] = b
		} else {
			opts[k] = v
		}
	}
	return opts, crlf
}
