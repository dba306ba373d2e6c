package syncer

import (
	"context"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// This file is the fetch pipeline of one source's run: a fetcher running
// ahead of the writer, and the batches the writer takes from it.

// DefaultBatchPages is Options.BatchPages when it is left zero: with
// Stripe's 100 objects a page, a transaction writes at most 6,400, about a
// seventh of a second of writing at the measured ingest rate. That is how
// long another write may wait for the sync's, and how much a kill mid-run
// makes the next run fetch again. Fewer, larger commits write less log:
// each commit writes every page it changed, and the index pages a sync
// touches change in every commit.
const DefaultBatchPages = 64

// fetched is the outcome of one Fetch: the page or the error.
type fetched struct {
	page connector.Page
	err  error
}

// fetchAhead runs c.Fetch from cur in a goroutine, page after page, with up
// to depth results waiting on the returned channel. It stops after the last
// page (Done or empty), after an error, or once ctx ends (its error is the
// final result), and then closes the channel. A page whose Next is the
// cursor it was fetched from (a source repeating itself) is sent as an
// error instead. The reader must read until the channel is closed,
// canceling ctx first if it stops early, so that the goroutine ends.
func fetchAhead(ctx context.Context, c connector.Connector, cur connector.Cursor, depth int) <-chan fetched {
	ch := make(chan fetched, depth)
	go func() {
		defer close(ch)
		for {
			if err := ctx.Err(); err != nil {
				ch <- fetched{err: err}
				return
			}
			p, err := c.Fetch(ctx, cur)
			if err == nil && !p.Done && p.Len() > 0 && p.Next == cur {
				p, err = connector.Page{}, domain.Errorf(domain.EInternal, "%s returned the same page twice.", c.Source().Label())
			}
			ch <- fetched{page: p, err: err}
			if err != nil || p.Done || p.Len() == 0 {
				return
			}
			cur = p.Next
		}
	}()
	return ch
}

// nextBatch waits for the next fetched page, then takes the pages already
// waiting behind it, up to limit in all, stopping after the last page. It
// returns them with whether the last page of the run is among them, or
// with the error that ended the fetching (after the pages fetched before
// it).
func nextBatch(ahead <-chan fetched, limit int) ([]connector.Page, bool, error) {
	var batch []connector.Page
	take := func(f fetched) (bool, error) {
		if f.err != nil {
			return false, f.err
		}
		batch = append(batch, f.page)
		return f.page.Done || f.page.Len() == 0, nil
	}
	f, ok := <-ahead
	for {
		if !ok { // the fetcher always ends with the last page or an error
			return batch, false, domain.Errorf(domain.EInternal, "Internal error.")
		}
		if last, err := take(f); last || err != nil {
			return batch, last, err
		}
		if len(batch) >= limit {
			return batch, false, nil
		}
		select {
		case f, ok = <-ahead:
		default:
			return batch, false, nil
		}
	}
}
