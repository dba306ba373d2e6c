//go:build !unix

package store_test

import "time"

// processCPU is not measured here (0): the benchmarks leave cores out.
func processCPU() time.Duration { return 0 }
