package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"successdesk/backend/domain"
)

// TestOpenSaysWhyABookCannotBeOpened opens files that are not books, or
// damaged ones: the error names the file and the reason in plain words,
// and the file is left byte for byte as it was, with nothing beside it.
func TestOpenSaysWhyABookCannotBeOpened(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	st, err := Open(ctx, good)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	book, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	// The schema page keeps SQLite's 100-byte file header; its b-tree is overwritten.
	damaged := append(append([]byte{}, book[:100]...), bytes.Repeat([]byte{0xA5}, 400)...)
	damaged = append(damaged, book[500:]...)

	for _, tc := range []struct {
		name    string
		content []byte
		says    string
	}{
		{"notes.db", []byte("these are my meeting notes, not a database at all\n"), "it is not a Success Desk book"},
		{"damaged.db", damaged, "it is damaged"},
	} {
		path := filepath.Join(dir, tc.name)
		if err := os.WriteFile(path, tc.content, 0o600); err != nil {
			t.Fatal(err)
		}
		st, err := Open(ctx, path)
		if err == nil {
			st.Close()
			t.Fatalf("%s opened", tc.name)
		}
		msg := domain.ErrorMessage(err)
		if domain.ErrorCode(err) != domain.EUnavailable || !strings.Contains(msg, path+" cannot be opened: "+tc.says) ||
			!strings.Contains(msg, "left as it is") {
			t.Errorf("%s: %v", tc.name, err)
		}
		for _, side := range []string{"-wal", "-shm", "-journal"} {
			if _, err := os.Stat(path + side); err == nil {
				t.Errorf("the failed open of %s left %s%s behind", tc.name, tc.name, side)
			}
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, tc.content) {
			t.Errorf("%s was changed by the failed open", tc.name)
		}
	}
}
