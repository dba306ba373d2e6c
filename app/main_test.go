package app_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"successdesk/app"
	"successdesk/backend/books"
	"successdesk/backend/domain"
	"successdesk/backend/health"
	"successdesk/backend/store"
)

// now is the fixed clock of every app test.
var now = time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)

var demoTemplate string // a demo book built once; each test copies it

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "successdesk-app-test")
	if err != nil {
		panic(err)
	}
	demoTemplate = filepath.Join(dir, "demo.db")
	if err := books.BuildDemo(context.Background(), demoTemplate, 120, now, domain.DefaultFXRates()); err != nil {
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// recorder is an Emitter that remembers event names.
type recorder struct{ names []string }

func (r *recorder) Emit(name string, _ any) { r.names = append(r.names, name) }

// newWorkspace opens a private copy of the demo book.
func newWorkspace(t *testing.T) (*app.Workspace, *recorder) {
	t.Helper()
	b, err := os.ReadFile(demoTemplate)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	rec := &recorder{}
	fx := domain.DefaultFXRates()
	return &app.Workspace{Store: st, Mode: "demo", FX: fx, Scorer: health.New(st, fx), Events: rec,
		Now: func() time.Time { return now }, Version: "test"}, rec
}

func code(err error) string { return domain.ErrorCode(err) }
