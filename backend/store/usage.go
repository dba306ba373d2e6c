package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"successdesk/backend/domain"
)

// An account's usage is stored as one series (migration 0007): a JSON
// object {"<week start, RFC 3339>": <active users>, ...} in usage_series.
// Writes merge weeks into it; the usage_weeks view lists it row by row.

const upsertUsage = `INSERT INTO usage_series(account_id, weeks) VALUES (?, ?)
	ON CONFLICT(account_id) DO UPDATE SET weeks = json_patch(weeks, excluded.weeks)`

// ReplaceUsageWeek stores the active-user count of one account-week,
// replacing the count stored for that week. A negative count or a zero
// week is refused.
func (t *Tx) ReplaceUsageWeek(ctx context.Context, u domain.UsageWeek) error {
	return t.ReplaceUsage(ctx, u.AccountID, []domain.UsageWeek{u})
}

// ReplaceUsage stores the active-user counts of several weeks of one
// account in one statement: each week's count replaces the one stored for
// that week, and other stored weeks stay. The weeks' AccountID fields are
// ignored. Nothing is written if a count is negative or a week is zero.
func (t *Tx) ReplaceUsage(ctx context.Context, accountID int64, weeks []domain.UsageWeek) error {
	if len(weeks) == 0 {
		return nil
	}
	series, err := encodeUsage(accountID, weeks)
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, upsertUsage, accountID, series)
	return err
}

// encodeUsage is the series object of weeks. Later weeks with the same
// start replace earlier ones, as in json_patch.
func encodeUsage(accountID int64, weeks []domain.UsageWeek) (string, error) {
	b := make([]byte, 0, 2+len(weeks)*28)
	b = append(b, '{')
	for i, u := range weeks {
		if u.WeekStart.IsZero() {
			return "", fmt.Errorf("usage of account %d: a week has no start date", accountID)
		}
		if u.ActiveUsers < 0 {
			return "", fmt.Errorf("usage of account %d: week of %s has %d active users, which is negative",
				accountID, u.WeekStart.Format(time.DateOnly), u.ActiveUsers)
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, ts(u.WeekStart)...) // RFC 3339: nothing to escape
		b = append(b, '"', ':')
		b = strconv.AppendInt(b, int64(u.ActiveUsers), 10)
	}
	return string(append(b, '}')), nil
}

// Usage returns an account's weekly active users, oldest week first.
func (s *Store) Usage(ctx context.Context, accountID int64) ([]domain.UsageWeek, error) {
	var series string
	err := s.read.QueryRowContext(ctx, `SELECT coalesce((SELECT weeks FROM usage_series WHERE account_id = ?), '{}')`,
		accountID).Scan(&series)
	if err != nil {
		return nil, err
	}
	var out []domain.UsageWeek
	return out, weekCache{}.unpackSeries(accountID, series, time.Time{}, &out)
}

// weekCache parses each distinct week-start text once: a book has millions
// of account-weeks but only a handful of distinct weeks in a window.
type weekCache map[string]time.Time

// parse is parseTS with each distinct text parsed once.
func (c weekCache) parse(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, ok := c[s]
	if !ok {
		t = parseTS(s)
		c[s] = t
	}
	return t
}

// unpackSeries appends to out the weeks of account's stored series that
// start on or after since, oldest first. SQLite writes the series compact
// ({"k":n,"k":n}), which is read here without a JSON decoder; any other
// spelling of a valid object is decoded by encoding/json. A series that is
// not an object of week starts to whole, non-negative counts, or that names
// a week twice, is an error naming the account, and out is left as it was.
func (c weekCache) unpackSeries(account int64, series string, since time.Time, out *[]domain.UsageWeek) error {
	start := len(*out)
	err := c.unpackCompact(account, series, since, out)
	if errors.Is(err, errNotCompact) {
		*out = (*out)[:start]
		err = c.unpackJSON(account, series, since, out)
	}
	if err == nil {
		ws := (*out)[start:]
		if !slices.IsSortedFunc(ws, byWeek) {
			slices.SortFunc(ws, byWeek)
		}
		for i := 1; i < len(ws); i++ {
			if ws[i].WeekStart.Equal(ws[i-1].WeekStart) {
				err = fmt.Errorf("names the week of %s twice", ws[i].WeekStart.Format(time.DateOnly))
				break
			}
		}
	}
	if err != nil {
		*out = (*out)[:start]
		return fmt.Errorf("the stored usage of account %d is malformed: %w", account, err)
	}
	return nil
}

func byWeek(a, b domain.UsageWeek) int { return a.WeekStart.Compare(b.WeekStart) }

// errNotCompact sends a series that is not in SQLite's compact spelling to
// the JSON decoder.
var errNotCompact = errors.New("not compact")

func (c weekCache) unpackCompact(account int64, s string, since time.Time, out *[]domain.UsageWeek) error {
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return errNotCompact
	}
	s = s[1 : len(s)-1]
	for s != "" {
		if s[0] != '"' {
			return errNotCompact
		}
		end := strings.IndexByte(s[1:], '"')
		if end < 0 || strings.IndexByte(s[1:1+end], '\\') >= 0 {
			return errNotCompact
		}
		key := s[1 : 1+end]
		s = s[2+end:]
		if s == "" || s[0] != ':' {
			return errNotCompact
		}
		num := s[1:]
		if comma := strings.IndexByte(num, ','); comma >= 0 {
			num, s = num[:comma], num[comma+1:]
			if s == "" {
				return errNotCompact
			}
		} else {
			s = ""
		}
		if !isJSONInt(num) {
			return errNotCompact // a float, a string or a literal
		}
		users, err := strconv.ParseInt(num, 10, 64)
		if err != nil {
			return fmt.Errorf("the week of %q has %s active users", key, num)
		}
		if err := c.add(account, key, users, since, out); err != nil {
			return err
		}
	}
	return nil
}

func (c weekCache) unpackJSON(account int64, s string, since time.Time, out *[]domain.UsageWeek) error {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil {
		return fmt.Errorf("it is not a JSON object")
	}
	if dec.More() {
		return fmt.Errorf("it holds more than one JSON value")
	}
	for key, v := range m {
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("the week of %q has %v active users, not a number", key, v)
		}
		users, err := n.Int64()
		if err != nil {
			return fmt.Errorf("the week of %q has %s active users, not a whole number", key, n)
		}
		if err := c.add(account, key, users, since, out); err != nil {
			return err
		}
	}
	return nil
}

// add appends the week that starts at key, if it is on or after since.
func (c weekCache) add(account int64, key string, users int64, since time.Time, out *[]domain.UsageWeek) error {
	wk := c.parse(key)
	if wk.IsZero() {
		return fmt.Errorf("%q is not a week start", key)
	}
	if users < 0 || users > int64(maxActiveUsers) {
		return fmt.Errorf("the week of %s has %d active users", wk.Format(time.DateOnly), users)
	}
	if !wk.Before(since) {
		*out = append(*out, domain.UsageWeek{AccountID: account, WeekStart: wk, ActiveUsers: int(users)})
	}
	return nil
}

// isJSONInt reports whether s is an integer as JSON spells one: an optional
// minus and digits, without leading zeros.
func isJSONInt(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// maxActiveUsers bounds a stored count so that it fits an int on every
// platform.
const maxActiveUsers = 1<<31 - 1
