package server

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"go.lsp.dev/uri"
)

// schedHarness drives a scheduler with jobs that block until released, and
// records what starts, so that order and concurrency are deterministic.
type schedHarness struct {
	t     *testing.T
	s     *scheduler
	gate  chan struct{} // each job takes one token to finish
	mu    sync.Mutex
	order []string
	now   int // jobs running
	peak  int
}

func newSchedHarness(t *testing.T, workers int) *schedHarness {
	h := &schedHarness{t: t, s: newScheduler(), gate: make(chan struct{})}
	h.s.workers = workers
	t.Cleanup(h.s.stop)
	return h
}

func testDoc(name string, version int32) *openDoc {
	return &openDoc{uri: uri.URI("file:///w/" + name), version: version, snap: analysis.NewSnapshot("FROM alpine\n")}
}

// job returns a run function that records its start and waits for a token.
func (h *schedHarness) job(label string) func(context.Context) {
	return func(ctx context.Context) {
		h.mu.Lock()
		h.order = append(h.order, label)
		h.now++
		h.peak = max(h.peak, h.now)
		h.mu.Unlock()
		select {
		case <-h.gate:
		case <-ctx.Done():
		}
		h.mu.Lock()
		h.now--
		h.mu.Unlock()
	}
}

// started waits until n jobs have started and returns their labels.
func (h *schedHarness) started(n int) []string {
	h.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		h.mu.Lock()
		if len(h.order) >= n {
			out := append([]string(nil), h.order...)
			h.mu.Unlock()
			return out
		}
		h.mu.Unlock()
		if time.Now().After(deadline) {
			h.t.Fatalf("only %v started, want %d", h.order, n)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestSchedulerBoundsConcurrency(t *testing.T) {
	h := newSchedHarness(t, 2)
	for i := range 6 {
		h.s.submit(testDoc(fmt.Sprint(i), 1), jobFull, 0, h.job(fmt.Sprint(i)))
	}
	h.started(2)
	for i := range 6 {
		h.gate <- struct{}{} // finish one; the next may start
		if i < 4 {
			h.started(3 + i)
		}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.peak != 2 || len(h.order) != 6 {
		t.Fatalf("ran %v with at most %d at once, want all 6 with 2", h.order, h.peak)
	}
}

func TestSchedulerOrder(t *testing.T) {
	h := newSchedHarness(t, 1)
	h.s.submit(testDoc("blocker", 1), jobFull, 0, h.job("blocker"))
	h.started(1)
	// Queued while the only worker is busy, touched in this order.
	rest, used, pulled, edited := testDoc("rest", 1), testDoc("used", 1), testDoc("pulled", 1), testDoc("edited", 2)
	h.s.touch(edited.uri, true, false)
	h.s.touch(used.uri, false, true)
	h.s.touch(pulled.uri, false, false)
	h.s.touch(rest.uri, false, false)
	h.s.submit(rest, jobFull, 0, h.job("rest"))
	h.s.submit(used, jobFull, 0, h.job("used"))
	h.s.submit(rest, jobQuick, 0, h.job("rest quick"))
	h.s.submit(edited, jobFull, 0, h.job("edited"))
	h.s.submit(edited, jobQuick, 0, h.job("edited quick"))
	go func() { _ = h.s.wait(context.Background(), pulled, true, h.job("pulled")) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		h.s.mu.Lock()
		n := len(h.s.queue)
		h.s.mu.Unlock()
		if n == 6 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d jobs queued, want 6", n)
		}
		time.Sleep(time.Millisecond)
	}
	for range 7 {
		h.gate <- struct{}{}
	}
	got := fmt.Sprint(h.started(7))
	want := fmt.Sprint([]string{"blocker", "edited quick", "edited", "rest quick", "pulled", "used", "rest"})
	if got != want {
		t.Fatalf("order %s, want %s", got, want)
	}
}

func TestSchedulerDropsSupersededVersions(t *testing.T) {
	h := newSchedHarness(t, 1)
	v1, v2, v3 := testDoc("a", 1), testDoc("a", 2), testDoc("a", 3)
	h.s.submit(testDoc("blocker", 1), jobFull, 0, h.job("blocker"))
	h.started(1)
	j1 := h.s.submit(v1, jobFull, 0, h.job("v1"))
	h.s.submit(v2, jobQuick, 0, h.job("v2 quick"))
	h.s.submit(v3, jobFull, 0, h.job("v3"))
	select {
	case <-j1.done:
	default:
		t.Fatal("a queued job of an older version stays")
	}
	h.gate <- struct{}{}
	h.started(2)
	// v3 is running; v4 cancels it, as nobody waits for v3.
	v4 := testDoc("a", 4)
	h.s.mu.Lock()
	running := h.s.running[0]
	h.s.mu.Unlock()
	h.s.submit(v4, jobFull, time.Hour, h.job("v4"))
	<-running.done
	if running.ran {
		t.Fatal("the superseded running job was not cancelled")
	}
	if got := fmt.Sprint(h.started(2)); got != "[blocker v3]" {
		t.Fatalf("ran %s", got)
	}
}

func TestSchedulerPullsJoinOneRun(t *testing.T) {
	h := newSchedHarness(t, 2)
	doc := testDoc("a", 1)
	var wg sync.WaitGroup
	errs := make(chan error, 5)
	for i := range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- h.s.wait(context.Background(), doc, true, h.job(fmt.Sprint("pull ", i)))
		}()
	}
	h.started(1)
	// A newer version does not drop a job that pulls wait for.
	h.s.submit(testDoc("a", 2), jobFull, time.Hour, h.job("v2"))
	h.gate <- struct{}{}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := h.started(1); len(got) != 1 {
		t.Fatalf("five pulls of one version ran %v", got)
	}
	// A pull that gives up returns at once, with its context's error.
	if err := h.s.wait(cancelledContext(), testDoc("b", 1), true, h.job("b1")); err == nil {
		t.Fatal("a cancelled pull returned no error")
	}
}

func cancelledContext() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}
