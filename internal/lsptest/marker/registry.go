package marker

import "fmt"

// A marker is one kind of note. Each lives in its own file and registers
// itself in an init function; doc.go documents it.
type marker struct {
	name string
	// pattern: the first argument is a pattern on the note's line, resolved
	// into Note.Pattern, Cursor, Start and End before run.
	pattern bool
	run     func(e *Env, n *Note)
}

// A check runs once per case after every note, e.g. to fail on
// diagnostics no note expected.
type check struct {
	name string
	run  func(e *Env)
}

var (
	markers = map[string]marker{}
	checks  []check
)

func register(m marker) {
	if _, dup := markers[m.name]; dup {
		panic(fmt.Sprintf("marker %s registered twice", m.name))
	}
	markers[m.name] = m
}

func registerCheck(c check) { checks = append(checks, c) }

// stash is per-case state of type T for the marker named key, created on
// first use (markers that collect notes for a final check keep it there).
func stash[T any](e *Env, key string) *T {
	if v, ok := e.state[key]; ok {
		return v.(*T)
	}
	v := new(T)
	e.state[key] = v
	return v
}
