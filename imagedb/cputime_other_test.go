//go:build !unix

package imagedb

import "time"

func cpuTime() time.Duration { return 0 }
