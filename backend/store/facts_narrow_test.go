package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"successdesk/backend/demo"
	"successdesk/backend/domain"
	"successdesk/backend/health"
	"successdesk/backend/store"
)

// readFacts returns every account's facts ScanFacts reads for w, copied.
func readFacts(t *testing.T, st *store.Store, w store.FactsWindow) []domain.AccountFacts {
	t.Helper()
	var out []domain.AccountFacts
	err := st.ScanFacts(context.Background(), w, func(f *domain.AccountFacts) error {
		out = append(out, f.Clone())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// normal makes empty slices nil, so facts compare by content.
func normal(f domain.AccountFacts) domain.AccountFacts {
	if len(f.Revenue) == 0 {
		f.Revenue = nil
	}
	if len(f.Invoices) == 0 {
		f.Invoices = nil
	}
	if len(f.Usage) == 0 {
		f.Usage = nil
	}
	if len(f.Signals) == 0 {
		f.Signals = nil
	}
	return f
}

// TestNarrowEqualsScan reads the demo book once for a window thirteen weeks
// before its now and narrows it to the window of every third day from then
// to eight weeks after (when its older usage weeks fall out): every account's
// facts must equal what ScanFacts reads for that day's window, and the
// narrowing must have dropped invoices, usage weeks and signals on the way
// (so the comparison is not between two copies of the same read).
func TestNarrowEqualsScan(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	if err := demo.Write(ctx, st, demo.Generate(demo.Options{Seed: 7, Now: t0, Size: 120})); err != nil {
		t.Fatal(err)
	}
	first := t0.AddDate(0, 0, -7*13)
	wide := health.Window(first)
	all := readFacts(t, st, wide)
	var dropped struct{ invoices, usage, signals int }
	for day := first; !day.After(t0.AddDate(0, 0, 56)); day = day.AddDate(0, 0, 3) {
		w := health.Window(day)
		if !wide.Covers(w) {
			t.Fatalf("the window of %s does not cover the one of %s", first, day)
		}
		want := readFacts(t, st, w)
		if len(want) != len(all) {
			t.Fatalf("%s: %d accounts read, %d narrowed", day, len(want), len(all))
		}
		var got domain.AccountFacts
		for i := range all {
			w.Narrow(&got, &all[i])
			if !reflect.DeepEqual(normal(got), normal(want[i])) {
				t.Fatalf("%s, account %d:\nnarrowed %+v\nread     %+v", day.Format(time.DateOnly), all[i].Account.ID, got, want[i])
			}
			dropped.invoices += len(all[i].Invoices) - len(got.Invoices)
			dropped.usage += len(all[i].Usage) - len(got.Usage)
			dropped.signals += len(all[i].Signals) - len(got.Signals)
		}
	}
	if dropped.invoices == 0 || dropped.usage == 0 || dropped.signals == 0 {
		t.Errorf("narrowing dropped %+v: the windows never differed in some part", dropped)
	}
}

func TestCovers(t *testing.T) {
	w := health.Window(t0)
	later := health.Window(t0.AddDate(0, 0, 1))
	if !w.Covers(w) || !w.Covers(later) || later.Covers(w) {
		t.Error("a window covers itself and later ones, not earlier ones")
	}
	every := w
	every.SignalKinds = nil
	if !every.Covers(w) || w.Covers(every) {
		t.Error("a window of every signal kind covers one of some kinds, not the other way round")
	}
	noEscalations := w
	noEscalations.SignalKinds = []domain.SignalKind{domain.SignalComplaint, domain.SignalNPS}
	if noEscalations.Covers(w) || !w.Covers(noEscalations) {
		t.Error("a window without escalations does not cover one with them")
	}
	lateKind := w
	lateKind.KindSince = map[domain.SignalKind]time.Time{domain.SignalEscalation: t0, domain.SignalComplaint: t0}
	if lateKind.Covers(w) || !w.Covers(lateKind) {
		t.Error("a kind read from later does not cover the same kind read from earlier")
	}
	otherRange := w
	otherRange.FromID = 10
	if w.Covers(otherRange) || otherRange.Covers(w) {
		t.Error("windows over different account ranges do not cover each other")
	}
	for name, change := range map[string]func(*store.FactsWindow){
		"usage":    func(x *store.FactsWindow) { x.UsageSince = x.UsageSince.AddDate(0, 0, 7) },
		"failures": func(x *store.FactsWindow) { x.FailuresSince = x.FailuresSince.AddDate(0, 0, 1) },
		"paid":     func(x *store.FactsWindow) { x.AsOf = x.AsOf.Add(time.Second) },
		"signals":  func(x *store.FactsWindow) { x.SignalsSince = x.SignalsSince.AddDate(0, 0, 1) },
	} {
		narrower := w
		change(&narrower)
		if narrower.Covers(w) || !w.Covers(narrower) {
			t.Errorf("%s: a window starting later does not cover one starting earlier", name)
		}
	}
}
