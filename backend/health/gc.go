package health

import (
	"runtime/debug"
	"sync"
)

// recomputeGCPercent is the garbage collector's target while a recompute
// runs. A recompute of 100,000 accounts allocates ~300 MB, almost all of it
// short-lived (driver strings, factors, encoded rows) on a live heap of ~30
// MB; at Go's default of 100 the collector ran every few megabytes and took
// about an eighth of the CPU. At 400 the recompute takes ~12% less time
// and the heap peaks at ~170 MB instead of ~80 MB, for those seconds only.
const recomputeGCPercent = 400

// gcRoom counts the recomputes running (one per book at most), so the
// last to finish restores the process's own setting.
var gcRoom struct {
	sync.Mutex
	running int
	prev    int
}

// roomyGC raises the garbage collector's target to recomputeGCPercent,
// unless the process already runs with a higher one or with the collector
// off, until every caller has called the restore function it returned
// (once; later calls do nothing).
func roomyGC() (restore func()) {
	gcRoom.Lock()
	defer gcRoom.Unlock()
	if gcRoom.running == 0 {
		gcRoom.prev = debug.SetGCPercent(recomputeGCPercent)
		if gcRoom.prev < 0 || gcRoom.prev > recomputeGCPercent {
			debug.SetGCPercent(gcRoom.prev)
		}
	}
	gcRoom.running++
	return sync.OnceFunc(func() {
		gcRoom.Lock()
		defer gcRoom.Unlock()
		if gcRoom.running--; gcRoom.running == 0 {
			debug.SetGCPercent(gcRoom.prev)
		}
	})
}
