package store

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"successdesk/backend/domain"
)

var week0 = time.Date(2026, 8, 3, 0, 0, 0, 0, time.UTC)

func wk(n int) time.Time { return week0.AddDate(0, 0, 7*n) }

// TestUsageSeriesMigrationKeepsWeeks upgrades a version-6 book whose usage
// is a row per week and checks that every week survives, that the
// usage_weeks view lists them, and that the series cascades from accounts.
func TestUsageSeriesMigrationKeepsWeeks(t *testing.T) {
	ctx := context.Background()
	book := newOldBook(t, "0006_weekly.sql",
		`INSERT INTO accounts(id, name, created_at) VALUES (7, 'Hooli', '2026-01-01T00:00:00Z'), (8, 'Raviga', '2026-01-01T00:00:00Z')`,
		`INSERT INTO usage_weeks(account_id, week_start, active_users) VALUES
			(7, '2026-08-17T00:00:00Z', 30), (7, '2026-08-03T00:00:00Z', 10), (7, '2026-08-10T00:00:00Z', 20),
			(8, '2026-08-03T00:00:00Z', 0)`,
	)
	s := book.upgrade(t)
	got, err := s.Usage(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	want := []domain.UsageWeek{{AccountID: 7, WeekStart: wk(0), ActiveUsers: 10}, {AccountID: 7, WeekStart: wk(1), ActiveUsers: 20},
		{AccountID: 7, WeekStart: wk(2), ActiveUsers: 30}}
	if !equalWeeks(got, want) {
		t.Fatalf("usage of 7 = %+v, want %+v", got, want)
	}
	var rows, users int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*), sum(active_users) FROM usage_weeks`).Scan(&rows, &users); err != nil {
		t.Fatal(err)
	}
	if rows != 4 || users != 60 {
		t.Fatalf("usage_weeks view: %d rows, %d users; want 4, 60", rows, users)
	}
	if _, err := s.write.ExecContext(ctx, `DELETE FROM accounts WHERE id = 7`); err != nil {
		t.Fatal(err)
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM usage_series`).Scan(&rows); err != nil || rows != 1 {
		t.Fatalf("series after deleting an account: %d (err %v), want 1", rows, err)
	}
}

