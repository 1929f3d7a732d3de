package server

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
)

// Marker tests: each server/testdata/<feature>/<scenario>.txtar is a
// Dockerfile (and optional build-context files and settings) with notes that
// say what the server must answer. See testdata/README.md for the notation.

var update = flag.Bool("update", false, "rewrite the -- @golden -- sections of marker tests")

type archive struct {
	comment string
	files   []archiveFile
}

type archiveFile struct {
	name string
	data string
}

func parseArchive(s string) archive {
	var a archive
	lines := strings.SplitAfter(s, "\n")
	cur := -1
	for _, l := range lines {
		t := strings.TrimRight(l, "\r\n")
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") && len(t) > 6 {
			a.files = append(a.files, archiveFile{name: strings.TrimSpace(t[3 : len(t)-3])})
			cur = len(a.files) - 1
			continue
		}
		if cur < 0 {
			a.comment += l
		} else {
			a.files[cur].data += l
		}
	}
	return a
}

func formatArchive(a archive) string {
	var b strings.Builder
	b.WriteString(a.comment)
	for _, f := range a.files {
		fmt.Fprintf(&b, "-- %s --\n%s", f.name, f.data)
		if f.data != "" && !strings.HasSuffix(f.data, "\n") {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// call is one note: name(args...). String args are quoted; bare words name
// golden sections.
type call struct {
	name string
	args []string
	line int // the document line the note refers to (0-based)
}

func parseNotes(src string, line int) ([]call, error) {
	var out []call
	s := strings.TrimSpace(src)
	for s != "" {
		open := strings.IndexByte(s, '(')
		if open < 0 {
			return nil, fmt.Errorf("bad note %q", s)
		}
		c := call{name: strings.TrimSpace(s[:open]), line: line}
		s = s[open+1:]
		for {
			s = strings.TrimLeft(s, " \t,")
			if strings.HasPrefix(s, ")") {
				s = strings.TrimLeft(s[1:], " \t,")
				break
			}
			if s == "" {
				return nil, fmt.Errorf("unterminated note")
			}
			if s[0] == '"' {
				end := 1
				for end < len(s) && s[end] != '"' {
					if s[end] == '\\' {
						end++
					}
					end++
				}
				var v string
				if err := json.Unmarshal([]byte(s[:end+1]), &v); err != nil {
					return nil, fmt.Errorf("bad string %s: %v", s[:end+1], err)
				}
				c.args = append(c.args, v)
				s = s[end+1:]
				continue
			}
			end := strings.IndexAny(s, ",)")
			if end < 0 {
				return nil, fmt.Errorf("unterminated note")
			}
			c.args = append(c.args, "@"+strings.TrimSpace(s[:end]))
			s = s[end:]
		}
		out = append(out, c)
	}
	return out, nil
}

// locate finds pattern on line and returns the cursor offset and the match
// span (without the '|').
func locate(doc string, line int, pattern string) (cur, start, end int, err error) {
	lines := strings.SplitAfter(doc, "\n")
	if line >= len(lines) {
		return 0, 0, 0, fmt.Errorf("line %d out of range", line)
	}
	base := 0
	for _, l := range lines[:line] {
		base += len(l)
	}
	bar := strings.IndexByte(pattern, '|')
	plain := strings.Replace(pattern, "|", "", 1)
	i := strings.Index(lines[line], plain)
	if i < 0 {
		return 0, 0, 0, fmt.Errorf("pattern %q not on line %d %q", plain, line+1, lines[line])
	}
	start, end = base+i, base+i+len(plain)
	cur = start
	if bar >= 0 {
		cur = start + bar
	}
	return cur, start, end, nil
}

func utf16Pos(doc string, off int) map[string]int {
	line := strings.Count(doc[:off], "\n")
	ls := strings.LastIndex(doc[:off], "\n") + 1
	return map[string]int{"line": line, "character": len(utf16.Encode([]rune(doc[ls:off])))}
}

func TestMarkers(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*", "*.txtar"))
	if len(files) == 0 {
		t.Fatal("no marker tests found")
	}
	for _, path := range files {
		if isFormatMarkerCase(path) {
			continue // run by TestFormatMarkers
		}
		t.Run(filepath.ToSlash(strings.TrimSuffix(strings.TrimPrefix(path, "testdata"+string(filepath.Separator)), ".txtar")), func(t *testing.T) {
			t.Parallel()
			runMarkerFile(t, path)
		})
	}
}

func runMarkerFile(t *testing.T, path string) {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ar := parseArchive(string(raw))
	dir := t.TempDir()
	var docSrc string
	goldens := map[string]*archiveFile{}
	settings := map[string]any{}
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
		default:
			p := filepath.Join(dir, filepath.FromSlash(f.name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(f.data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Strip notes; remember which document line each refers to.
	var doc strings.Builder
	var calls []call
	docLine := -1
	for _, l := range strings.SplitAfter(docSrc, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "#@") {
			cs, err := parseNotes(strings.TrimSpace(l)[2:], docLine)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			calls = append(calls, cs...)
			continue
		}
		doc.WriteString(l)
		if l != "" {
			docLine++
		}
	}
	text := doc.String()
	c := startServer(t)
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
	params["rootUri"] = "file://" + filepath.ToSlash(dir)
	c.initialize(params)
	uri := "file://" + filepath.ToSlash(filepath.Join(dir, "Dockerfile"))
	c.open(uri, text)
	td := map[string]any{"uri": uri}
	// Editors show diagnostics right after opening; hover explains them only
	// once they exist (it never waits for BuildKit), so compute them first.
	c.mustCall("textDocument/diagnostic", map[string]any{"textDocument": td}, nil)
	type wantDiag struct {
		pattern, rule, severity string
		start, end, line        int
	}
	var diagsWanted []wantDiag
	changed := false
	for _, cl := range calls {
		pattern := ""
		if len(cl.args) > 0 {
			pattern = cl.args[0]
		}
		cur, start, end, err := locate(text, cl.line, pattern)
		if err != nil {
			t.Errorf("%s(%q): %v", cl.name, pattern, err)
			continue
		}
		pos := utf16Pos(text, cur)
		switch cl.name {
		case "hover", "hoverContains", "noHover":
			var h *struct {
				Contents struct{ Value string } `json:"contents"`
				Range    lspRange               `json:"range"`
			}
			c.mustCall("textDocument/hover", map[string]any{"textDocument": td, "position": pos}, &h)
			if cl.name == "noHover" {
				if h != nil {
					t.Errorf("noHover(%q): got %q", pattern, h.Contents.Value)
				}
				continue
			}
			if h == nil {
				t.Errorf("hover(%q): no hover", pattern)
				continue
			}
			got := h.Contents.Value
			if cl.name == "hover" && len(cl.args) > 1 && strings.HasPrefix(cl.args[1], "@") {
				g := goldens[cl.args[1]]
				if *update {
					if g == nil {
						ar.files = append(ar.files, archiveFile{name: cl.args[1]})
						g = &ar.files[len(ar.files)-1]
						goldens[cl.args[1]] = g
					}
					g.data = got + "\n"
					changed = true
				} else if g == nil || strings.TrimRight(g.data, "\n") != strings.TrimRight(got, "\n") {
					t.Errorf("hover(%q) = %q, want golden %s", pattern, got, cl.args[1])
				}
			}
			for _, want := range cl.args[1:] {
				if strings.HasPrefix(want, "@") {
					continue
				}
				if !strings.Contains(got, want) {
					t.Errorf("hover(%q) = %q, missing %q", pattern, got, want)
				}
			}
			if strings.Contains(pattern, "|") {
				continue
			}
			if ws, we := utf16Pos(text, start), utf16Pos(text, end); !(h.Range.Start.Line <= ws["line"] && h.Range.End.Line >= we["line"]) {
				t.Errorf("hover(%q) range %+v does not cover the pattern", pattern, h.Range)
			}
		case "complete":
			items := completionLabels(t, c, td, pos)
			for _, want := range cl.args[1:] {
				if neg, ok := strings.CutPrefix(want, "!"); ok {
					if slices.Contains(items, neg) {
						t.Errorf("complete(%q): unexpected %q in %v", pattern, neg, items)
					}
				} else if !slices.Contains(items, want) {
					t.Errorf("complete(%q): missing %q in %v", pattern, want, items)
				}
			}
		case "completeEdit":
			// completeEdit("pat|", "label", "replaced", "newText"): the item's
			// textEdit replaces exactly "replaced" (ending at the cursor).
			if len(cl.args) < 4 {
				t.Errorf("completeEdit needs pattern, label, replaced text and new text")
				continue
			}
			var list struct {
				Items []struct {
					Label    string
					TextEdit struct {
						Range   lspRange `json:"range"`
						NewText string   `json:"newText"`
					} `json:"textEdit"`
				} `json:"items"`
			}
			c.mustCall("textDocument/completion", map[string]any{"textDocument": td, "position": pos}, &list)
			found := false
			for _, it := range list.Items {
				if it.Label != cl.args[1] {
					continue
				}
				found = true
				ws := utf16Pos(text, cur-len(cl.args[2]))
				r := it.TextEdit.Range
				if r.Start.Line != ws["line"] || r.Start.Character != ws["character"] || r.End.Line != pos["line"] || r.End.Character != pos["character"] {
					t.Errorf("completeEdit(%q, %q): range %+v, want it to replace %q before the cursor", pattern, cl.args[1], r, cl.args[2])
				}
				if it.TextEdit.NewText != cl.args[3] {
					t.Errorf("completeEdit(%q, %q): newText %q, want %q", pattern, cl.args[1], it.TextEdit.NewText, cl.args[3])
				}
			}
			if !found {
				t.Errorf("completeEdit(%q): no item %q", pattern, cl.args[1])
			}
		case "signature":
			// signature("pat|", "active form label fragment", "active parameter text")
			var sh *struct {
				Signatures []struct {
					Label      string
					Parameters []struct {
						Label [2]int `json:"label"`
					}
				}
				ActiveSignature int `json:"activeSignature"`
				ActiveParameter int `json:"activeParameter"`
			}
			c.mustCall("textDocument/signatureHelp", map[string]any{"textDocument": td, "position": pos}, &sh)
			if sh == nil || len(sh.Signatures) == 0 {
				t.Errorf("signature(%q): none", pattern)
				continue
			}
			sig := sh.Signatures[sh.ActiveSignature]
			if len(cl.args) > 1 && !strings.Contains(sig.Label, cl.args[1]) {
				t.Errorf("signature(%q): active form %q, want one containing %q", pattern, sig.Label, cl.args[1])
			}
			if len(cl.args) > 2 {
				got := ""
				if sh.ActiveParameter < len(sig.Parameters) {
					l := sig.Parameters[sh.ActiveParameter].Label
					got = sig.Label[l[0]:l[1]]
				}
				if got != cl.args[2] {
					t.Errorf("signature(%q): active parameter %q, want %q (form %q)", pattern, got, cl.args[2], sig.Label)
				}
			}
		case "definition", "references":
			// definition("pat|", "text@L", …) / references("pat|", "text@L", …):
			// the exact set of locations, each the first "text" on 1-based line L.
			var locs []struct {
				Range lspRange `json:"range"`
			}
			params := map[string]any{"textDocument": td, "position": pos}
			if cl.name == "references" {
				params["context"] = map[string]any{"includeDeclaration": true}
			}
			c.mustCall("textDocument/"+cl.name, params, &locs)
			var want []lspRange
			for _, spec := range cl.args[1:] {
				r, err := specRange(text, spec)
				if err != nil {
					t.Fatalf("%s: %v", cl.name, err)
				}
				want = append(want, r)
			}
			if fmt.Sprint(rangesOf(locs)) != fmt.Sprint(want) {
				t.Errorf("%s(%q) = %v, want %v", cl.name, pattern, rangesOf(locs), want)
			}
		case "rename":
			// rename("pat|", "newName", "expected line", …): after applying the
			// edits, each expected line appears in the document.
			var edit struct {
				Changes map[string][]struct {
					Range   lspRange `json:"range"`
					NewText string   `json:"newText"`
				} `json:"changes"`
			}
			err := c.call("textDocument/rename", map[string]any{"textDocument": td, "position": pos, "newName": cl.args[1]}, &edit)
			if len(cl.args) > 2 && cl.args[2] == "!error" {
				if err == nil {
					t.Errorf("rename(%q, %q) should fail", pattern, cl.args[1])
				}
				continue
			}
			if err != nil {
				t.Errorf("rename(%q): %v", pattern, err)
				continue
			}
			out := applyEdits(text, edit.Changes[uri])
			for _, want := range cl.args[2:] {
				if !strings.Contains(out, want) {
					t.Errorf("rename(%q, %q): result lacks %q:\n%s", pattern, cl.args[1], want, out)
				}
			}
		case "fix":
			// fix("pat", "title fragment", "expected text after applying", …)
			r, _ := specRange(text, pattern+"@"+fmt.Sprint(cl.line+1))
			var actions []struct {
				Title string
				Edit  struct {
					Changes map[string][]struct {
						Range   lspRange `json:"range"`
						NewText string   `json:"newText"`
					} `json:"changes"`
				}
			}
			c.mustCall("textDocument/codeAction", map[string]any{"textDocument": td, "range": r, "context": map[string]any{"diagnostics": []any{}}}, &actions)
			var titles []string
			found := false
			for _, a := range actions {
				titles = append(titles, a.Title)
				if !strings.Contains(a.Title, cl.args[1]) {
					continue
				}
				found = true
				out := applyEdits(text, a.Edit.Changes[uri])
				for _, want := range cl.args[2:] {
					if !strings.Contains(out, want) {
						t.Errorf("fix(%q, %q): result lacks %q:\n%s", pattern, cl.args[1], want, out)
					}
				}
			}
			if !found {
				t.Errorf("fix(%q): no action titled like %q in %q", pattern, cl.args[1], titles)
			}
		case "diag":
			if len(cl.args) < 2 {
				t.Errorf("diag needs a pattern and a rule")
				continue
			}
			w := wantDiag{pattern: pattern, rule: cl.args[1], start: start, end: end, line: cl.line}
			if len(cl.args) > 2 {
				w.severity = cl.args[2]
			}
			diagsWanted = append(diagsWanted, w)
		default:
			t.Errorf("unknown note %s", cl.name)
		}
	}
	// Diagnostics match notes one to one: a stray one fails. Completion and
	// signature cases type half-written lines; their diagnostics are not checked.
	if strings.Contains(filepath.ToSlash(path), "/completion/") || strings.Contains(filepath.ToSlash(path), "/signature/") {
		return
	}
	var rep struct {
		Items []lspDiagnostic `json:"items"`
	}
	c.mustCall("textDocument/diagnostic", map[string]any{"textDocument": td}, &rep)
	used := make([]bool, len(rep.Items))
	for _, w := range diagsWanted {
		ws, we := utf16Pos(text, w.start), utf16Pos(text, w.end)
		found := false
		for i, d := range rep.Items {
			if used[i] || d.Code != w.rule {
				continue
			}
			if d.Range.Start.Line == ws["line"] && d.Range.Start.Character == ws["character"] && d.Range.End.Line == we["line"] && d.Range.End.Character == we["character"] {
				used[i], found = true, true
				if w.severity != "" {
					sev := map[string]int{"error": 1, "warning": 2, "info": 3, "hint": 4}[w.severity]
					if d.Severity != sev {
						t.Errorf("diag(%q, %s): severity %d, want %s", w.pattern, w.rule, d.Severity, w.severity)
					}
				}
				break
			}
		}
		if !found {
			t.Errorf("diag(%q, %s) not reported at line %d", w.pattern, w.rule, w.line+1)
		}
	}
	for i, d := range rep.Items {
		if !used[i] {
			t.Errorf("unexpected diagnostic %s at %+v: %s", d.Code, d.Range, d.Message)
		}
	}
	if changed {
		os.WriteFile(path, []byte(formatArchive(ar)), 0o644)
	}
}

func completionLabels(t *testing.T, c *testClient, td map[string]any, pos map[string]int) []string {
	var res json.RawMessage
	c.mustCall("textDocument/completion", map[string]any{"textDocument": td, "position": pos}, &res)
	var list struct {
		Items []struct{ Label string } `json:"items"`
	}
	var items []struct{ Label string }
	if err := json.Unmarshal(res, &list); err == nil && list.Items != nil {
		items = list.Items
	} else {
		json.Unmarshal(res, &items)
	}
	var out []string
	for _, it := range items {
		out = append(out, it.Label)
	}
	return out
}

// specRange resolves "text@L": the first occurrence of text on 1-based line L.
func specRange(doc, spec string) (lspRange, error) {
	at := strings.LastIndexByte(spec, '@')
	if at < 0 {
		return lspRange{}, fmt.Errorf("bad location %q (want text@line)", spec)
	}
	var line int
	fmt.Sscan(spec[at+1:], &line)
	_, start, end, err := locate(doc, line-1, spec[:at])
	if err != nil {
		return lspRange{}, err
	}
	s, e := utf16Pos(doc, start), utf16Pos(doc, end)
	return lspRange{Start: lspPos{s["line"], s["character"]}, End: lspPos{e["line"], e["character"]}}, nil
}

func rangesOf(locs []struct {
	Range lspRange `json:"range"`
}) []lspRange {
	out := []lspRange{}
	for _, l := range locs {
		out = append(out, l.Range)
	}
	slices.SortFunc(out, func(a, b lspRange) int {
		if a.Start.Line != b.Start.Line {
			return a.Start.Line - b.Start.Line
		}
		return a.Start.Character - b.Start.Character
	})
	return out
}

// applyEdits applies non-overlapping LSP edits (UTF-16 positions) to doc.
func applyEdits(doc string, edits []struct {
	Range   lspRange `json:"range"`
	NewText string   `json:"newText"`
}) string {
	offset := func(p lspPos) int {
		lines := strings.SplitAfter(doc, "\n")
		off := 0
		for _, l := range lines[:min(p.Line, len(lines))] {
			off += len(l)
		}
		if p.Line >= len(lines) {
			return len(doc)
		}
		u := 0
		for i, r := range lines[p.Line] {
			if u >= p.Character {
				return off + i
			}
			u += len(utf16.Encode([]rune{r}))
		}
		return off + len(strings.TrimRight(lines[p.Line], "\n"))
	}
	slices.SortFunc(edits, func(a, b struct {
		Range   lspRange `json:"range"`
		NewText string   `json:"newText"`
	}) int {
		return offset(b.Range.Start) - offset(a.Range.Start)
	})
	for _, e := range edits {
		s, en := offset(e.Range.Start), offset(e.Range.End)
		doc = doc[:s] + e.NewText + doc[en:]
	}
	return doc
}
