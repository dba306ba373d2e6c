package main

import (
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// clockTicksPerSecond is the unit of /proc's process times (USER_HZ, 100
// on every Linux architecture the app is built for).
const clockTicksPerSecond = 100

// processStarted returns when the operating system started this process,
// so that the painted-page report counts everything a person waits for:
// before main runs, the dynamic loader links WebKitGTK's ~170 libraries
// (~150–180 ms on a 2-core VM), which a clock started in main would miss.
// It is read from /proc/self/stat (10 ms resolution); when that cannot be
// read, it returns fallback (main's own clock, taken as main began).
func processStarted(fallback time.Time) time.Time {
	stat, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return fallback
	}
	ticks, ok := startTicks(string(stat))
	var now unix.Timespec
	if !ok || unix.ClockGettime(unix.CLOCK_BOOTTIME, &now) != nil {
		return fallback
	}
	age := time.Duration(now.Nano()) - time.Duration(ticks)*time.Second/clockTicksPerSecond
	if age < 0 || age > time.Since(fallback)+time.Minute {
		return fallback // a start that disagrees with main's clock is not trusted
	}
	return time.Now().Add(-age)
}

// startTicks returns field 22 of a /proc/<pid>/stat line: when the process
// started, in clock ticks since boot. The command name (field 2) is in
// parentheses and may itself hold spaces and parentheses, so the fields are
// counted from the last ')'.
func startTicks(stat string) (uint64, bool) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, false
	}
	fields := strings.Fields(stat[i+1:]) // field 3 (state) onwards
	const starttime = 22 - 3
	if len(fields) <= starttime {
		return 0, false
	}
	n, err := strconv.ParseUint(fields[starttime], 10, 64)
	return n, err == nil
}
