package server

import (
	"runtime/debug"
	"sync"
	"time"
)

// idleTrimmer returns memory to the OS once the server has been idle for a
// while: a parse or BuildKit's checks leave garbage that the runtime would
// otherwise keep resident for minutes, and an editor may keep the server
// open all day. A burst (opening many files) ends the same way.
type idleTrimmer struct {
	delay time.Duration
	trim  func() // what to drop before the memory goes back

	// mu guards timer.
	mu    sync.Mutex
	timer *time.Timer
}

// touch marks activity: the trim happens delay after the last touch.
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
		return
	}
	t.timer.Reset(t.delay)
}

func (t *idleTrimmer) stop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.timer != nil {
		t.timer.Stop()
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
