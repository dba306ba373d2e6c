package cli

import (
	"os"
	"testing"
)

// TestMain lets the test binary stand in for the success-desk command: run
// with SUCCESS_DESK_CLI_CHILD=1 it executes the CLI on its arguments and
// exits with the CLI's code (see childMain), so that tests can kill a real
// process in the middle of a sync.
func TestMain(m *testing.M) {
	if os.Getenv(envChild) == "1" {
		os.Exit(childMain(os.Args[1:]))
	}
	os.Exit(m.Run())
}
