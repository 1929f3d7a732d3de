package server

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/dockerfile-ls/dockerfile-ls/docs"
	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

// The navigation property over real Dockerfiles (issue 10's method): for
// every stage, variable and heredoc of every file, the requests asked from
// each of its occurrences give the same answer, through the server over a
// pipe, and rename then rename back restores the text.
//
// By default it runs on the committed corpus and one shared file in
// sampleEvery; DOCKERFILE_LS_CORPUS=full runs every shared file.

var (
	committedCorpusDir = filepath.Join("..", "analysis", "testdata", "corpus")
	sharedCorpusDir    = filepath.Join("..", "..", "shared", "corpus")
)

const sampleEvery = 8

func navCorpus(t *testing.T) []string {
	files := corpusDir(t, committedCorpusDir)
	if _, err := os.Stat(sharedCorpusDir); err != nil {
		t.Logf("no %s here: only the %d committed files", sharedCorpusDir, len(files))
		return files
	}
	shared := corpusDir(t, sharedCorpusDir)
	if os.Getenv("DOCKERFILE_LS_CORPUS") == "full" {
		return append(files, shared...)
	}
	for i := 0; i < len(shared); i += sampleEvery {
		files = append(files, shared[i])
	}
	return files
}

func corpusDir(t *testing.T, dir string) []string {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != "SOURCES.tsv" && d.Name() != "README.md" {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	return files
}

// entitiesOf finds the entities of text, each as the sorted spans of its
// occurrences: the highlights at every offset where a name can start,
// grouped (in-process; the checks below go through the server).
func entitiesOf(text string) [][]analysis.Span {
	d := analysis.Parse(text)
	seen := map[string]bool{}
	var out [][]analysis.Span
	for off := 0; off < len(text); off++ {
		if off > 0 && isNameByte(text[off-1]) {
			continue
		}
		var spans []analysis.Span
		for _, o := range d.Highlights(off) {
			spans = append(spans, o.Span)
		}
		if len(spans) == 0 {
			continue
		}
		slices.SortFunc(spans, func(a, b analysis.Span) int { return a.Start - b.Start })
		key := fmt.Sprint(spans)
		if !seen[key] {
			seen[key] = true
			out = append(out, spans)
		}
	}
	return out
}

func isNameByte(c byte) bool {
	return c == '_' || c == '.' || c == '-' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

func TestNavigationIsTheSameFromEveryOccurrence(t *testing.T) {
	files := navCorpus(t)
	c := startPullClient(t)
	entities, occurrences, refused := 0, 0, 0
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		uri := fmt.Sprintf("file:///corpus/%d/Dockerfile", i)
		c.Open(uri, text)
		ents := entitiesOf(text)
		n := &navCheck{t: t, c: c, uri: uri, name: f, text: text, version: 1, declared: declaredNames(text, ents)}
		for _, spans := range ents {
			if !n.entity(spans) {
				refused++
			}
			entities++
			occurrences += len(spans)
		}
		c.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	}
	t.Logf("%d files, %d entities (%d not renamable), %d occurrences", len(files), entities, refused, occurrences)
	if entities == 0 {
		t.Fatal("no entity found: the corpus or the discovery is broken")
	}
}

// declaredNames counts, per name in lower case, the entities declaring it:
// a file with two stages of one name (DuplicateStageName) cannot get the
// name back on one of them once renamed.
func declaredNames(text string, ents [][]analysis.Span) map[string]int {
	d := analysis.Parse(text)
	out := map[string]int{}
	for _, spans := range ents {
		for _, o := range d.Highlights(spans[0].Start) {
			if o.Def {
				out[strings.ToLower(text[o.Span.Start:o.Span.End])]++
				break
			}
		}
	}
	return out
}

// navCheck checks the entities of one open document.
type navCheck struct {
	t        *testing.T
	c        *testClient
	uri      string
	name     string
	text     string
	version  int
	declared map[string]int
}

func (n *navCheck) params(off int) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": n.uri}, "position": lsptest.PositionAt(n.text, off, "utf-16")}
}

func (n *navCheck) rng(s analysis.Span) lsptest.Range {
	return lsptest.RangeOf(n.text, s.Start, s.End, "utf-16")
}

