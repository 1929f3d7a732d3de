package server

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// semanticCorpus lists the committed corpus and, where present, the shared
// one next to the repository.
func semanticCorpus(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{filepath.Join("..", "analysis", "testdata", "corpus"), filepath.Join("..", "..", "shared", "corpus")} {
		if _, err := os.Stat(dir); err != nil {
			t.Logf("no %s here: skipped", dir)
			continue
		}
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && d.Name() != "SOURCES.tsv" && d.Name() != "README.md" {
				files = append(files, p)
			}
			return err
		})
	}
	if len(files) < 10 {
		t.Fatalf("found only %d corpus files", len(files))
	}
	return files
}

// absToken is a decoded token: 0-based line, start and length in the
// encoding's units, type and modifiers.
type absToken struct{ line, char, length, typ, mods int }

// decodeTokens turns /full data into absolute tokens and checks what every
// answer must hold: whole tokens, types of the legend, sorted, not
// overlapping, each inside one line of the document.
func decodeTokens(ref refDoc, data []int, types int) ([]absToken, error) {
	if len(data)%5 != 0 {
		return nil, fmt.Errorf("%d integers", len(data))
	}
	var out []absToken
	line, char := 0, 0
	for i := 0; i < len(data); i += 5 {
		d := data[i : i+5]
		if d[0] > 0 {
			char = 0
		}
		line, char = line+d[0], char+d[1]
		t := absToken{line, char, d[2], d[3], d[4]}
		if t.length <= 0 || t.typ < 0 || t.typ >= types {
			return nil, fmt.Errorf("token %d %+v: empty or not in the legend", i/5, t)
		}
		if n := len(out); n > 0 && d[0] == 0 && char < out[n-1].char+out[n-1].length {
			return nil, fmt.Errorf("token %d %+v overlaps %+v", i/5, t, out[n-1])
		}
		if line >= len(ref.lines) || char+t.length > units(ref.lines[line].content, "utf-16") {
			return nil, fmt.Errorf("token %d %+v is not inside one line of the document", i/5, t)
		}
		out = append(out, t)
	}
	return out, nil
}

type tokensAnswer struct {
	ResultID string `json:"resultId"`
	Data     []int  `json:"data"`
	Edits    []struct {
		Start       int   `json:"start"`
		DeleteCount int   `json:"deleteCount"`
		Data        []int `json:"data"`
	} `json:"edits"`
}

// TestSemanticTokensCorpus checks, over every corpus file, that /full
// answers are well formed (sorted, not overlapping, each token inside one
// line), that /range over windows of lines is exactly the /full tokens
// overlapping them, and that /full/delta after edits (a shell line
// inserted, a character deleted, both undone), applied to the previous
// answer, equals a fresh /full.
func TestSemanticTokensCorpus(t *testing.T) {
	c := startServer(t)
	res := c.initialize(nil)
	provider, _ := res["capabilities"].(map[string]any)["semanticTokensProvider"].(map[string]any)
	if full, _ := provider["full"].(map[string]any); full["delta"] != true {
		t.Fatalf("semanticTokensProvider does not offer /full/delta: %v", provider)
	}
	legend := provider["legend"].(map[string]any)["tokenTypes"].([]any)
	types := len(legend)
	shellType := map[int]bool{}
	for i, name := range legend {
		if name == "function" || name == "parameter" || name == "number" {
			shellType[i] = true // only shell has these
		}
	}
	var shellTokens int
	for i, p := range semanticCorpus(t) {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		uri := fmt.Sprintf("file:///corpus/%d/Dockerfile", i)
		doc := map[string]any{"uri": uri}
		c.Open(uri, text)
		ref := newRefDoc(text)

		var full tokensAnswer
		c.MustCall("textDocument/semanticTokens/full", map[string]any{"textDocument": doc}, &full)
		toks, err := decodeTokens(ref, full.Data, types)
		if err != nil {
			t.Errorf("%s: /full: %v", p, err)
			continue
		}
		for _, tk := range toks {
			if shellType[tk.typ] {
				shellTokens++
			}
		}

		// /range over windows of three lines.
		for first := 0; first < len(ref.lines); first += 5 {
			last := min(first+3, len(ref.lines)-1)
			rng := map[string]any{"start": map[string]int{"line": first, "character": 0},
				"end": map[string]int{"line": last, "character": units(ref.lines[last].content, "utf-16")}}
			var got tokensAnswer
			c.MustCall("textDocument/semanticTokens/range", map[string]any{"textDocument": doc, "range": rng}, &got)
			rt, err := decodeTokens(ref, got.Data, types)
			if err != nil {
				t.Errorf("%s: /range %d-%d: %v", p, first, last, err)
				continue
			}
			var want []absToken
			for _, tk := range toks {
				if tk.line >= first && tk.line <= last && !(tk.line == last && tk.char >= units(ref.lines[last].content, "utf-16")) {
					want = append(want, tk)
				}
			}
			if !slices.Equal(rt, want) {
				t.Errorf("%s: /range lines %d-%d:\n got %v\nwant %v", p, first+1, last+1, rt, want)
			}
		}

		// Deltas after edits in the middle, then undoing them.
		mid := len(ref.lines) / 2
		const inserted = "RUN set -e; echo \"$HOME\" | tr a-z A-Z && \\\n    ls -la 2>&1\n"
		prev := full
		version := 1
		step := func(what string, sl, sc, el, ec int, newText string) {
			version++
			c.Notify("textDocument/didChange", rangeChange(uri, version, sl, sc, el, ec, newText))
			var delta tokensAnswer
			c.MustCall("textDocument/semanticTokens/full/delta", map[string]any{"textDocument": doc, "previousResultId": prev.ResultID}, &delta)
			var fresh tokensAnswer
			c.MustCall("textDocument/semanticTokens/full", map[string]any{"textDocument": doc}, &fresh)
			got := slices.Clone(prev.Data)
			for _, ed := range delta.Edits {
				if ed.Start+ed.DeleteCount > len(got) {
					t.Errorf("%s: %s: edit past the data", p, what)
					return
				}
				got = slices.Concat(got[:ed.Start], ed.Data, got[ed.Start+ed.DeleteCount:])
			}
			if delta.Edits == nil || !slices.Equal(got, fresh.Data) || delta.ResultID != fresh.ResultID {
				t.Errorf("%s: %s: the delta applied to the previous answer is not /full", p, what)
			}
			prev = fresh
		}
		step("insert", mid, 0, mid, 0, inserted)
		step("undo insert", mid, 0, mid+2, 0, "")
		if len(ref.lines[mid].content) > 0 {
			cut := string([]rune(ref.lines[mid].content)[:1])
			step("delete", mid, 0, mid, units(cut, "utf-16"), "")
			step("undo delete", mid, 0, mid, 0, cut)
		}
		if !slices.Equal(prev.Data, full.Data) {
			t.Errorf("%s: after undoing the edits the tokens differ from the first answer", p)
		}
		c.Notify("textDocument/didClose", map[string]any{"textDocument": doc})
	}
	if shellTokens == 0 {
		t.Error("no shell token (function, parameter, number) in the whole corpus")
	}
	t.Logf("%d shell command/option/number tokens", shellTokens)
}
