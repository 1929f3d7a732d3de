package server

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

// diagKey identifies a published diagnostic regardless of its severity.
func diagKey(d lsptest.Diagnostic) string {
	return fmt.Sprintf("%v %s %q", d.Range, d.Code, d.Message)
}

// expectedDiagnostics is what the full set of text must be: analysis's
// own answer with ranges in UTF-16, keyed as diagKey, with severities.
func expectedDiagnostics(text string) map[string]int {
	out := map[string]int{}
	for _, d := range analysis.Parse(text).Diagnostics(nil, nil) {
		key := diagKey(lsptest.Diagnostic{Range: lsptest.RangeOf(text, d.Span.Start, d.Span.End, "utf-16"), Code: d.Rule, Message: d.Message})
		out[key] = int(d.Severity)
	}
	return out
}

// checkSubsetOfVersion fails unless every diagnostic of p is in the full
// set of its version's text, at the same severity or a lower one.
func checkSubsetOfVersion(t *testing.T, p lsptest.Publish, full map[string]int) {
	t.Helper()
	for _, d := range p.Diagnostics {
		sev, ok := full[diagKey(d)]
		switch {
		case !ok:
			t.Errorf("version %d shows %s, which its full set does not have (a set mixing versions?)", *p.Version, diagKey(d))
		case d.Severity < sev:
			t.Errorf("version %d shows %s as severity %d; the full set has %d", *p.Version, diagKey(d), d.Severity, sev)
		}
	}
}

func readBench(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "bench", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// firstLines returns text up to the first empty line after n lines: a
// whole number of stages (more than 2,500 lines get a quick set on open).
func firstLines(text string, n int) string {
	off := 0
	for range n {
		off += strings.IndexByte(text[off:], '\n') + 1
	}
	return text[:off+strings.Index(text[off:], "\n\n")+2]
}

// publishes returns the publishes of uri with a version, in arrival order.
func publishes(t *testing.T, c *testClient, uri string) []lsptest.Publish {
	t.Helper()
	var out []lsptest.Publish
	for _, n := range c.Notes() {
		if n.Method != "textDocument/publishDiagnostics" {
			continue
		}
		var p lsptest.Publish
		if err := json.Unmarshal(n.Params, &p); err != nil {
			t.Fatal(err)
		}
		if p.URI == uri && p.Version != nil {
			p.Note = n
			out = append(out, p)
		}
	}
	return out
}

// waitFull waits for the publish of uri at version whose set is want.
func waitFull(c *testClient, uri string, version int, want map[string]int) {
	c.t.Helper()
	c.WaitNote(0, "textDocument/publishDiagnostics", func(raw json.RawMessage) bool {
		var p lsptest.Publish
		if json.Unmarshal(raw, &p) != nil || p.URI != uri || p.Version == nil || *p.Version != version || len(p.Diagnostics) != len(want) {
			return false
		}
		for _, d := range p.Diagnostics {
			if _, ok := want[diagKey(d)]; !ok {
				return false
			}
		}
		return true
	})
}

// A large file gets a quick set at once, then its full set; while it is
// edited, every set published is made of one version, each quick set is a
// subset of that version's full set (never an error the full set lacks)
// and the full set of the last version comes last.
func TestTwoPhasePublishIsConsistent(t *testing.T) {
	c := startServer(t, func(s *Server) { s.opts.Debounce = 300 * time.Millisecond })
	c.initialize(nil)
	const uri = "file:///w/large/Dockerfile"
	texts := map[int]string{1: firstLines(readBench(t, "large.Dockerfile"), 2600)}
	full := map[int]map[string]int{1: expectedDiagnostics(texts[1])}
	c.Open(uri, texts[1])
	waitFull(c, uri, 1, full[1])
	first := publishes(t, c, uri)
	if len(first) != 2 || len(first[0].Diagnostics) >= len(first[1].Diagnostics) {
		t.Fatalf("version 1: %d publishes, want a quick set and then the full one", len(first))
	}

	// Edits that move every line, add an error that BuildKit's parser
	// finds and remove it again, sent without waiting.
	edits := []struct {
		rng  lsptest.Range
		text string
	}{
		{lsptest.NewRange(0, 0, 0, 0), "# a\n# b\n"},
		{lsptest.NewRange(10, 0, 10, 0), "FORM typo\n"},
		{lsptest.NewRange(1500, 0, 1500, 0), "RUN --nope x\n"},
		{lsptest.NewRange(10, 0, 11, 0), ""},
	}
	for i, e := range edits {
		v := i + 2
		texts[v] = lsptest.ApplyEdits(texts[v-1], []lsptest.TextEdit{{Range: e.rng, NewText: e.text}}, "utf-16")
		c.Notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": v},
			"contentChanges": []any{map[string]any{"range": e.rng, "text": e.text}},
		})
	}
	last := len(edits) + 1
	full[last] = expectedDiagnostics(texts[last])
	waitFull(c, uri, last, full[last])

	seen := 0
	for _, p := range publishes(t, c, uri) {
		v := *p.Version
		if v < seen {
			t.Errorf("version %d published after version %d", v, seen)
		}
		seen = v
		if full[v] == nil {
			full[v] = expectedDiagnostics(texts[v])
		}
		checkSubsetOfVersion(t, p, full[v])
	}
	if ps := publishes(t, c, uri); *ps[len(ps)-1].Version != last {
		t.Errorf("the last publish is of version %d, want %d", *ps[len(ps)-1].Version, last)
	}
}

