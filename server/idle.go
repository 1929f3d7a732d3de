package server

import (
	"runtime/debug"
	"sync"
	"time"
)

// idleTrimmer returns memory to the OS once the server has been idle for a
// while: a parse or BuildKit's checks leave garbage that the runtime would
// otherwise keep resident for minutes, and an editor may keep the server
// open all day.
type idleTrimmer struct {
	delay time.Duration

	// mu guards timer.
	mu    sync.Mutex
	timer *time.Timer
}

// touch marks activity: the trim happens delay after the last touch.
func (t *idleTrimmer) touch() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.timer == nil {
		t.timer = time.AfterFunc(t.delay, debug.FreeOSMemory)
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