// TestReplaceUsageMerges checks the write contract: a week's count is
// replaced, other weeks stay, and a bad week writes nothing.
func TestReplaceUsageMerges(t *testing.T) {
	ctx := context.Background()
	s := openBook(t)
	a := domain.Account{Name: "Hooli", CreatedAt: week0}
	err := s.Write(ctx, func(tx *Tx) error {
		if err := tx.InsertAccount(ctx, &a); err != nil {
			return err
		}
		if err := tx.ReplaceUsage(ctx, a.ID, []domain.UsageWeek{{WeekStart: wk(1), ActiveUsers: 5}, {WeekStart: wk(0), ActiveUsers: 4}}); err != nil {
			return err
		}
		return tx.ReplaceUsageWeek(ctx, domain.UsageWeek{AccountID: a.ID, WeekStart: wk(1), ActiveUsers: 9})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []domain.UsageWeek{{AccountID: a.ID, WeekStart: wk(2), ActiveUsers: -1}, {AccountID: a.ID, ActiveUsers: 3}} {
		err := s.Write(ctx, func(tx *Tx) error {
			return tx.ReplaceUsage(ctx, a.ID, []domain.UsageWeek{{WeekStart: wk(0), ActiveUsers: 100}, bad})
		})
		if err == nil || !strings.Contains(err.Error(), "usage of account") {
			t.Fatalf("week %+v: err = %v, want a refusal", bad, err)
		}
	}
	got, err := s.Usage(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []domain.UsageWeek{{AccountID: a.ID, WeekStart: wk(0), ActiveUsers: 4}, {AccountID: a.ID, WeekStart: wk(1), ActiveUsers: 9}}
	if !equalWeeks(got, want) {
		t.Fatalf("usage = %+v, want %+v", got, want)
	}
	if got, err := s.Usage(ctx, a.ID+1); err != nil || len(got) != 0 {
		t.Fatalf("usage of an account without weeks = %+v, %v", got, err)
	}
}

func TestUnpackSeries(t *testing.T) {
	const k0, k1 = `"2026-08-03T00:00:00Z"`, `"2026-08-10T00:00:00Z"`
	for _, tc := range []struct {
		name, series string
		since        time.Time
		want         []int // active users, oldest week first; nil with wantErr
		wantErr      string
	}{
		{name: "compact", series: `{` + k1 + `:20,` + k0 + `:10}`, want: []int{10, 20}},
		{name: "empty", series: `{}`, want: []int{}},
		{name: "since", series: `{` + k0 + `:10,` + k1 + `:20}`, since: wk(1), want: []int{20}},
		{name: "spaced", series: "{ " + k0 + " : 10 ,\n" + k1 + ": 2e1 }", wantErr: "not a whole number"},
		{name: "spaced whole", series: "{ " + k0 + " : 10 ,\n" + k1 + ": 20 }", want: []int{10, 20}},
		{name: "escaped key", series: `{"2026-08-03T00:00:00\u005a":7}`, want: []int{7}},
		{name: "string count", series: `{` + k0 + `:"many"}`, wantErr: "not a number"},
		{name: "negative", series: `{` + k0 + `:-3}`, wantErr: "-3 active users"},
		{name: "float", series: `{` + k0 + `:1.5}`, wantErr: "not a whole number"},
		{name: "not a week", series: `{"x":1}`, wantErr: `"x" is not a week start`},
		{name: "twice", series: `{` + k0 + `:1,"2026-08-03T02:00:00+02:00":2}`, wantErr: "names the week of 2026-08-03 twice"},
		{name: "array", series: `[1,2]`, wantErr: "not a JSON object"},
		{name: "two values", series: `{} {}`, wantErr: "more than one JSON value"},
		{name: "truncated", series: `{` + k0 + `:1,`, wantErr: "not a JSON object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := []domain.UsageWeek{{AccountID: 1}}
			err := weekCache{}.unpackSeries(9, tc.series, tc.since, &out)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), "account 9") {
					t.Fatalf("err = %v, want one naming account 9 and %q", err, tc.wantErr)
				}
				if len(out) != 1 {
					t.Fatalf("a failed unpack left %d weeks", len(out)-1)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := []int{}
			for _, u := range out[1:] {
				if u.AccountID != 9 {
					t.Fatalf("week of account %d", u.AccountID)
				}
				got = append(got, u.ActiveUsers)
			}
			if len(got) != len(tc.want) || (len(got) > 0 && mustJSON(got) != mustJSON(tc.want)) {
				t.Fatalf("users = %v, want %v", got, tc.want)
			}
		})
	}
}

// FuzzUsageSeries checks the series reader against encoding/json: a series
// it accepts is a JSON object of week starts to whole counts, with the same
// pairs, and writing the weeks back gives the same weeks.
func FuzzUsageSeries(f *testing.F) {
	for _, s := range []string{`{}`, `{"2026-08-03T00:00:00Z":10,"2026-08-10T00:00:00Z":0}`, `{"2026-08-03T00:00:00Z":"1"}`,
		`{"a":1}`, `{ "2026-08-03T00:00:00Z" : 01 }`, `{"2026-08-03T00:00:00Z":-0}`, `{"2026-08-03T00:00:00Z":1,}`, `{"\"":1}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, series string) {
		var out []domain.UsageWeek
		if err := (weekCache{}).unpackSeries(1, series, time.Time{}, &out); err != nil {
			if len(out) != 0 {
				t.Fatalf("a failed unpack left %d weeks", len(out))
			}
			return
		}
		dec := json.NewDecoder(bytes.NewReader([]byte(series)))
		dec.UseNumber()
		var m map[string]json.Number
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("accepted %q, which encoding/json refuses: %v", series, err)
		}
		kept := 0 // weeks before year 1 fall before the zero since
		for key := range m {
			if !parseTS(key).Before(time.Time{}) {
				kept++
			}
		}
		if kept != len(out) {
			t.Fatalf("%q: %d weeks, encoding/json sees %d", series, len(out), kept)
		}
		for key, n := range m {
			at := parseTS(key)
			if at.Before(time.Time{}) {
				continue
			}
			v, err := n.Int64()
			found := false
			for _, u := range out {
				found = found || (u.WeekStart.Equal(at) && int64(u.ActiveUsers) == v && err == nil)
			}
			if !found {
				t.Fatalf("%q: week %q = %s is missing from %+v", series, key, n, out)
			}
		}
		enc, err := encodeUsage(1, out)
		if err != nil {
			t.Fatal(err)
		}
		var back []domain.UsageWeek
		if err := (weekCache{}).unpackSeries(1, enc, time.Time{}, &back); err != nil || !equalWeeks(back, out) {
			t.Fatalf("round trip of %q: %+v (err %v), want %+v", series, back, err, out)
		}
	})
}

func equalWeeks(a, b []domain.UsageWeek) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].AccountID != b[i].AccountID || !a[i].WeekStart.Equal(b[i].WeekStart) || a[i].ActiveUsers != b[i].ActiveUsers {
			return false
		}
	}
	return true
}
