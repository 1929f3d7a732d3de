package residency

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// rssFile is the process's file-backed resident memory in kB.
func rssFile(t *testing.T) int {
	t.Helper()
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip(err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "RssFile:"); ok {
			n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Skip("no RssFile in /proc/self/status")
	return 0
}

// Dropping the pages lowers the file-backed RSS, and the process goes on
// running the code and reading the data it dropped.
func TestDropExecutablePages(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("Linux only")
	}
	before := rssFile(t)
	if err := DropExecutablePages(); err != nil {
		t.Fatal(err)
	}
	after := rssFile(t)
	if after >= before {
		t.Errorf("RssFile %d kB before, %d kB after", before, after)
	}
	// The code and data dropped come back on use: running on, and
	// formatting with strconv's tables, works.
	if got := strconv.FormatFloat(1.5e300, 'g', -1, 64); got != "1.5e+300" {
		t.Fatalf("FormatFloat after the drop: %q", got)
	}
	if err := DropExecutablePages(); err != nil {
		t.Fatal(err)
	}
}
