//go:build !linux

package residency

// DropExecutablePages does nothing outside Linux.
func DropExecutablePages() error { return nil }
