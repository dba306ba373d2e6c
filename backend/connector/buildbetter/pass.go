package buildbetter

import (
	"context"
	"slices"

	"successdesk/backend/connector"
)

// callsData and signalsData are the data of list answers. A root the
// query asked for and the answer lacks is nil: the answer is unreadable.
type callsData struct {
	Calls *[]callRow `json:"interview"`
}

type signalsData struct {
	Signals *[]signalRow `json:"extraction"`
}

type scanData struct {
	Calls   *[]callRow   `json:"interview"`
	Signals *[]signalRow `json:"extraction"`
}

// scanResult is what the scan of a window found.
type scanResult struct {
	accounts accountSet
	calls    int   // calls with a created_at in the window
	sigs     int   // signals with a created_at in the window
	until    int64 // the newest created_at, unix ns; 0 when the window is empty
	records  int   // activities the phases will deliver
}

// startPass begins the pass at pos (phaseNext): a full pass when none has
// run, when the watermark is unknown, or when the last began FullPassEvery
// ago or more; otherwise an incremental pass from the watermark less
// Overlap. Its page holds the accounts of the window; when the window
// names none, it is also the pass's last page.
func (c *Connector) startPass(ctx context.Context, pos position) (connector.Page, error) {
	now := c.now()
	p := position{full: pos.full}
	if pos.mark <= 0 || pos.full <= 0 || now.Sub(unixTime(pos.full)) >= FullPassEvery {
		p.full = now.Unix()
	} else {
		p.since = max(1, pos.mark-Overlap.Nanoseconds())
	}
	sc, err := c.scan(ctx, p.since)
	if err != nil {
		return connector.Page{}, err
	}
	page := connector.Page{Phase: PhaseAccounts, StartsFullPass: p.isFull()}
	keys := make([]string, 0, len(sc.accounts))
	for k := range sc.accounts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		page.Accounts = append(page.Accounts, sc.accounts[k])
	}
	p.until = max(sc.until, pos.mark)
	if len(page.Accounts) == 0 || sc.until <= p.since {
		return c.endPass(page, p), nil
	}
	p.until = sc.until
	p.calls, p.sigs, p.total = sc.calls, sc.sigs, len(page.Accounts)+sc.records
	p.phase = phaseCalls
	if p.calls == 0 {
		p.phase = phaseSignals
	}
	page.Total = p.total
	page.Next = p.String()
	return page, nil
}

// scan reads every call and signal created after since (all of them for
// 0), both tables in one request per round, ScanPageSize rows each, until
// a round returns no row for a table (a server may cap rows per request).
func (c *Connector) scan(ctx context.Context, since int64) (scanResult, error) {
	res := scanResult{accounts: accountSet{}}
	offCalls, offSigs := 0, 0
	callsDone, sigsDone := false, false
	for !callsDone || !sigsDone {
		var roots []listRoot
		if !callsDone {
			roots = append(roots, listRoot{tableCalls, callScanFields, window(since, 0), ScanPageSize, offCalls})
		}
		if !sigsDone {
			roots = append(roots, listRoot{tableSignals, signalScanFields, window(since, 0), ScanPageSize, offSigs})
		}
		q, vars := listQuery("Scan", roots...)
		d, err := run[scanData](ctx, c, q, vars)
		if err != nil {
			return scanResult{}, err
		}
		if !callsDone {
			if d.Calls == nil {
				return scanResult{}, unreadable()
			}
			for i := range *d.Calls {
				r := &(*d.Calls)[i]
				res.see(r.CreatedAt, &res.calls)
				if _, acct, ok := mapCall(r); ok {
					res.accounts.add(acct)
					res.records++
				}
			}
			offCalls += len(*d.Calls)
			callsDone = len(*d.Calls) == 0
		}
		if !sigsDone {
			if d.Signals == nil {
				return scanResult{}, unreadable()
			}
			for i := range *d.Signals {
				r := &(*d.Signals)[i]
				res.see(r.CreatedAt, &res.sigs)
				if _, acct, ok := mapSignal(r); ok {
					res.accounts.add(acct)
					res.records++
				}
			}
			offSigs += len(*d.Signals)
			sigsDone = len(*d.Signals) == 0
		}
	}
	return res, nil
}

// see counts a row with a created_at (rows without one fall outside every
// window of the phases) and moves until.
func (r *scanResult) see(created stamp, n *int) {
	if created.IsZero() {
		return
	}
	*n++
	r.until = max(r.until, created.UnixNano())
}

// continuePass returns the next page of the calls or signals phase at
// pos. Rows that map to nothing (team-only calls, types the app does not
// keep) are read past within the same call, so only the pass's last page
// can be empty.
func (c *Connector) continuePass(ctx context.Context, pos position) (connector.Page, error) {
	var page connector.Page
	for {
		lim := c.pageSize
		if pos.phase == phaseCalls {
			page.Phase = PhaseCalls
			lim = min(lim, pos.calls-pos.offset)
			q, vars := listQuery("Calls", listRoot{tableCalls, callFields, window(pos.since, pos.until), lim, pos.offset})
			d, err := run[callsData](ctx, c, q, vars)
			if err != nil {
				return connector.Page{}, err
			}
			if d.Calls == nil {
				return connector.Page{}, unreadable()
			}
			for i := range *d.Calls {
				if rec, _, ok := mapCall(&(*d.Calls)[i]); ok {
					page.Activities = append(page.Activities, rec)
				}
			}
			pos.offset += len(*d.Calls)
			if len(*d.Calls) == 0 || pos.offset >= pos.calls {
				pos.phase, pos.offset = phaseSignals, 0
			}
		} else {
			page.Phase = PhaseSignals
			lim = min(lim, pos.sigs-pos.offset)
			if lim <= 0 {
				return c.endPass(page, pos), nil
			}
			q, vars := listQuery("Signals", listRoot{tableSignals, signalFields, window(pos.since, pos.until), lim, pos.offset})
			d, err := run[signalsData](ctx, c, q, vars)
			if err != nil {
				return connector.Page{}, err
			}
			if d.Signals == nil {
				return connector.Page{}, unreadable()
			}
			for i := range *d.Signals {
				if rec, _, ok := mapSignal(&(*d.Signals)[i]); ok {
					page.Activities = append(page.Activities, rec)
				}
			}
			pos.offset += len(*d.Signals)
			if len(*d.Signals) == 0 || pos.offset >= pos.sigs {
				return c.endPass(page, pos), nil
			}
		}
		if pos.phase == phaseSignals && pos.offset == 0 && pos.sigs == 0 {
			return c.endPass(page, pos), nil
		}
		if page.Len() > 0 {
			page.Total = pos.total
			page.Next = pos.String()
			return page, nil
		}
	}
}

// endPass makes page the last of the pass at pos: Done, EndsFullPass for a
// full pass, and Next the start of the following pass from the watermark
// (the window's end; never older than the previous watermark).
func (c *Connector) endPass(page connector.Page, pos position) connector.Page {
	page.Done = true
	page.EndsFullPass = pos.isFull()
	page.Total = pos.total
	mark := pos.until
	if !pos.isFull() {
		mark = max(mark, pos.since+Overlap.Nanoseconds())
	}
	if mark > 0 && pos.full > 0 {
		page.Next = position{phase: phaseNext, mark: mark, full: pos.full}.String()
	}
	return page
}
