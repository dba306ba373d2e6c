package appdirs

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"successdesk/backend/domain"
)

func TestEnsureMakesPrivateFolders(t *testing.T) {
	d, err := Resolve(filepath.Join(t.TempDir(), "books"))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Ensure(); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{d.Data, d.Logs} {
		fi, err := os.Stat(p)
		if err != nil || !fi.IsDir() {
			t.Fatalf("%s: %v", p, err)
		}
		if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o700 {
			t.Errorf("%s has mode %v, want 0700", p, fi.Mode().Perm())
		}
	}
	if d.ExportDir() != filepath.Join(d.Data, "exports") || d.LiveBook() != filepath.Join(d.Data, "live.db") {
		t.Errorf("with --data-dir, exports %s and live book %s", d.ExportDir(), d.LiveBook())
	}
}

func TestEnsureSaysWhenAFileIsInTheWay(t *testing.T) {
	file := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(file, []byte("notes"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{file, filepath.Join(file, "books")} {
		d, err := Resolve(dir)
		if err != nil {
			t.Fatal(err)
		}
		err = d.Ensure()
		if domain.ErrorCode(err) != domain.EUnavailable {
			t.Fatalf("--data-dir %s: %v", dir, err)
		}
		if msg := domain.ErrorMessage(err); !strings.Contains(msg, "cannot keep its data in "+dir+": a file is in the way") {
			t.Errorf("--data-dir %s: %q", dir, msg)
		}
	}
	if b, _ := os.ReadFile(file); string(b) != "notes" {
		t.Errorf("the file in the way now holds %q", b)
	}
}