func (n *navCheck) errorf(spans []analysis.Span, format string, args ...any) {
	n.t.Helper()
	sp := spans[0]
	n.t.Errorf("%s: %q at %v: %s", n.name, n.text[sp.Start:sp.End], n.rng(sp).Start, fmt.Sprintf(format, args...))
}

// entity checks one entity from each of its occurrences and reports
// whether it can be renamed.
func (n *navCheck) entity(spans []analysis.Span) bool {
	want := make([]string, 0, len(spans))
	for _, s := range spans {
		want = append(want, n.rng(s).String())
	}
	var writes, renameSet string
	var renameRefused *bool
	for _, sp := range spans {
		p := n.params(sp.Start)
		if got := n.locations("textDocument/references", p, true); fmt.Sprint(got) != fmt.Sprint(want) {
			n.errorf(spans, "references from %v: %v, want %v", n.rng(sp).Start, got, want)
		}
		hl, w := n.highlights(p)
		if fmt.Sprint(hl) != fmt.Sprint(want) {
			n.errorf(spans, "highlights from %v: %v, want %v", n.rng(sp).Start, hl, want)
		}
		if writes == "" {
			writes = fmt.Sprint(w)
		} else if fmt.Sprint(w) != writes {
			n.errorf(spans, "declarations from %v: %v, want %v", n.rng(sp).Start, w, writes)
		}
		var uses []string
		for _, r := range want {
			if !slices.Contains(w, r) {
				uses = append(uses, r)
			}
		}
		if got := n.locations("textDocument/references", p, false); fmt.Sprint(got) != fmt.Sprint(uses) {
			n.errorf(spans, "references without declaration from %v: %v, want %v", n.rng(sp).Start, got, uses)
		}
		defs := n.locations("textDocument/definition", p, false)
		// A predefined arg's uses before a stage's ARG of it (in FROM
		// lines) take BuildKit's value: no declaration in the file.
		if len(defs) == 0 && len(w) > 0 && docs.Ref().Arg(n.text[spans[0].Start:spans[0].End]) == nil {
			n.errorf(spans, "no definition from %v", n.rng(sp).Start)
		}
		for _, d := range defs {
			if len(w) > 0 && !slices.Contains(w, d) {
				n.errorf(spans, "definition from %v is %v, not a declaration %v", n.rng(sp).Start, d, w)
			}
		}
		refused, edits := n.prepareAndRename(sp)
		if renameRefused == nil {
			renameRefused = &refused
			renameSet = fmt.Sprint(edits)
		} else if refused != *renameRefused || fmt.Sprint(edits) != renameSet {
			n.errorf(spans, "rename from %v: refused=%v edits %v; from the first occurrence refused=%v edits %s", n.rng(sp).Start, refused, edits, *renameRefused, renameSet)
		}
		for _, e := range edits {
			if !slices.Contains(want, e) {
				n.errorf(spans, "rename from %v edits %v, no occurrence", n.rng(sp).Start, e)
			}
		}
	}
	if !*renameRefused {
		n.roundTrip(spans)
	}
	return !*renameRefused
}

func (n *navCheck) locations(method string, p map[string]any, decl bool) []string {
	if method == "textDocument/references" {
		p["context"] = map[string]any{"includeDeclaration": decl}
	}
	var locs []lsptest.Location
	n.c.MustCall(method, p, &locs)
	delete(p, "context")
	out := []string{}
	for _, l := range locs {
		out = append(out, l.Range.String())
	}
	return sortedRanges(out, locs)
}

// sortedRanges orders rendered ranges as their ranges sort.
func sortedRanges(out []string, locs []lsptest.Location) []string {
	idx := make([]int, len(locs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		ra, rb := locs[a].Range.Start, locs[b].Range.Start
		if ra.Line != rb.Line {
			return ra.Line - rb.Line
		}
		return ra.Character - rb.Character
	})
	sorted := make([]string, len(out))
	for i, j := range idx {
		sorted[i] = out[j]
	}
	return sorted
}

