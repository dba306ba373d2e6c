package app

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"successdesk/backend/convert"
	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// convertQueue caches, per book, the candidates' facts and the last tally.
// The facts are keyed by the store's data generation and the day (UTC), so
// new data or a new day reloads them; a route into or out of Convert (which
// leaves the data generation as it is) re-reads only the routes and the
// facts of newly routed accounts. The tally is keyed by the facts and the
// settings, so a settings change re-tallies in memory, without reading the
// book again. It is safe for concurrent use.
type convertQueue struct {
	mu    sync.Mutex
	books map[*Workspace]*convertBook
	loads int // full reads of a book's facts, for tests
}

// convertBook is one book's loaded facts and its last tally.
type convertBook struct {
	gen     int64 // the store generation the routes were read at
	dataGen int64 // the data generation the facts were read at
	day     time.Time
	facts   []convert.Facts
	keys    []string       // "rs:<record id>", or "acct:<account id>" without a record
	names   []string       // lower-case company names, for sorting
	text    []string       // lower-case name, domain and e-mail, for search
	byKey   map[string]int // key → index into facts
	tally   *convertTally
}

// maxConvertBooks bounds the books cached at once (the demo and the live book).
const maxConvertBooks = 2

// convertDay is midnight UTC of t's day: the moment a tally scores at.
func convertDay(t time.Time) time.Time { return t.UTC().Truncate(24 * time.Hour) }

// convertWindow is what a day's facts read: usage weeks of the last
// convert.UsageWeeks weeks and activity of today and the 13 days before.
func convertWindow(day time.Time) store.ConvertWindow {
	return store.ConvertWindow{UsageSince: domain.WeekStart(day).AddDate(0, 0, -7*(convert.UsageWeeks-1)),
		ActivitySince: day.AddDate(0, 0, -(convert.SignalDays - 1)), ActivityUntil: day.AddDate(0, 0, 1)}
}

// book returns ws's facts for its store's generation and today, loading
// them when the cache is stale. The caller holds q.mu.
func (q *convertQueue) book(ctx context.Context, ws *Workspace) (*convertBook, error) {
	gen, dataGen, day := ws.Store.Generation(), ws.Store.DataGeneration(), convertDay(ws.Now())
	old := q.books[ws]
	var b *convertBook
	switch {
	case old != nil && old.gen == gen && old.dataGen == dataGen && old.day.Equal(day):
		return old, nil
	case old != nil && old.dataGen == dataGen && old.day.Equal(day):
		nb, err := q.reroute(ctx, ws, old)
		if err != nil {
			return nil, err
		}
		b = nb
	default:
		facts, err := ws.Store.ConvertFacts(ctx, convertWindow(day))
		if err != nil {
			return nil, err
		}
		q.loads++
		b = newConvertBook(dataGen, day, facts)
	}
	b.gen = gen
	if q.books == nil {
		q.books = map[*Workspace]*convertBook{}
	}
	if _, ok := q.books[ws]; !ok && len(q.books) >= maxConvertBooks {
		clear(q.books)
	}
	q.books[ws] = b
	return b, nil
}

// newConvertBook indexes facts (in account id order, records by id).
func newConvertBook(dataGen int64, day time.Time, facts []convert.Facts) *convertBook {
	b := &convertBook{dataGen: dataGen, day: day, facts: facts, keys: make([]string, len(facts)),
		names: make([]string, len(facts)), text: make([]string, len(facts)), byKey: make(map[string]int, len(facts))}
	for i := range facts {
		f := &facts[i]
		if f.HasRecord() {
			b.keys[i] = "rs:" + strconv.FormatInt(f.Record.ID, 10)
		} else {
			b.keys[i] = "acct:" + strconv.FormatInt(f.Account.ID, 10)
		}
		b.names[i] = strings.ToLower(f.Account.Name)
		b.text[i] = b.names[i] + " " + strings.ToLower(f.Account.Domain) + " " + strings.ToLower(f.Account.PrimaryEmail)
		b.byKey[b.keys[i]] = i
	}
	return b
}

