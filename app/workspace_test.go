package app_test

import (
	"errors"
	"os/exec"
	"strings"
	"testing"

	"successdesk/app"
	"successdesk/backend/domain"
)

func TestRouteLifecycle(t *testing.T) {
	ws, rec := newWorkspace(t)
	w := app.NewWorkspaceService(ws)
	h := app.NewHealthService(ws)
	rows, _ := h.List(app.HealthListRequest{Limit: 3})
	id := rows.Rows[2].AccountID
	bad := []app.RouteRequest{
		{AccountID: id, From: "health", To: "mars"},
		{AccountID: id, From: "health", To: "health"},
		{AccountID: id, From: "health", To: "convert", Reason: strings.Repeat("x", 501)},
	}
	for _, b := range bad {
		if _, err := w.Route(b); code(err) != "invalid" {
			t.Errorf("%+v: %v", b.To, err)
		}
	}
	if _, err := w.Route(app.RouteRequest{AccountID: 424242, From: "health", To: "convert"}); code(err) != "not_found" {
		t.Fatalf("missing account: %v", err)
	}
	r, err := w.Route(app.RouteRequest{AccountID: id, From: "health", To: "convert", Reason: "  On a trial plan  "})
	if err != nil {
		t.Fatal(err)
	}
	if r.ToLabel != "Convert" || r.Reason != "On a trial plan" || !r.Active || r.At != "2026-11-25T15:00:00Z" {
		t.Fatalf("route %+v", r)
	}
	list, _ := w.RoutedTo(app.SectionRequest{Section: "convert"})
	if len(list.Items) != 1 || list.Items[0].AccountID != id || list.Items[0].Routed.FromLabel != "Health" ||
		list.Items[0].Routed.Reason != "On a trial plan" || list.Items[0].Score == nil {
		t.Fatalf("routed list %+v", list)
	}
	info, _ := w.Info(app.InfoRequest{})
	if len(info.Sections) != 6 || info.Sections[1].Routed != 1 || !info.Sections[0].Built || info.Accounts != 120 {
		t.Fatalf("info %+v", info)
	}
	cust, _ := app.NewCustomerService(ws).Get(app.CustomerRequest{AccountID: id})
	if cust.Route == nil || cust.Route.To != "convert" || len(cust.RouteHistory) != 1 {
		t.Fatalf("customer route %+v", cust.Route)
	}
	// Routing back to Health pins the account on top of the Health table.
	if _, err := w.Route(app.RouteRequest{AccountID: id, From: "convert", To: "health", Reason: "Converted"}); err != nil {
		t.Fatal(err)
	}
	top, _ := h.List(app.HealthListRequest{Limit: 1})
	if top.Rows[0].AccountID != id || top.Rows[0].Routed == nil || top.Rows[0].Routed.FromLabel != "Convert" {
		t.Fatalf("pinned row %+v", top.Rows[0])
	}
	if _, err := w.ClearRoute(app.AccountRequest{AccountID: id}); err != nil {
		t.Fatal(err)
	}
	if l, _ := w.RoutedTo(app.SectionRequest{Section: "health"}); len(l.Items) != 0 {
		t.Fatalf("cleared route still listed: %+v", l.Items)
	}
	if _, err := w.RoutedTo(app.SectionRequest{Section: "nowhere"}); code(err) != "invalid" {
		t.Fatalf("bad section: %v", err)
	}
	if len(rec.names) < 3 {
		t.Fatalf("events %v", rec.names)
	}
}

func TestFormatError(t *testing.T) {
	f := app.FormatError(nil)
	got := f(domain.Errorf(domain.ENotFound, "The account was not found.")).(app.ErrorDTO)
	if got.Code != "not_found" || got.Message != "The account was not found." {
		t.Fatalf("%+v", got)
	}
	got = f(errors.New("disk I/O error at /secret/path")).(app.ErrorDTO)
	if got.Code != "internal" || got.Message != "Internal error." {
		t.Fatalf("internal errors must not leak causes: %+v", got)
	}
}

// TestLayers keeps Wails out of backend/ and I/O out of scoring.
func TestLayers(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "successdesk/backend/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "github.com/wailsapp/") {
		t.Fatal("a backend package imports Wails")
	}
	out, err = exec.Command("go", "list", "-deps", "successdesk/backend/scoring").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, banned := range []string{"database/sql", "net/http", "successdesk/backend/store"} {
		if strings.Contains("\n"+string(out), banned) {
			t.Fatalf("scoring depends on %q", strings.TrimSpace(banned))
		}
	}
}

func TestUndoRouteRestoresThePreviousRoute(t *testing.T) {
	ws, _ := newWorkspace(t)
	w := app.NewWorkspaceService(ws)
	rows, _ := app.NewHealthService(ws).List(app.HealthListRequest{Limit: 1})
	id := rows.Rows[0].AccountID
	first, err := w.Route(app.RouteRequest{AccountID: id, From: "health", To: "convert", Reason: "Trial"})
	if err != nil {
		t.Fatal(err)
	}
	second, err := w.Route(app.RouteRequest{AccountID: id, From: "convert", To: "pipeline"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.UndoRoute(app.UndoRouteRequest{RouteID: first.ID}); code(err) != "conflict" {
		t.Fatalf("undo of a replaced route: %v", err)
	}
	got, err := w.UndoRoute(app.UndoRouteRequest{RouteID: second.ID})
	if err != nil {
		t.Fatal(err)
	}
	if got.Route == nil || got.Route.ID != first.ID || got.Route.To != "convert" {
		t.Fatalf("undo restored %+v", got.Route)
	}
	cust, _ := app.NewCustomerService(ws).Get(app.CustomerRequest{AccountID: id})
	if len(cust.RouteHistory) != 1 || cust.Route == nil || cust.Route.ID != first.ID {
		t.Fatalf("history after undo: %+v", cust.RouteHistory)
	}
	if _, err := w.UndoRoute(app.UndoRouteRequest{RouteID: first.ID}); err != nil {
		t.Fatal(err)
	}
	if l, _ := w.RoutedTo(app.SectionRequest{Section: "convert"}); len(l.Items) != 0 {
		t.Fatalf("undo of the only route left it routed: %+v", l.Items)
	}
	if _, err := w.UndoRoute(app.UndoRouteRequest{RouteID: 99999}); code(err) != "not_found" {
		t.Fatalf("unknown route: %v", err)
	}
}
