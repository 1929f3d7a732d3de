//go:build race

package server

// raceEnabled: the race detector slows BuildKit's checks ~10x.
const raceEnabled = true