// Opening many documents at once runs at most the scheduler's workers at a
// time, and every document still gets its diagnostics.
func TestAnalysesAreBounded(t *testing.T) {
	var mu sync.Mutex
	running, peak, runs := 0, 0, 0
	var workers int
	c := startServer(t, func(s *Server) {
		workers = s.sched.workers
		s.sched.observe = func(event string, _ *job) {
			mu.Lock()
			defer mu.Unlock()
			if event == "start" {
				running++
				runs++
				peak = max(peak, running)
			} else {
				running--
			}
		}
	})
	c.initialize(nil)
	const n = 16
	for i := range n {
		c.Open(fmt.Sprintf("file:///w/%d/Dockerfile", i), fmt.Sprintf("FROM alpine\nMAINTAINER me%d\nRUN echo %d\n", i, i))
	}
	for i := range n {
		if p := c.WaitDiagnostics(0, fmt.Sprintf("file:///w/%d/Dockerfile", i), 1); len(p.Diagnostics) != 1 {
			t.Fatalf("document %d: %+v", i, p.Diagnostics)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if peak > workers || runs < n {
		t.Fatalf("%d analyses ran, at most %d at once; the pool has %d workers", runs, peak, workers)
	}
}

// Pulls of one version, sent together, share one run of the checks.
func TestPullsShareOneRun(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	starts := 0
	c := startServer(t, func(s *Server) {
		s.sched.observe = func(event string, j *job) {
			if event != "start" {
				return
			}
			mu.Lock()
			starts++
			mu.Unlock()
			<-release // hold the run until every pull waits for it
		}
	})
	c.initialize(map[string]any{"capabilities": map[string]any{"textDocument": map[string]any{"diagnostic": map[string]any{}}}})
	const uri = "file:///w/Dockerfile"
	c.Open(uri, "FROM alpine\nMAINTAINER me\n")
	var pending []*lsptest.Pending
	for range 5 {
		pending = append(pending, c.Go("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}}))
	}
	deadline := time.Now().Add(30 * time.Second)
	for waiting := 0; waiting < 5; {
		c.server.sched.mu.Lock()
		waiting = 0
		for _, j := range c.server.sched.running {
			waiting += j.waiters
		}
		c.server.sched.mu.Unlock()
		if time.Now().After(deadline) {
			t.Fatalf("%d pulls wait for the run, want 5", waiting)
		}
		time.Sleep(time.Millisecond)
	}
	close(release)
	for _, p := range pending {
		var rep struct {
			Items []lsptest.Diagnostic `json:"items"`
		}
		if err := p.Wait(&rep); err != nil || len(rep.Items) != 1 || rep.Items[0].Code != "MaintainerDeprecated" {
			t.Fatalf("pull: %v %+v", err, rep)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if starts != 1 {
		t.Fatalf("five pulls of one version started %d runs", starts)
	}
}

// Typing within the debounce analyses only the last version fully: the
// full runs of the versions typed over are dropped before they start, and
// nothing is published for a version that was not analysed.
func TestTypingDropsSupersededWork(t *testing.T) {
	var mu sync.Mutex
	ran := map[jobKind]map[int32]bool{jobQuick: {}, jobFull: {}}
	c := startServer(t, func(s *Server) {
		// Long enough that a loaded machine (the race detector) does not
		// let a typed-over version's full run start between two edits.
		s.opts.Debounce = 2 * time.Second
		s.sched.observe = func(event string, j *job) {
			if event == "start" {
				mu.Lock()
				ran[j.kind][j.doc.version] = true
				mu.Unlock()
			}
		}
	})
	c.initialize(nil)
	const uri = "file:///w/Dockerfile"
	c.Open(uri, "FROM alpine\nMAINTAINER me\nRUN echo \n") // MaintainerDeprecated: only in full sets
	c.WaitDiagnostics(0, uri, 1)
	// As if the analysis took a second: edits then wait the longest debounce.
	c.server.diags.mu.Lock()
	c.server.diags.cost[mustURI(uri)] = time.Second
	c.server.diags.mu.Unlock()
	const word = "hello-world"
	for i, ch := range word {
		c.Notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": i + 2},
			"contentChanges": []any{map[string]any{"range": lsptest.NewRange(2, 9+i, 2, 9+i), "text": string(ch)}},
		})
	}
	last := len(word) + 1
	waitFull(c, uri, last, expectedDiagnostics("FROM alpine\nMAINTAINER me\nRUN echo "+word+"\n"))
	mu.Lock()
	defer mu.Unlock()
	if len(ran[jobFull]) != 2 || !ran[jobFull][int32(last)] {
		t.Fatalf("full analyses of versions %v, want 1 and %d only", ran[jobFull], last)
	}
	for _, p := range publishes(t, c, uri) {
		if v := int32(*p.Version); !ran[jobQuick][v] && !ran[jobFull][v] {
			t.Errorf("version %d was published without being analysed", v)
		}
	}
}
