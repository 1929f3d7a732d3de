package analysis

import (
	"slices"
	"testing"
)

func TestSortTags(t *testing.T) {
	tags := []string{"3.9", "3.12-slim", "3.12", "latest", "3.12.1", "alpine", "3.11-slim", "3.10", "slim", "3.12-alpine", "v2"}
	for _, tc := range []struct {
		current string
		want    []string
	}{
		// Versions descending (3.12.1 above 3.12, v2 below 3.9), a version's
		// suffixes by name, tags without a version last.
		{"", []string{"latest", "3.12.1", "3.12", "3.12-alpine", "3.12-slim", "3.11-slim", "3.10", "3.9", "v2", "alpine", "slim"}},
		// Writing 3.12: its variants first.
		{"3.12", []string{"latest", "3.12-alpine", "3.12-slim", "3.12.1", "3.12", "3.11-slim", "3.10", "3.9", "v2", "alpine", "slim"}},
		// Writing 3.11-slim: the other -slim versions first (3.11 has no other variant).
		{"3.11-slim", []string{"latest", "3.12-slim", "3.12.1", "3.12", "3.12-alpine", "3.11-slim", "3.10", "3.9", "v2", "alpine", "slim"}},
	} {
		if got := sortTags(tags, tc.current); !slices.Equal(got, tc.want) {
			t.Errorf("sortTags(current %q) =\n %v\nwant\n %v", tc.current, got, tc.want)
		}
	}
}
