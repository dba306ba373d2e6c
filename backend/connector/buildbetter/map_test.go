package buildbetter

import (
	"encoding/json"
	"testing"

	"successdesk/backend/connector"
	"successdesk/backend/connector/buildbetter/bbfake"
	"successdesk/backend/domain"
)

func decodeCall(t *testing.T, js string) *callRow {
	t.Helper()
	var r callRow
	if err := json.Unmarshal([]byte(js), &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

const teamTess = `{"person": {"id": 1, "first_name": "Tess", "email": "tess@team.example", "user": {"id": 9}}}`

func TestAccountKeys(t *testing.T) {
	cases := []struct {
		name, person string
		want         connector.AccountRecord
	}{
		{"company with a domain", `{"id": 5, "email": "a@x.example", "company": {"id": 70, "name": "X", "domain": "WWW.X.example"}}`,
			connector.AccountRecord{Key: "company:70", Domain: "x.example", Name: "X"}},
		{"company without a domain", `{"id": 5, "email": "a@y.example", "company": {"id": "71", "name": "Y"}}`,
			connector.AccountRecord{Key: "company:71", Domain: "y.example", Name: "Y"}},
		{"free-mail person at a company", `{"id": 5, "email": "a@gmail.com", "company": {"id": 72, "name": "Z"}}`,
			connector.AccountRecord{Key: "company:72", Name: "Z"}},
		{"company with a free-mail domain", `{"id": 5, "email": "a@yahoo.com", "company": {"id": 73, "name": "Q", "domain": "https://gmail.com"}}`,
			connector.AccountRecord{Key: "company:73", Name: "Q"}},
		{"business e-mail, no company", `{"id": 5, "email": "Ops <ops@Initech.example>"}`,
			connector.AccountRecord{Key: "domain:initech.example", Domain: "initech.example", Name: "initech.example"}},
		{"free-mail, no company", `{"id": 5, "first_name": "Dev", "last_name": "Patel", "email": "dev@hotmail.com"}`,
			connector.AccountRecord{Key: "unmatched:5", Name: "Dev Patel", PrimaryEmail: "dev@hotmail.com"}},
		{"no e-mail, no company", `{"id": "a1b2-c3", "first_name": "Kai"}`,
			connector.AccountRecord{Key: "unmatched:a1b2-c3", Name: "Kai"}},
		{"free-mail, id with a space", `{"id": "a b", "email": "kai@gmail.com"}`, connector.AccountRecord{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := decodeCall(t, `{"id": 1, "created_at": "2026-11-01T10:00:00+00:00", "attendees": [`+teamTess+
				`, {"person": `+tc.person+`}]}`)
			_, acct, ok := mapCall(r)
			if ok != (tc.want.Key != "") || !sameAccount(acct, tc.want) {
				t.Errorf("account %+v (%v), want %+v", acct, ok, tc.want)
			}
		})
	}
}

func sameAccount(a, b connector.AccountRecord) bool {
	return a.Key == b.Key && a.Domain == b.Domain && a.Name == b.Name && a.PrimaryEmail == b.PrimaryEmail &&
		len(a.Aliases) == 0 && len(b.Aliases) == 0
}

// TestFreeMailNeverADomain: across a generated book with free-mail people
// and a company made from a gmail address, no account's domain is a
// free-mail host, and every free-mail person without a company is an
// unmatched key without a domain.
func TestFreeMailNeverADomain(t *testing.T) {
	p := newPeer(t, bbfake.Options{Book: bbfake.Generate(bbfake.Gen{Seed: 11, Companies: 12, Now: fixedNow})}, testKey)
	unmatched := 0
	for key, a := range accounts(drain(t, p.c, "")) {
		if a.Domain != "" && connector.DomainFromEmail("someone@"+a.Domain) != a.Domain {
			t.Errorf("%s has the free-mail domain %q", key, a.Domain)
		}
		if len(key) > len(keyUnmatched) && key[:len(keyUnmatched)] == keyUnmatched {
			unmatched++
			if a.Domain != "" || a.PrimaryEmail == "" {
				t.Errorf("unmatched account %+v", a)
			}
		}
	}
	if unmatched != 2 {
		t.Errorf("%d unmatched accounts, the book has 2 free-mail customers", unmatched)
	}
}

func TestTeamDetection(t *testing.T) {
	// A colleague without a user is on the team when a user shares her
	// domain; without one on the call she is a customer at that domain.
	colleague := `{"person": {"id": 2, "email": "pat@team.example"}}`
	if _, _, ok := mapCall(decodeCall(t, `{"id": 1, "created_at": "2026-11-01T10:00:00Z", "attendees": [`+teamTess+`, `+colleague+`]}`)); ok {
		t.Errorf("a team-only call was kept")
	}
	_, acct, ok := mapCall(decodeCall(t, `{"id": 1, "created_at": "2026-11-01T10:00:00Z", "attendees": [`+colleague+`]}`))
	if !ok || acct.Key != "domain:team.example" {
		t.Errorf("a call without a user: %+v %v", acct, ok)
	}
	// Most attendees win; companies before unmatched people; ties to the smaller key.
	r := decodeCall(t, `{"id": 1, "created_at": "2026-11-01T10:00:00Z", "attendees": [
		{"person": {"id": 3, "email": "x@gmail.com"}}, {"person": {"id": 4, "email": "y@gmail.com"}},
		{"person": {"id": 5, "email": "a@b.example", "company": {"id": 9}}},
		{"person": {"id": 6, "email": "c@d.example", "company": {"id": 8}}}, null, {"person": null}]}`)
	if rec, acct, ok := mapCall(r); !ok || acct.Key != "company:8" || rec.AccountKey != "company:8" {
		t.Errorf("call account %+v", acct)
	}
}

func TestClassify(t *testing.T) {
	cases := map[string]domain.SignalKind{
		"Feature Request": domain.SignalFeatureRequest, "feature_request": domain.SignalFeatureRequest,
		"Request": domain.SignalFeatureRequest, "Issue": domain.SignalComplaint, "bug": domain.SignalComplaint,
		"Customer Complaint": domain.SignalComplaint, "ESCALATION": domain.SignalEscalation, "NPS": domain.SignalNPS,
		"Net Promoter Score": domain.SignalNPS, "Praise": domain.SignalPraise, "positive-feedback": domain.SignalPraise,
		"Objection": "", "Question": "", "Action Item": "", "tissue": "", "": "",
	}
	for name, want := range cases {
		if got, ok := classify([]string{name}); got != want || ok != (want != "") {
			t.Errorf("classify(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	if got, _ := classify([]string{"Praise", "Question", "Escalation"}); got != domain.SignalEscalation {
		t.Errorf("several types: %q, want the escalation", got)
	}
}

func TestNPSScore(t *testing.T) {
	cases := map[string]int{
		"Rated us 9 out of 10.": 9, "NPS survey: 10/10": 10, "nps 0": 0, "Score: 7. Great support": 7,
		"gave us a 3, says onboarding was slow": 3, "NPS 6/10 (was 8)": 6,
		"Would recommend": -1, "NPS 100": -1, "rated 9.5": -1, "2 of 3 seats used, score unknown": -1,
	}
	for text, want := range cases {
		got := npsScore(text)
		if want < 0 && got != nil || want >= 0 && (got == nil || *got != want) {
			t.Errorf("npsScore(%q) = %v, want %d", text, got, want)
		}
	}
}

func TestText(t *testing.T) {
	if got := oneLine(" a\tb\n\nc\u0000d\u2028e \xff ", 100); got != "a b c d e \uFFFD" {
		t.Errorf("oneLine = %q", got)
	}
	if got := multiLine("  a\r\nb\rc\u0007\n\td  ", 100); got != "a\nb\nc\n\td" {
		t.Errorf("multiLine = %q", got)
	}
	if got := cut("héllo wörld", 6); got != "héllo…" {
		t.Errorf("cut = %q", got)
	}
}
