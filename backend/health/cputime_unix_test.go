//go:build unix

package health

import (
	"syscall"
	"time"
)

// cpuTime returns the user+system CPU time the process has used, so the
// benchmarks can report CPU per op, which a busy shared machine distorts
// less than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