// reroute returns old with the routes into Convert read again: the same
// book when they did not change, else a new one in which each fact carries
// its account's route, record-less facts of accounts no longer routed are
// gone and newly routed accounts without a candidate record are read in.
func (q *convertQueue) reroute(ctx context.Context, ws *Workspace, old *convertBook) (*convertBook, error) {
	routes, err := ws.Store.ConvertRoutes(ctx)
	if err != nil {
		return nil, err
	}
	same, seen := true, 0
	for i := range old.facts {
		f := &old.facts[i]
		r := routes[f.Account.ID]
		if (r == nil) != (f.Route == nil) || r != nil && *r != *f.Route {
			same = false
			break
		}
		if r != nil && (i == 0 || old.facts[i-1].Account.ID != f.Account.ID) {
			seen++
		}
	}
	if same && seen == len(routes) {
		return old, nil
	}
	facts := make([]convert.Facts, 0, len(old.facts)+len(routes))
	have := make(map[int64]bool, len(routes))
	for _, f := range old.facts {
		r := routes[f.Account.ID]
		if r == nil && !f.HasRecord() {
			continue // routed only, and no longer routed
		}
		f.Route = r
		facts = append(facts, f)
		have[f.Account.ID] = true
	}
	var missing []int64
	for id := range routes {
		if !have[id] {
			missing = append(missing, id)
		}
	}
	extra, err := ws.Store.ConvertRoutedFacts(ctx, convertWindow(old.day), routes, missing)
	if err != nil {
		return nil, err
	}
	if len(extra) > 0 {
		facts = append(facts, extra...)
		slices.SortStableFunc(facts, func(a, b convert.Facts) int {
			if c := cmp.Compare(a.Account.ID, b.Account.ID); c != 0 {
				return c
			}
			return cmp.Compare(a.Record.ID, b.Record.ID)
		})
	}
	return newConvertBook(old.dataGen, old.day, facts), nil
}

// tally returns the queue of ws under settings s (normalized), scoring it
// again only when the facts or the settings changed.
func (q *convertQueue) tally(ctx context.Context, ws *Workspace, s convert.Settings) (*convertTally, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	b, err := q.book(ctx, ws)
	if err != nil {
		return nil, err
	}
	if t := b.tally; t != nil && t.settings.Equal(s) {
		return t, nil
	}
	t := newConvertTally(b, s, ws.Rates())
	b.tally = t
	return t, nil
}

// lookup returns ws's facts of candidate key (whether or not the settings
// keep it) and the book they belong to.
func (q *convertQueue) lookup(ctx context.Context, ws *Workspace, key string) (*convertBook, int, bool, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	b, err := q.book(ctx, ws)
	if err != nil {
		return nil, 0, false, err
	}
	i, ok := b.byKey[key]
	return b, i, ok, nil
}

// forget drops ws's cache, so the next read loads the book again.
func (q *convertQueue) forget(ws *Workspace) {
	q.mu.Lock()
	defer q.mu.Unlock()
	delete(q.books, ws)
}

// keep carries ws's cache across a write that changed no fact (a settings
// write): when the generation moved from before to after by that write
// alone, facts loaded at before are still current.
func (q *convertQueue) keep(ws *Workspace, before, after int64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if b := q.books[ws]; b != nil && b.gen == before && after == before+1 {
		b.gen = after
	}
}

// writeSetting stores v under key in ws's book, keeping the Convert cache
// across the write.
func (q *convertQueue) writeSetting(ctx context.Context, ws *Workspace, key string, v any) error {
	before := ws.Store.Generation()
	if err := ws.Store.Write(ctx, func(tx *store.Tx) error { return tx.PutSetting(ctx, key, v) }); err != nil {
		return err
	}
	q.keep(ws, before, ws.Store.Generation())
	return nil
}
