package store

import (
	"context"
	"slices"
	"time"

	"successdesk/backend/domain"
)

// An overdue notice is a feed event the store derives when it is read
// rather than one a source sent: an open invoice whose due date has passed
// (domain.Invoice.PastDue, the rule the past-due factor uses) shows in the
// account's payments as "Invoice … is overdue", dated by its due date. No
// source sends such an event (an invoice simply stays open), and a stored
// one would be wrong the day the invoice is paid; derived at read time it
// appears and disappears with the invoice. Failed invoices are left out:
// their failed attempts are already in the feed.

// overdueNotices returns the account's overdue notices as of asOf, newest
// first (due date descending, then external id). Each has a negative ID,
// minus its invoice's row id, so it never collides with a stored event's.
// A zero asOf or a kind filter without payments gives none.
func (s *Store) overdueNotices(ctx context.Context, accountID int64, kinds []domain.ActivityKind, asOf time.Time) ([]domain.Activity, error) {
	if asOf.IsZero() || len(kinds) > 0 && !slices.Contains(kinds, domain.ActivityPayment) {
		return nil, nil
	}
	rows, err := s.read.QueryContext(ctx, `SELECT id, source, external_id, amount_due_minor, amount_paid_minor, currency, due_at
		FROM invoices WHERE account_id = ? AND status = 'open' AND due_at <> '' AND due_at < ?
		ORDER BY due_at DESC, external_id DESC`, accountID, ts(asOf))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Activity
	for rows.Next() {
		var id, due, paid int64
		var src, ext, cur, at string
		if err := rows.Scan(&id, &src, &ext, &due, &paid, &cur, &at); err != nil {
			return nil, err
		}
		dueAt := parseTS(at)
		left := domain.Money{AmountMinor: max(due-paid, 0), Currency: cur}
		out = append(out, domain.Activity{ID: -id, AccountID: accountID, Source: domain.Source(src), ExternalID: ext,
			Kind: domain.ActivityPayment, OccurredAt: dueAt, Title: "Invoice " + ext + " is overdue",
			Body: left.Display() + " was due on " + domain.DayLabel(dueAt) + " and is unpaid."})
	}
	return out, rows.Err()
}

// mergeFeed returns positions [offset, offset+limit) of the feed that
// interleaves the stored events with notices (both newest first): a notice
// comes before the stored events of its own time and after newer ones.
// newer(i) is how many stored events matching the query are strictly newer
// than notices[i]; page(off, n) reads n stored events from position off.
func mergeFeed(notices []domain.Activity, offset, limit int, newer func(i int) (int, error),
	page func(off, n int) ([]domain.Activity, error)) ([]domain.Activity, error) {
	// The merged position of each notice: the notices before it plus the
	// stored events newer than it.
	pos := make([]int, len(notices))
	before := 0 // notices placed before offset
	for i := range notices {
		n, err := newer(i)
		if err != nil {
			return nil, err
		}
		pos[i] = i + n
		if pos[i] < offset {
			before++
		}
	}
	inWindow := 0
	for _, p := range pos {
		if p >= offset && p < offset+limit {
			inWindow++
		}
	}
	stored, err := page(offset-before, limit-inWindow)
	if err != nil {
		return nil, err
	}
	out := make([]domain.Activity, 0, limit)
	next := before // the first notice not yet placed
	for p := offset; p < offset+limit; p++ {
		switch {
		case next < len(notices) && pos[next] == p:
			out = append(out, notices[next])
			next++
		case len(stored) > 0:
			out = append(out, stored[0])
			stored = stored[1:]
		default:
			return out, nil
		}
	}
	return out, nil
}
