//go:build perf

// Package sidebyside runs dockerfile-ls and the incumbent server
// (dockerfile-language-server-nodejs) side by side through the scenarios of
// internal/perf, in the same run and alternating, and prints the medians
// and the ratios as a Markdown table. It is not part of the default test
// run (build tag perf); from the repository root:
//
//	npm install --prefix /tmp/peers dockerfile-language-server-nodejs@0.15.0
//	go test -tags perf ./tools/perf -run SideBySide -v -timeout 60m -args -rounds 3
//
// Flags: -incumbent (the docker-langserver executable), -rounds, -docs,
// -lines, -out (also write the table to a file), -baseline (a checkout
// whose dockerfile-ls is measured too, e.g. a worktree of main).
package sidebyside

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/internal/benchgen"
	"github.com/dockerfile-ls/dockerfile-ls/internal/perf"
)

var (
	incumbent = flag.String("incumbent", "/tmp/peers/node_modules/.bin/docker-langserver", "the incumbent server's executable")
	rounds    = flag.Int("rounds", 3, "rounds (each runs every scenario on every server, in fresh processes)")
	docs      = flag.Int("docs", 200, "documents opened at once")
	lines     = flag.Int("lines", 1000, "lines of each of those documents")
	outFile   = flag.String("out", "", "also write the table to this file")
	baseline  = flag.String("baseline", "", "also measure the dockerfile-ls built from this checkout (e.g. main's), for before/after figures")
)

// target is one server in one diagnostics mode.
type target struct {
	name      string
	cmd       string
	versioned bool
	pull      bool
}

// samples are a target's measurements by metric.
type samples map[string][]float64

