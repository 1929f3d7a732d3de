package server

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"time"

	"go.lsp.dev/uri"
)

// scheduler runs whole-file analyses (BuildKit's checks, the quick first
// set) on a bounded pool: at most workers at a time, so opening many files
// does not run them all at once. Only the newest version of a document is
// worth analysing: a job for an older one is dropped when a newer one is
// submitted, or cancelled if it is running, unless a pull waits for it.
// Ready jobs run in this order: the document being edited, the quick sets
// of the others, the documents a pull waits for, the recently used ones,
// the rest; within a class, the most recently touched document first.
type scheduler struct {
	workers int
	// observe, when set (by tests), is called as a job starts running
	// ("start", on its worker, before run) and as it ends ("end").
	observe func(event string, j *job)

	// mu guards everything below and the jobs' mutable fields.
	mu       sync.Mutex
	queue    []*job // waiting to run, at most one per document version and kind
	running  []*job
	timer    *time.Timer // wakes dispatch when the earliest delayed job is due
	stopped  bool
	activity map[uri.URI]*activity
	lastEdit uri.URI
}

// activity is when a document was last touched, for the ordering and for
// the documents kept analysed (hot).
type activity struct {
	edited, used, touched time.Time
}

// jobKind is what a job computes.
type jobKind int

const (
	jobQuick jobKind = iota // the quick set (published at once)
	jobFull                 // BuildKit's checks and every rule
)

// job is the analysis of one document version.
type job struct {
	doc  *openDoc
	kind jobKind
	due  time.Time
	run  func(ctx context.Context)

	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{} // closed when it ran, was dropped or the scheduler stopped

	// Guarded by scheduler.mu.
	waiters    int  // requests waiting for it
	pulls      int  // of which document pulls (which raise its rank)
	superseded bool // a newer version of the document was submitted
	ran        bool // it ran to the end
}

// recentUse is how long a document counts as recently used.
const recentUse = 30 * time.Second

// hotDocuments is how many recently used documents stay analysed; the
// others drop their lexed Document after their diagnostics (see
// analysis.Snapshot.Release).
const hotDocuments = 8

func newScheduler() *scheduler {
	return &scheduler{workers: runtime.GOMAXPROCS(0), activity: map[uri.URI]*activity{}}
}

// touch records activity on a document: an edit makes it the document
// being edited; a request makes it recently used; an open only counts
// for the order within a class.
func (s *scheduler) touch(u uri.URI, edit, use bool) {
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.activity[u]
	if a == nil {
		a = &activity{}
		s.activity[u] = a
	}
	a.touched = now
	if edit {
		a.edited = now
		s.lastEdit = u
	}
	if use {
		a.used = now
	}
}

// hot reports whether a document is among the hotDocuments most recently
// touched, whose analysis is kept for the requests that will follow.
func (s *scheduler) hot(u uri.URI) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.activity[u]
	if a == nil {
		return false
	}
	newer := 0
	for v, b := range s.activity {
		if v != u && b.touched.After(a.touched) {
			if newer++; newer >= hotDocuments {
				return false
			}
		}
	}
	return true
}

// submit queues run as the kind of job for doc, due after delay. Jobs for
// older versions of the document that nobody waits for are dropped, or
// cancelled when running. A job of the same version and kind already
// waiting stays (due at the earlier time) and is returned instead.
func (s *scheduler) submit(doc *openDoc, kind jobKind, delay time.Duration, run func(context.Context)) *job {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.submitLocked(doc, kind, delay, run)
}

func (s *scheduler) submitLocked(doc *openDoc, kind jobKind, delay time.Duration, run func(context.Context)) *job {
	if s.stopped {
		return nil
	}
	s.supersede(doc)
	due := time.Now().Add(delay)
	for _, j := range s.queue {
		if j.doc == doc && j.kind == kind {
			if due.Before(j.due) {
				j.due = due
			}
			s.dispatch()
			return j
		}
	}
	j := &job{doc: doc, kind: kind, due: due, run: run, done: make(chan struct{})}
	j.ctx, j.cancel = context.WithCancel(context.Background())
	s.queue = append(s.queue, j)
	s.dispatch()
	return j
}

// supersede marks the jobs of doc's older versions, dropping those that
// nobody waits for. Called with mu held.
func (s *scheduler) supersede(doc *openDoc) {
	for _, j := range s.running {
		if j.doc.uri == doc.uri && j.doc != doc {
			j.superseded = true
			if j.waiters == 0 {
				j.cancel()
			}
		}
	}
	s.queue = slices.DeleteFunc(s.queue, func(j *job) bool {
		if j.doc.uri != doc.uri || j.doc == doc {
			return false
		}
		j.superseded = true
		if j.waiters > 0 {
			return false
		}
		j.cancel()
		close(j.done)
		return true
	})
}

