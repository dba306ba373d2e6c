package store_test

import (
	"os"
	"testing"
)

func osTempDir() string { return os.TempDir() }

// TestMain removes the benchmark book after the run.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchStore != nil {
		benchStore.Close()
	}
	for _, d := range benchDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}