// highlights returns every highlight and the declarations (write ones).
func (n *navCheck) highlights(p map[string]any) (all, writes []string) {
	var hs []struct {
		Range lsptest.Range `json:"range"`
		Kind  int           `json:"kind"`
	}
	n.c.MustCall("textDocument/documentHighlight", p, &hs)
	locs := make([]lsptest.Location, len(hs))
	for i, h := range hs {
		locs[i].Range = h.Range
		all = append(all, h.Range.String())
	}
	all = sortedRanges(all, locs)
	for _, h := range hs {
		if h.Kind == 3 {
			writes = append(writes, h.Range.String())
		}
	}
	slices.Sort(writes)
	return all, writes
}

const renamedTo = "zzRenamed9"

// prepareAndRename asks prepareRename and rename at sp: refused, or the
// edited ranges (sorted).
func (n *navCheck) prepareAndRename(sp analysis.Span) (bool, []string) {
	var prep *struct {
		Range lsptest.Range `json:"range"`
	}
	prepErr := n.c.Call("textDocument/prepareRename", n.params(sp.Start), &prep)
	edits, err := n.rename(sp.Start, renamedTo)
	if (prepErr != nil || prep == nil) != (err != nil) {
		n.errorf([]analysis.Span{sp}, "prepareRename (%v, %v) and rename (%v) disagree", prep, prepErr, err)
	}
	if prep != nil && prep.Range != n.rng(sp) {
		n.errorf([]analysis.Span{sp}, "prepareRename range %v, want %v", prep.Range, n.rng(sp))
	}
	if err != nil {
		return true, nil
	}
	var out []string
	for _, e := range edits {
		out = append(out, e.Range.String())
	}
	slices.Sort(out)
	return false, out
}

func (n *navCheck) rename(off int, name string) ([]lsptest.TextEdit, error) {
	p := n.params(off)
	p["newName"] = name
	var edit struct {
		Changes map[string][]lsptest.TextEdit `json:"changes"`
	}
	err := n.c.Call("textDocument/rename", p, &edit)
	return edit.Changes[n.uri], err
}

// roundTrip renames the entity and back, from its first edited occurrence,
// and expects the original text (up to case where the occurrences differed
// in case, as stage names may).
func (n *navCheck) roundTrip(spans []analysis.Span) {
	edits, err := n.rename(spans[0].Start, renamedTo)
	if err != nil || len(edits) == 0 {
		return
	}
	slices.SortFunc(edits, func(a, b lsptest.TextEdit) int {
		if a.Range.Start.Line != b.Range.Start.Line {
			return a.Range.Start.Line - b.Range.Start.Line
		}
		return a.Range.Start.Character - b.Range.Start.Character
	})
	first := lsptest.OffsetAt(n.text, edits[0].Range.Start, "utf-16")
	oldName := n.text[first:lsptest.OffsetAt(n.text, edits[0].Range.End, "utf-16")]
	sameCase := true
	for _, e := range edits {
		if n.text[lsptest.OffsetAt(n.text, e.Range.Start, "utf-16"):lsptest.OffsetAt(n.text, e.Range.End, "utf-16")] != oldName {
			sameCase = false
		}
	}
	orig := n.text
	n.setText(lsptest.ApplyEdits(orig, edits, "utf-16"))
	back, err := n.rename(first, oldName)
	switch {
	case err != nil && n.declared[strings.ToLower(oldName)] > 1:
		// Refused: it would duplicate the other declaration.
	case err != nil && strings.Contains(err.Error(), fmt.Sprintf("%q is not a", oldName)):
		// Refused: the file's name was invalid (FROM x AS a/b), the
		// renamed one is valid.
	case err != nil:
		n.errorf(spans, "renaming %s back to %s: %v", renamedTo, oldName, err)
	default:
		restored := lsptest.ApplyEdits(n.text, back, "utf-16")
		if restored != orig && (sameCase || !strings.EqualFold(restored, orig)) {
			n.errorf(spans, "rename to %s and back does not restore the text:\n%s", renamedTo, restored)
		}
	}
	n.setText(orig)
}

func (n *navCheck) setText(text string) {
	n.version++
	n.text = text
	n.c.Notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": n.uri, "version": n.version},
		"contentChanges": []any{map[string]any{"text": text}},
	})
}
