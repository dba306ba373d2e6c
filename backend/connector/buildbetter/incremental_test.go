package buildbetter

import (
	"strings"
	"testing"
	"time"

	"successdesk/backend/connector/buildbetter/bbfake"
)

// TestIncremental: a full pass delivers the truth of a generated book;
// the next run, before FullPassEvery, reads only what was created after
// the watermark less Overlap (the new signals, a new customer's survey
// answer and its account) and no older record; a run FullPassEvery after
// the full pass began is a full pass again.
func TestIncremental(t *testing.T) {
	p := newPeer(t, bbfake.Options{Book: bbfake.Generate(bbfake.Gen{Seed: 3, Companies: 7, Now: fixedNow})}, testKey)
	full := drain(t, p.c, "")
	checkAccountsFirst(t, full)
	checkTruth(t, p.fake.Truth(), full)
	first, last := full[0], full[len(full)-1]
	if !first.StartsFullPass || !last.EndsFullPass || !last.Done || !strings.HasPrefix(last.Next, "next;") {
		t.Fatalf("full pass: first %+v, last Done=%v Ends=%v Next=%q", first.StartsFullPass, last.Done,
			last.EndsFullPass, last.Next)
	}
	mark, err := parseCursor(last.Next)
	if err != nil {
		t.Fatal(err)
	}

	// New records, an hour after the book's last one.
	later := fixedNow.Add(30 * time.Minute)
	nine := 9
	p.fake.AddCompany(bbfake.Company{ID: 900, Name: "Newco", Domain: "newco.example"})
	p.fake.SetAccountDomain("company:900", "newco.example")
	p.fake.AddPerson(bbfake.Person{ID: 901, FirstName: "Nia", Email: "nia@newco.example", CompanyID: 900})
	p.fake.AddSignal(bbfake.Signal{ID: 9001, Summary: "Scored 9 out of 10", Types: []string{"NPS"}, CreatedAt: later,
		SpeakerID: 901, Kind: "nps", Score: &nine, Account: "company:900"})
	oldCall := p.fake.Truth().Activities[0] // a call_ of an existing account, sorted first
	if !strings.HasPrefix(oldCall.ExternalID, "call_") {
		t.Fatalf("expected a call first, got %s", oldCall.ExternalID)
	}
	callID := mustInt(t, strings.TrimPrefix(oldCall.ExternalID, "call_"))
	p.fake.AddSignal(bbfake.Signal{ID: 9002, Summary: "Export to CSV", Types: []string{"Feature Request"},
		CreatedAt: later.Add(time.Minute), CallID: callID, Kind: "feature_request", Account: oldCall.AccountKey})
	p.fake.AddSignal(bbfake.Signal{ID: 9003, Summary: "What is SSO?", Types: []string{"Question"},
		CreatedAt: later.Add(2 * time.Minute), CallID: callID})

	p.setNow(fixedNow.Add(2 * time.Hour))
	inc := drain(t, p.c, last.Next)
	checkAccountsFirst(t, inc)
	for i, pg := range inc {
		if pg.StartsFullPass || pg.EndsFullPass {
			t.Errorf("incremental page %d is marked as a full pass", i+1)
		}
	}
	since := time.Unix(0, mark.mark).Add(-Overlap)
	want := map[string]bool{}
	for _, a := range p.fake.Truth().Activities {
		if a.CreatedAt.After(since) {
			want[a.ExternalID] = true
		}
	}
	got := activities(inc)
	for id := range want {
		if _, ok := got[id]; !ok {
			t.Errorf("incremental pass missed %s", id)
		}
	}
	for id := range got {
		if !want[id] {
			t.Errorf("incremental pass refetched %s, created before %s", id, since)
		}
	}
	for _, id := range []string{"signal_9001", "signal_9002"} {
		if !want[id] {
			t.Errorf("%s is not among the records to fetch", id)
		}
	}
	if a := got["signal_9001"]; a.AccountKey != "company:900" || a.Score == nil || *a.Score != 9 {
		t.Errorf("new survey answer: %+v", a)
	}
	if a, ok := accounts(inc)["company:900"]; !ok || a.Domain != "newco.example" {
		t.Errorf("the new account was not delivered: %+v", accounts(inc))
	}
	if len(got) >= len(activities(full)) {
		t.Errorf("incremental pass read %d activities, the full one %d", len(got), len(activities(full)))
	}

	// Nothing new: the run rereads only the Overlap before the watermark,
	// which it keeps.
	again := drain(t, p.c, inc[len(inc)-1].Next)
	if end := again[len(again)-1]; !end.Done || end.Next != inc[len(inc)-1].Next {
		t.Errorf("a run with nothing new moved the watermark: %q, want %q", end.Next, inc[len(inc)-1].Next)
	}
	newMark, _ := parseCursor(inc[len(inc)-1].Next)
	for id := range activities(again) {
		if _, ok := got[id]; !ok {
			t.Errorf("a run with nothing new read %s, older than %s", id, time.Unix(0, newMark.mark).Add(-Overlap))
		}
	}

	// A week after the full pass began, the next run is full again.
	p.setNow(fixedNow.Add(FullPassEvery))
	next := drain(t, p.c, inc[len(inc)-1].Next)
	if !next[0].StartsFullPass || !next[len(next)-1].EndsFullPass {
		t.Errorf("a run FullPassEvery later is not a full pass")
	}
	checkTruth(t, p.fake.Truth(), next)
}

// TestVanishedRowsEndPhase: calls deleted between the scan and the calls
// phase end the phase early (a request that returns fewer rows, or none)
// without an error or a loop; the signals still arrive.
func TestVanishedRowsEndPhase(t *testing.T) {
	p := newPeer(t, bbfake.Options{Book: conformanceBook(3)}, testKey, WithPageSize(2))
	page, err := p.c.Fetch(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{1002, 1003, 1004, 1005} {
		p.fake.DeleteCall(id)
	}
	rest := drain(t, p.c, page.Next)
	got := activities(rest)
	for _, id := range []string{"call_1000", "call_1001", "signal_6000", "signal_6005"} {
		if _, ok := got[id]; !ok {
			t.Errorf("missing %s: %v", id, rest)
		}
	}
	if len(got) != 2+6 {
		t.Errorf("%d activities after the deletion, want 2 calls and 6 signals", len(got))
	}
	if !rest[len(rest)-1].EndsFullPass {
		t.Errorf("the pass did not end")
	}
}

func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	for _, c := range s {
		if c < '0' || c > '9' {
			t.Fatalf("not a number: %q", s)
		}
		n = n*10 + int64(c-'0')
	}
	return n
}
