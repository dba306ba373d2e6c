//go:build !linux

package main

import "time"

// processStarted returns fallback outside Linux: the painted-page report
// there counts from main (see started_linux.go).
func processStarted(fallback time.Time) time.Time { return fallback }
