package server

import (
	"runtime/debug"
	"sync"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/internal/residency"
)

// idleTrimmer returns memory to the OS once the server has been idle for a
// while: a parse or BuildKit's checks leave garbage that the runtime would
// otherwise keep resident for minutes, and an editor may keep the server
// open all day. A burst (opening many files) ends the same way. After a
// longer rest the pages of the executable that initialisation and the
// checks touched go too (package residency): not after every pause, as the
// next analysis faults them back in (a few milliseconds).
type idleTrimmer struct {
	delay     time.Duration // before the heap is trimmed
	longDelay time.Duration // before the executable's pages are dropped (0: never)
	trim      func()        // what to drop before the memory goes back

	// mu guards the timers.
	mu          sync.Mutex
	timer, long *time.Timer
}

// touch marks activity: the trims happen their delays after the last touch.
func (t *idleTrimmer) touch() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.timer == nil {
		t.timer = time.AfterFunc(t.delay, func() {
			if t.trim != nil {
				t.trim()
			}
			debug.FreeOSMemory()
		})
		if t.longDelay > 0 {
			// Best effort: an idle server need not pin its own code.
			t.long = time.AfterFunc(t.longDelay, func() { _ = residency.DropExecutablePages() })
		}
		return
	}
	t.timer.Reset(t.delay)
	if t.long != nil {
		t.long.Reset(t.longDelay)
	}
}

func (t *idleTrimmer) stop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.timer != nil {
		t.timer.Stop()
	}
	if t.long != nil {
		t.long.Stop()
	}
}

// trimIdle drops the lexed analysis of the documents nobody has worked on
// lately; their diagnostics stay (see analysis.Snapshot.Release).
func (s *Server) trimIdle() {
	for _, d := range s.docs.all() {
		s.releaseIfCold(d)
	}
}

// releaseIfCold releases doc's analysis unless the document is among the
// recently touched ones, whose next request should not lex again.
func (s *Server) releaseIfCold(doc *openDoc) {
	if !s.sched.hot(doc.uri) {
		doc.snap.Release()
	}
}
