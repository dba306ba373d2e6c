package store

import (
	"encoding/json"
	"testing"
	"time"

	"successdesk/backend/domain"
)

func marshalBoth(t testing.TB, fs []domain.RiskFactor, ms []domain.Missing) {
	t.Helper()
	want, wantErr := json.Marshal(fs)
	got, err := appendFactorsJSON(nil, fs)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("factors: err %v, encoding/json err %v", err, wantErr)
	}
	if err == nil && string(got) != string(want) {
		t.Fatalf("factors:\n got %s\nwant %s", got, want)
	}
	wantM, _ := json.Marshal(ms)
	if gotM := appendMissingJSON(nil, ms); string(gotM) != string(wantM) {
		t.Fatalf("missing:\n got %s\nwant %s", gotM, wantM)
	}
}

func TestFactorsJSONMatchesEncodingJSON(t *testing.T) {
	at := time.Date(2026, 10, 6, 15, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		fs   []domain.RiskFactor
		ms   []domain.Missing
	}{
		{"empty", []domain.RiskFactor{}, []domain.Missing{}},
		{"plain", []domain.RiskFactor{{Code: "nps_detractor", Category: domain.CategorySignals, Label: "Detractor NPS", Points: -12, Base: -8,
			Detail: "Newest NPS answer is 1.", Evidence: []domain.Evidence{{Kind: "signal", Ref: "bb_1", Label: "NPS 1", At: at}}}},
			[]domain.Missing{{Category: domain.CategoryAdoption, Reason: "No usage data"}}},
		{"no evidence", []domain.RiskFactor{{Code: "a", Points: 3}, {Code: "b", Points: -100, Base: 0}}, nil},
		{"markup and escapes", []domain.RiskFactor{{Code: "x", Label: `<script>alert("x")</script> & Co`,
			Detail: "tab\there\nnew \\ \b\f\r \x01\x1f", Evidence: []domain.Evidence{
				{Kind: "invoice", Ref: "in_\u2028\u2029", Label: "Ünïcødé 日本 😀", At: at.In(time.FixedZone("X", 3600))},
				{Kind: "usage", Ref: "bad \xff\xfe utf8", At: time.Time{}},
				{Kind: "usage", At: at.Add(123456789 * time.Nanosecond)},
			}}}, nil},
		{"year outside encoding/json's range", []domain.RiskFactor{{Code: "y", Evidence: []domain.Evidence{{At: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}}}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { marshalBoth(t, c.fs, c.ms) })
	}
}

// FuzzFactorsJSON holds the hand-written encoder to encoding/json's bytes
// for any text and numbers.
func FuzzFactorsJSON(f *testing.F) {
	f.Add("code", "label", "detail <b>&\"\\\n", "ref\u2028", "lbl\xff", int64(1_790_000_000), -12, 5)
	f.Fuzz(func(t *testing.T, code, label, detail, ref, elabel string, unix int64, points, base int) {
		at := time.Unix(unix%(400*365*86400), unix%1e9).UTC()
		fs := []domain.RiskFactor{{Code: code, Category: domain.Category(label), Label: label, Points: points, Base: base, Detail: detail,
			Evidence: []domain.Evidence{{Kind: code, Ref: ref, Label: elabel, At: at}}}, {Code: detail}}
		marshalBoth(t, fs, []domain.Missing{{Category: domain.Category(code), Reason: detail}})
	})
}

// BenchmarkFactorsJSON compares the hand-written encoder with
// encoding/json on a typical account's three factors and one missing input.
func BenchmarkFactorsJSON(b *testing.B) {
	at := time.Date(2026, 10, 6, 15, 0, 0, 0, time.UTC)
	fs := []domain.RiskFactor{
		{Code: "nps_detractor", Category: domain.CategorySignals, Label: "Detractor NPS", Points: -12, Base: -8,
			Detail: "Newest NPS answer is 1, given on 2026-10-06 (8 days ago).", Evidence: []domain.Evidence{{Kind: "signal", Ref: "bb_acct0000500.example_1", Label: "NPS 1: Signal from a call", At: at}}},
		{Code: "low_adoption", Category: domain.CategoryAdoption, Label: "Low adoption", Points: -9, Base: -6,
			Detail: "9 of 25 licensed users active in the week of 2026-10-12 (36%).", Evidence: []domain.Evidence{{Kind: "usage", Ref: "2026-10-12", Label: "9 of 25 licensed users active", At: at}}},
		{Code: "renewal_soon", Category: domain.CategoryRenewal, Label: "Renewal within 30 days", Points: -5, Base: -4,
			Detail: "Contract sb_123 renews on 2026-11-01 (18 days).", Evidence: []domain.Evidence{{Kind: "contract", Ref: "sb_123", Label: "Renews 2026-11-01", At: at}}},
	}
	ms := []domain.Missing{{Category: domain.CategoryPayment, Reason: "No invoices"}}
	b.Run("hand-written", func(b *testing.B) {
		buf := make([]byte, 0, 1024)
		for b.Loop() {
			var err error
			if buf, err = appendFactorsJSON(buf[:0], fs); err != nil {
				b.Fatal(err)
			}
			buf = appendMissingJSON(buf, ms)
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(fs); err != nil {
				b.Fatal(err)
			}
			if _, err := json.Marshal(ms); err != nil {
				b.Fatal(err)
			}
		}
	})
}