func TestSideBySide(t *testing.T) {
	if _, err := os.Stat(*incumbent); err != nil {
		t.Skipf("no incumbent at %s (npm install --prefix /tmp/peers dockerfile-language-server-nodejs@0.15.0): %v", *incumbent, err)
	}
	bin := buildServer(t, filepath.Join("..", ".."))
	realistic, err := os.ReadFile(filepath.Join("..", "..", "testdata", "bench", "realistic.Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	targets := []target{
		{name: "incumbent", cmd: *incumbent},
		{name: "dockerfile-ls push", cmd: bin, versioned: true},
		{name: "dockerfile-ls pull", cmd: bin, versioned: true, pull: true},
	}
	if *baseline != "" {
		base := buildServer(t, *baseline)
		targets = append(targets,
			target{name: "baseline push", cmd: base, versioned: true},
			target{name: "baseline pull", cmd: base, versioned: true, pull: true})
	}
	results := map[string]samples{}
	for r := range *rounds {
		for i := range targets {
			tg := targets[(i+r)%len(targets)] // alternate who goes first
			if results[tg.name] == nil {
				results[tg.name] = samples{}
			}
			t.Logf("round %d: %s", r+1, tg.name)
			measure(t, tg, string(realistic), results[tg.name])
		}
	}
	table := render(targets, results)
	t.Log("\n" + table)
	if *outFile != "" {
		if err := os.WriteFile(*outFile, []byte(table), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// buildServer builds the dockerfile-ls of the checkout at dir.
func buildServer(t *testing.T, dir string) string {
	bin := filepath.Join(t.TempDir(), "dockerfile-ls")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build in %s: %v\n%s", dir, err, out)
	}
	return bin
}

func spawn(t *testing.T, tg target) *perf.Server {
	s := perf.Spawn(t, tg.versioned, tg.cmd, "--stdio")
	s.Initialize(tg.pull)
	return s
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// measure runs every scenario once on tg, each in a fresh process.
func measure(t *testing.T, tg target, realistic string, out samples) {
	add := func(k string, v float64) { out[k] = append(out[k], v) }
	t.Run(strings.ReplaceAll(tg.name, " ", "-"), func(t *testing.T) {
		if !tg.pull {
			// didOpen and typing at 300 lines (pull clients pull at once;
			// the push figures are the ones comparable with the incumbent).
			s := spawn(t, tg)
			final := s.FinalCount("file:///perf/warm/Dockerfile", realistic, time.Second)
			var first, full []float64
			for i := range 20 {
				f, l := s.DidOpen(fmt.Sprintf("file:///perf/open/%d/Dockerfile", i), realistic, final)
				first, full = append(first, ms(f)), append(full, ms(l))
			}
			add("open300-first", median(first))
			add("open300-full", median(full))
			line, col := runLine(realistic)
			const uri = "file:///perf/typing/Dockerfile"
			s.FinalCount(uri, realistic, time.Second)
			version := 1
			first, full = nil, nil
			for i := range 10 {
				f, l, v := s.Keystrokes(uri, version, line, col+5*i, "abcde", 50*time.Millisecond, final)
				version = v
				first, full = append(first, ms(f)), append(full, ms(l))
			}
			add("key300-first", median(first))
			add("key300-full", median(full))
		}

		// Many documents at once, in a process of their own.
		s := spawn(t, tg)
		probe := benchgen.Variant(*lines, -1)
		final := s.FinalCount("file:///perf/probe/Dockerfile", probe, time.Second)
		s.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": "file:///perf/probe/Dockerfile"}})
		texts := make([]string, *docs)
		for i := range texts {
			texts[i] = benchgen.Variant(*lines, i)
		}
		cpu0, err := perf.CPU(s.PID)
		if err != nil {
			t.Fatal(err)
		}
		wall := s.OpenAll("file:///perf/many/", texts, final, tg.pull)
		cpu1, _ := perf.CPU(s.PID)
		time.Sleep(1500 * time.Millisecond) // idle: the server may trim
		st, err := perf.Status(s.PID)
		if err != nil {
			t.Fatal(err)
		}
		add("many-wall", ms(wall))
		add("many-cpu", ms(cpu1-cpu0))
		add("many-rss", st["VmRSS"])
		add("many-hwm", st["VmHWM"])

		// Idle: initialize, one 300-line document, a second of rest, then
		// ten more (past dockerfile-ls's longer rest, server/idle.go).
		idle := spawn(t, tg)
		idle.FinalCount("file:///perf/idle/Dockerfile", realistic, time.Second)
		time.Sleep(time.Second)
		if st, err := perf.Status(idle.PID); err == nil {
			add("idle-rss", st["VmRSS"])
		}
		time.Sleep(10 * time.Second)
		if st, err := perf.Status(idle.PID); err == nil {
			add("long-idle-rss", st["VmRSS"])
		}
	})
}

// runLine is the 0-based line of the first RUN instruction that ends on
// its own line without a heredoc, and its length: where the typing
// scenario appends (which changes no diagnostic).
func runLine(text string) (int, int) {
	for i, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "RUN ") && !strings.HasSuffix(l, "\\") && !strings.Contains(l, "<<") {
			return i, len(l)
		}
	}
	return 0, 0
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// metrics are the table's rows: key, label, unit.
var metrics = [][3]string{
	{"open300-first", "didOpen → first diagnostics, 300 lines", "ms"},
	{"open300-full", "didOpen → full diagnostics, 300 lines", "ms"},
	{"key300-first", "last keystroke → first diagnostics, 300 lines", "ms"},
	{"key300-full", "last keystroke → full diagnostics, 300 lines", "ms"},
	{"many-wall", "documents × lines opened at once → all diagnostics (wall)", "ms"},
	{"many-cpu", "… CPU time of the server process", "ms"},
	{"many-rss", "RSS with them open, after 1.5 s", "MiB"},
	{"many-hwm", "peak RSS (VmHWM)", "MiB"},
	{"idle-rss", "idle RSS (one 300-line document), after 1 s", "MiB"},
	{"long-idle-rss", "… after 11 s", "MiB"},
}

func render(targets []target, results map[string]samples) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d rounds, %d × %d-line documents; medians over rounds (all samples in brackets); ratio = ours / incumbent\n\n", *rounds, *docs, *lines)
	b.WriteString("| figure |")
	for _, tg := range targets {
		fmt.Fprintf(&b, " %s |", tg.name)
	}
	b.WriteString(" ratio push | ratio pull |\n|---|")
	for range targets {
		b.WriteString("---|")
	}
	b.WriteString("---|---|\n")
	for _, m := range metrics {
		fmt.Fprintf(&b, "| %s (%s) |", m[1], m[2])
		for _, tg := range targets {
			xs := results[tg.name][m[0]]
			if len(xs) == 0 {
				b.WriteString(" — |")
				continue
			}
			fmt.Fprintf(&b, " %.1f %s |", median(xs), fmtAll(xs))
		}
		inc := median(results["incumbent"][m[0]])
		for _, name := range []string{"dockerfile-ls push", "dockerfile-ls pull"} {
			if xs := results[name][m[0]]; len(xs) > 0 && inc > 0 {
				fmt.Fprintf(&b, " %.2f |", median(xs)/inc)
			} else {
				b.WriteString(" — |")
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func fmtAll(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf("%.0f", x)
	}
	return "[" + strings.Join(parts, " ") + "]"
}