// wait makes sure the full analysis of doc has run, joining the job that
// runs it (queued or running) if there is one, else submitting run, and
// returns when it has, or with ctx's error. A waited-for job is never
// dropped; pull raises its rank (a client waits for this document now).
func (s *scheduler) wait(ctx context.Context, doc *openDoc, pull bool, run func(context.Context)) error {
	s.mu.Lock()
	var j *job
	for _, c := range slices.Concat(s.running, s.queue) {
		if c.doc == doc && c.kind == jobFull && !c.cancelled() {
			j = c
			break
		}
	}
	if j == nil {
		if j = s.submitLocked(doc, jobFull, 0, run); j == nil {
			s.mu.Unlock()
			return context.Canceled // stopped
		}
	}
	j.waiters++
	if pull {
		j.pulls++
	}
	s.dispatch()
	s.mu.Unlock()
	select {
	case <-j.done:
	case <-ctx.Done():
	}
	s.leave(j, pull)
	if err := ctx.Err(); err != nil {
		return err
	}
	if !j.ran {
		return context.Canceled // the server stopped or the document closed
	}
	return nil
}

// cancelled reports whether j was cancelled (superseded or forgotten).
func (j *job) cancelled() bool { return j.ctx.Err() != nil }

// leave ends a wait for j: a superseded job nobody waits for any more is
// dropped.
func (s *scheduler) leave(j *job, pull bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	j.waiters--
	if pull {
		j.pulls--
	}
	if j.waiters > 0 || !j.superseded {
		return
	}
	j.cancel()
	if i := slices.Index(s.queue, j); i >= 0 {
		s.queue = slices.Delete(s.queue, i, i+1)
		close(j.done)
	}
}

// forget drops every job of a closed document and its activity.
func (s *scheduler) forget(u uri.URI) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, j := range s.running {
		if j.doc.uri == u {
			j.cancel()
		}
	}
	s.queue = slices.DeleteFunc(s.queue, func(j *job) bool {
		if j.doc.uri != u {
			return false
		}
		j.cancel()
		close(j.done)
		return true
	})
	delete(s.activity, u)
	if s.lastEdit == u {
		s.lastEdit = ""
	}
}

// stop cancels everything; nothing runs after it.
func (s *scheduler) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopped = true
	for _, j := range s.running {
		j.cancel()
	}
	for _, j := range s.queue {
		j.cancel()
		close(j.done)
	}
	s.queue = nil
	if s.timer != nil {
		s.timer.Stop()
	}
}

// dispatch starts the best ready jobs while workers are free, and arms the
// timer for the next delayed one. Called with mu held.
func (s *scheduler) dispatch() {
	if s.stopped {
		return
	}
	now := time.Now()
	for len(s.running) < s.workers {
		best := -1
		for i, j := range s.queue {
			if !j.due.After(now) && (best < 0 || s.before(j, s.queue[best], now)) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		j := s.queue[best]
		s.queue = slices.Delete(s.queue, best, best+1)
		s.running = append(s.running, j)
		go s.execute(j)
	}
	var next time.Time
	for _, j := range s.queue {
		if j.due.After(now) && (next.IsZero() || j.due.Before(next)) {
			next = j.due
		}
	}
	if next.IsZero() {
		return
	}
	if s.timer == nil {
		s.timer = time.AfterFunc(next.Sub(now), s.wake)
	} else {
		s.timer.Reset(next.Sub(now))
	}
}

func (s *scheduler) wake() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dispatch()
}

func (s *scheduler) execute(j *job) {
	defer func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.running = slices.DeleteFunc(s.running, func(r *job) bool { return r == j })
		j.ran = j.ctx.Err() == nil
		j.cancel()
		close(j.done)
		s.dispatch()
	}()
	if s.observe != nil {
		s.observe("start", j)
		defer s.observe("end", j)
	}
	if j.ctx.Err() == nil {
		j.run(j.ctx)
	}
}

// class ranks a job: lower runs first.
func (s *scheduler) class(j *job, now time.Time) int {
	a := s.activity[j.doc.uri]
	switch {
	case j.doc.uri == s.lastEdit && a != nil && now.Sub(a.edited) < recentUse:
		return int(j.kind) // 0 quick, 1 full
	case j.kind == jobQuick:
		return 2
	case j.pulls > 0:
		return 3
	case a != nil && now.Sub(a.used) < recentUse:
		return 4
	}
	return 5
}

// before reports whether a runs before b.
func (s *scheduler) before(a, b *job, now time.Time) bool {
	ca, cb := s.class(a, now), s.class(b, now)
	if ca != cb {
		return ca < cb
	}
	return s.touchedAt(a).After(s.touchedAt(b))
}

func (s *scheduler) touchedAt(j *job) time.Time {
	if a := s.activity[j.doc.uri]; a != nil {
		return a.touched
	}
	return time.Time{}
}
