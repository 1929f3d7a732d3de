// Package perf holds the scenarios of the end-to-end performance
// measurements, so that the benchmarks of the built server
// (bench_e2e_test.go) and the side-by-side run against the incumbent
// server (tools/perf) drive every server the same way: many documents
// opened at once and their diagnostics awaited (pushed or pulled), didOpen
// → diagnostics, the last keystroke → diagnostics, and the process's
// memory and CPU time from /proc. Imported only by tests.
package perf

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

// Server is a language server process under measurement.
type Server struct {
	*lsptest.Client
	TB  testing.TB
	PID int
	// Versioned servers put the document version in publishDiagnostics
	// (the incumbent does not: its publishes are counted instead).
	Versioned bool
	// Pull is set by Initialize(true): the client pulls diagnostics.
	Pull bool
}

// publish is a decoded publishDiagnostics.
type publish struct {
	URI         string            `json:"uri"`
	Version     *int              `json:"version"`
	Diagnostics []json.RawMessage `json:"diagnostics"`
}

// waitPublishes reads publishes from note index from on until done has
// said yes to n of them, and returns the time the last one arrived and the
// index after it.
func (s *Server) waitPublishes(from, n int, done func(p publish, at time.Time) bool) (time.Time, int) {
	s.TB.Helper()
	var last time.Time
	for got := 0; got < n; {
		note := s.WaitNote(from, "textDocument/publishDiagnostics", nil)
		from = note.Index + 1
		var p publish
		if err := json.Unmarshal(note.Params, &p); err != nil {
			s.TB.Fatalf("publishDiagnostics %s: %v", note.Params, err)
		}
		if done(p, note.At) {
			got++
			last = note.At
		}
	}
	s.Forget(from)
	return last, from
}

// end is the note index after the last note so far.
func (s *Server) end() int { return len(s.Notes()) }

