package cli

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// entries lists dir's file names.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range des {
		names = append(names, d.Name())
	}
	return names
}

func TestWriteFileReplacesOnlyWhenComplete(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "health.csv")
	if err := writeFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "first\n"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "first\n" {
		t.Fatalf("file holds %q", b)
	}
	if fi, _ := os.Stat(path); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want owner-only", fi.Mode().Perm())
	}

	// A write that fails halfway leaves the earlier file as it was and no
	// part file beside it; its error comes back unchanged.
	boom := errors.New("the store went away")
	err := writeFile(path, func(w io.Writer) error {
		io.WriteString(w, "half a ")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err %v, want the writer's", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "first\n" {
		t.Fatalf("a failed export changed the file to %q", b)
	}
	if names := entries(t, dir); len(names) != 1 || names[0] != "health.csv" {
		t.Fatalf("directory holds %v", names)
	}

	if err := writeFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "second\n"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "second\n" {
		t.Fatalf("file holds %q after a second export", b)
	}
}

func TestExportToAPathThatCannotBeWritten(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ out, says string }{
		{filepath.Join(dir, "missing", "health.csv"), "its folder does not exist"},
		{dir, "it is a folder"},
	} {
		c, out, errb := testCLI(t)
		if code := c.Run([]string{"export", "health", "--format", "csv", "--demo", "--out", tc.out}); code != 1 {
			t.Fatalf("--out %s: exit %d, want 1 (%s)", tc.out, code, errb.String())
		}
		msg := errb.String()
		if !strings.Contains(msg, "could not write "+tc.out+": "+tc.says) || strings.Contains(msg, "Internal error") {
			t.Errorf("--out %s: stderr %q, want it to say %q", tc.out, msg, tc.says)
		}
		if out.Len() != 0 {
			t.Errorf("--out %s also printed %d bytes", tc.out, out.Len())
		}
	}
	if names := entries(t, dir); len(names) != 0 {
		t.Fatalf("failed exports left %v behind", names)
	}
}
