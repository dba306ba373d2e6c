//go:build !unix

package store_test

import "time"

// processCPU is not measured here: the benchmarks report 0 cores.
func processCPU() time.Duration { return 0 }
