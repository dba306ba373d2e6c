package buildbetter

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// checkRecord holds for every mapped record: keys and ids usable, text
// valid one-line UTF-8 titles within the limits, no free-mail domain.
func checkRecord(t *testing.T, rec connector.ActivityRecord, acct connector.AccountRecord, prefix string) {
	t.Helper()
	if !strings.HasPrefix(rec.ExternalID, prefix) || rec.AccountKey == "" || rec.AccountKey != acct.Key {
		t.Errorf("ids: %q account %q / %q", rec.ExternalID, rec.AccountKey, acct.Key)
	}
	if acct.Domain != "" && connector.DomainFromEmail("x@"+acct.Domain) != acct.Domain {
		t.Errorf("domain %q is not a company domain", acct.Domain)
	}
	if strings.HasPrefix(acct.Key, keyUnmatched) && acct.Domain != "" {
		t.Errorf("unmatched key with a domain: %+v", acct)
	}
	for _, s := range []string{rec.Title, rec.Body, rec.Actor, acct.Name, acct.PrimaryEmail} {
		if !utf8.ValidString(s) {
			t.Errorf("invalid UTF-8: %q", s)
		}
	}
	if rec.Title == "" || strings.ContainsAny(rec.Title, "\n\r\t") || utf8.RuneCountInString(rec.Title) > maxTitle+20 {
		t.Errorf("title %q", rec.Title)
	}
	if utf8.RuneCountInString(rec.Body) > maxBody || rec.OccurredAt.IsZero() {
		t.Errorf("body of %d runes, occurred %v", utf8.RuneCountInString(rec.Body), rec.OccurredAt)
	}
}

func FuzzMapCall(f *testing.F) {
	f.Add(`{"id": 1, "name": "QBR", "created_at": "2026-11-01T10:00:00+00:00", "started_at": "2026-11-01T09:00:00Z",
		"completed_at": "2026-11-01T09:45:00Z", "short_summary": "ok\r\n", "attendees": [` + teamTess + `,
		{"person": {"id": 2, "email": "a@b.example", "company": {"id": "c1", "name": "B", "domain": "b.example"}}}]}`)
	f.Add(`{"id": "x", "created_at": "2026-11-01 10:00:00", "attendees": [{"person": {"id": 3, "email": "q@gmail.com"}}]}`)
	f.Add(`{"id": 1e3, "created_at": "1969-12-31T23:59:59Z", "attendees": [null, {"person": null}]}`)
	f.Add(`{"id": 7, "created_at": "2026-11-01T10:00:00Z", "completed_at": "2000-01-01T00:00:00Z", "name": "\u0000\u2028",
		"attendees": [{"person": {"id": 4, "email": "<>@@", "company": {"id": 5, "domain": "://..."}}}]}`)
	f.Fuzz(func(t *testing.T, js string) {
		var r callRow
		if json.Unmarshal([]byte(js), &r) != nil {
			return
		}
		rec, acct, ok := mapCall(&r)
		if !ok {
			return
		}
		checkRecord(t, rec, acct, "call_")
		if rec.Kind != domain.ActivityCall || rec.Signal != "" || rec.Score != nil {
			t.Errorf("call record %+v", rec)
		}
	})
}

func FuzzMapSignal(f *testing.F) {
	f.Add(`{"id": 9, "summary": "Rated us 9 out of 10", "types": [{"type": {"name": "NPS"}}], "created_at": "2026-11-01T10:00:00Z",
		"attendee": {"person": {"id": 2, "email": "a@b.example"}}}`)
	f.Add(`{"id": 9, "context": "CSV", "types": [{"type": {"name": "Feature Request"}}, {"type": null}], "created_at": "2026-11-01T10:00:00Z",
		"attendee": {"person": {"id": 1, "user": {"id": 3}, "email": "t@team.example"}},
		"call": {"id": 4, "attendees": [{"person": {"id": 5, "email": "z@yahoo.com"}}]}}`)
	f.Add(`{"id": "9", "summary": "score 10/10 nps 3", "types": [{"type": {"name": "nps"}}], "created_at": "2026-11-01T10:00:00.123456789+05:30"}`)
	f.Fuzz(func(t *testing.T, js string) {
		var r signalRow
		if json.Unmarshal([]byte(js), &r) != nil {
			return
		}
		rec, acct, ok := mapSignal(&r)
		if !ok {
			return
		}
		checkRecord(t, rec, acct, "signal_")
		if rec.Kind != domain.ActivitySignal || kindLabel[rec.Signal] == "" {
			t.Errorf("signal record %+v", rec)
		}
		if (rec.Score != nil) && (rec.Signal != domain.SignalNPS || *rec.Score < 0 || *rec.Score > 10) {
			t.Errorf("score %d on a %s", *rec.Score, rec.Signal)
		}
	})
}

// FuzzDecodeAnswer: any body decodes to data or a *domain.Error that is
// unauthorized or unavailable, and never carries the body's own text.
func FuzzDecodeAnswer(f *testing.F) {
	f.Add([]byte(`{"data": {"interview": [], "extraction": null}}`))
	f.Add([]byte(`{"errors": [{"message": "secret-text", "extensions": {"code": "access-denied"}}]}`))
	f.Add([]byte(`{"data": null, "errors": [{"message": "x", "extensions": {"code": "VALIDATION_FAILED"}}]}`))
	f.Add([]byte(`{"data": {"interview": [{"id": {}}]}}`))
	f.Add([]byte(`<html>502</html>`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		_, err := decodeAnswer[scanData](raw)
		if err == nil {
			return
		}
		if c := domain.ErrorCode(err); c != domain.EUnauthorized && c != domain.EUnavailable {
			t.Errorf("code %s: %v", c, err)
		}
		if msg := domain.ErrorMessage(err); strings.Contains(msg, "secret-text") {
			t.Errorf("the body's text reached the message: %q", msg)
		}
	})
}

// FuzzCursor: a cursor that parses renders back to itself.
func FuzzCursor(f *testing.F) {
	f.Add("next;w=1794049980000000000;f=1795608000")
	f.Add("calls:3;nc=6;ns=10;s=0;u=1794049980000000000;f=1795608000;t=18")
	f.Add("signals:0;nc=0;ns=2;s=17;u=18;f=1;t=2")
	f.Fuzz(func(t *testing.T, cur string) {
		p, err := parseCursor(cur)
		if err != nil || cur == "" {
			return
		}
		if got := p.String(); got != cur {
			p2, err := parseCursor(got)
			if err != nil || p2 != p {
				t.Errorf("%q parses to %+v, renders %q", cur, p, got)
			}
		}
	})
}