// FinalCount opens text at uri and returns how many diagnostics the server
// ends with: the count of its last publish for uri once quiet passed
// without another (a server may publish a quick set first), or of a pull.
func (s *Server) FinalCount(uri, text string, quiet time.Duration) int {
	s.TB.Helper()
	from := s.end()
	s.Open(uri, text)
	if s.Pull {
		var rep struct {
			Items []json.RawMessage `json:"items"`
		}
		s.MustCall("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}}, &rep)
		return len(rep.Items)
	}
	count := -1
	var lastAt time.Time
	for giveUp := time.Now().Add(time.Minute); ; {
		for _, n := range s.Notes()[from:] {
			from = n.Index + 1
			var p publish
			if n.Method == "textDocument/publishDiagnostics" && json.Unmarshal(n.Params, &p) == nil && p.URI == uri {
				count = len(p.Diagnostics)
				lastAt = n.At
			}
		}
		switch {
		case count >= 0 && time.Since(lastAt) > quiet:
			return count
		case count < 0 && time.Now().After(giveUp):
			s.TB.Fatalf("no diagnostics for %s within a minute", uri)
		}
		time.Sleep(quiet / 10)
	}
}

// OpenAll opens every text (uri prefix + index) at once and waits for each
// one's full diagnostics, final of them: pushed, or, with pull, pulled by
// one textDocument/diagnostic per document sent right after the opens. It
// returns the time from the first didOpen to the last diagnostics.
func (s *Server) OpenAll(prefix string, texts []string, final int, pull bool) time.Duration {
	s.TB.Helper()
	from := s.end()
	start := time.Now()
	for i, text := range texts {
		s.Open(fmt.Sprintf("%s%d/Dockerfile", prefix, i), text)
	}
	if pull {
		var pending []*lsptest.Pending
		for i := range texts {
			pending = append(pending, s.Go("textDocument/diagnostic",
				map[string]any{"textDocument": map[string]any{"uri": fmt.Sprintf("%s%d/Dockerfile", prefix, i)}}))
		}
		for _, p := range pending {
			var rep struct {
				Items []json.RawMessage `json:"items"`
			}
			if err := p.Wait(&rep); err != nil || len(rep.Items) != final {
				s.TB.Fatalf("pull: %v, %d items, want %d", err, len(rep.Items), final)
			}
		}
		return time.Since(start)
	}
	seen := map[string]bool{}
	last, _ := s.waitPublishes(from, len(texts), func(p publish, _ time.Time) bool {
		if !strings.HasPrefix(p.URI, prefix) || seen[p.URI] || len(p.Diagnostics) != final {
			return false
		}
		seen[p.URI] = true
		return true
	})
	return last.Sub(start)
}

// CloseAll closes what OpenAll opened.
func (s *Server) CloseAll(prefix string, n int) {
	for i := range n {
		s.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": fmt.Sprintf("%s%d/Dockerfile", prefix, i)}})
	}
}

// DidOpen opens text at uri and returns the time to its first diagnostics
// and to its final set (final diagnostics), then closes it.
func (s *Server) DidOpen(uri, text string, final int) (first, full time.Duration) {
	s.TB.Helper()
	from := s.end()
	start := time.Now()
	s.Open(uri, text)
	var firstAt time.Time
	last, _ := s.waitPublishes(from, 1, func(p publish, at time.Time) bool {
		if p.URI != uri {
			return false
		}
		if firstAt.IsZero() {
			firstAt = at
		}
		return len(p.Diagnostics) == final
	})
	s.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	return firstAt.Sub(start), last.Sub(start)
}

// Keystrokes types word at line and character col of the open document
// uri (version is its current version), one change every interval, and
// returns the time from the last change to the first diagnostics of the
// last version and to its full set (final diagnostics), and the version
// reached.
func (s *Server) Keystrokes(uri string, version, line, col int, word string, interval time.Duration, final int) (first, full time.Duration, next int) {
	s.TB.Helper()
	from := s.end()
	var lastSent time.Time
	for i, ch := range word {
		if i > 0 {
			time.Sleep(interval)
		}
		version++
		lastSent = time.Now()
		s.Notify("textDocument/didChange", map[string]any{
			"textDocument": map[string]any{"uri": uri, "version": version},
			"contentChanges": []any{map[string]any{
				"range": lsptest.NewRange(line, col+i, line, col+i), "text": string(ch),
			}},
		})
	}
	publishes := 0 // of uri since the first change (servers without versions publish once per change)
	var firstAt time.Time
	last, _ := s.waitPublishes(from, 1, func(p publish, at time.Time) bool {
		if p.URI != uri {
			return false
		}
		publishes++
		current := publishes >= len(word)
		if s.Versioned {
			current = p.Version != nil && *p.Version == version
		}
		if current && firstAt.IsZero() {
			firstAt = at
		}
		return current && len(p.Diagnostics) == final
	})
	return firstAt.Sub(lastSent), last.Sub(lastSent), version
}

// Status reads the kB fields of /proc/<pid>/status, in MiB (VmRSS,
// VmHWM, RssAnon, RssFile…).
func Status(pid int) (map[string]float64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]float64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		v = strings.TrimSpace(v)
		if !ok || !strings.HasSuffix(v, " kB") {
			continue
		}
		if n, err := strconv.ParseFloat(strings.TrimSuffix(v, " kB"), 64); err == nil {
			out[k] = n / 1024
		}
	}
	if _, ok := out["VmRSS"]; !ok {
		return nil, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
	}
	return out, sc.Err()
}

// CPU returns the user and system CPU time the process has used
// (/proc/<pid>/stat, in clock ticks of 10 ms).
func CPU(pid int) (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name (field 2) is in parentheses and may hold spaces.
	rest := string(data)
	if i := strings.LastIndexByte(rest, ')'); i >= 0 {
		rest = rest[i+1:]
	}
	f := strings.Fields(rest) // f[0] is field 3 (state): utime is field 14, stime 15
	if len(f) < 13 {
		return 0, fmt.Errorf("short /proc/%d/stat", pid)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("/proc/%d/stat: %q %q", pid, f[11], f[12])
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, nil
}
