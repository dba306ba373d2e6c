package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"successdesk/app"
	"successdesk/backend/appdirs"
	"successdesk/backend/secrets"
	"successdesk/backend/sources"
)

func openInBackground(t *testing.T, dir string) *app.Desk {
	t.Helper()
	d, err := app.OpenDesk(context.Background(), app.DeskOptions{Dirs: appdirs.Dirs{Data: dir, Logs: dir}, DemoSize: 40,
		Secrets: secrets.NewMemory(), Factory: sources.NewFactory(nil, nil), Now: func() time.Time { return now }, DemoInBackground: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	return d
}

// TestDeskBuildsTheDemoBookAfterOpening: the window's desk opens at once
// and the demo book is built behind it; what asks for the book waits for
// it, and the build's progress ends complete.
func TestDeskBuildsTheDemoBookAfterOpening(t *testing.T) {
	d := openInBackground(t, t.TempDir())
	if d.Current().Mode != app.ModeDemo || d.Mode() != app.ModeDemo {
		t.Fatalf("the desk shows %s", d.Mode())
	}
	if n, _ := d.Current().Store.CountAccounts(context.Background()); n != 40 {
		t.Fatalf("the demo book has %d accounts", n)
	}
	got := d.DemoBuild()
	if got.Building || got.Failed != "" || got.Accounts != 40 || got.Written != 40 || got.Scored == 0 || got.Scored != got.Snapshots {
		t.Fatalf("build %+v, want it complete", got)
	}
}

// TestDeskShowsTheLiveBookWhenTheDemoBookCannotBeBuilt: a failed build
// leaves the window on the live book (never a mix), says why, and keeps the
// saved choice, so the next start tries the demo book again.
func TestDeskShowsTheLiveBookWhenTheDemoBookCannotBeBuilt(t *testing.T) {
	dir := t.TempDir()
	blocked := appdirs.Dirs{Data: dir}.DemoBook()
	if err := os.MkdirAll(filepath.Join(blocked, "in-the-way"), 0o700); err != nil {
		t.Fatal(err)
	}
	d := openInBackground(t, dir)
	if d.Current() != d.Live() || d.Mode() != app.ModeLive {
		t.Fatalf("after a failed build the desk shows %s", d.Mode())
	}
	if got := d.DemoBuild(); got.Building || !strings.HasPrefix(got.Failed, "The demo book could not be built: ") ||
		!strings.HasSuffix(got.Failed, " Showing your live book.") {
		t.Fatalf("build %+v", got)
	}

	if err := os.RemoveAll(blocked); err != nil {
		t.Fatal(err)
	}
	again := openInBackground(t, dir)
	if again.Current().Mode != app.ModeDemo || again.DemoBuild().Failed != "" {
		t.Fatalf("the next start shows %s (%+v)", again.Mode(), again.DemoBuild())
	}
}
