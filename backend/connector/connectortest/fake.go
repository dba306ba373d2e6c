package connectortest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// FakeConnector serves a fixed list of pages. Page n (1-based) is served for
// cursor CursorFor(n): "" for page 1, "page-n" after it. NewFake fills in
// each page's Next and Done: every page but the last points at the next one;
// the last is Done with Next "" (so the following run is a full pass).
//
// Faults are one-shot: FailAt and BlockAt affect only the next fetch of that
// page, so a second run succeeds. It is safe for concurrent use.
type FakeConnector struct {
	source domain.Source
	pages  []connector.Page

	mu       sync.Mutex
	calls    []connector.Cursor
	faults   map[int]fault
	fullPass bool
	// OnFetch, if set, runs at the start of each Fetch with the page number
	// asked for (before faults), e.g. to inspect the store between pages.
	OnFetch func(page int)
}

type fault struct {
	err   error
	block bool
}

// NewFake returns a FakeConnector for source serving pages.
func NewFake(source domain.Source, pages ...connector.Page) *FakeConnector {
	ps := make([]connector.Page, len(pages))
	copy(ps, pages)
	for i := range ps {
		ps[i].Done = i == len(ps)-1
		ps[i].Next = ""
		if !ps[i].Done {
			ps[i].Next = CursorFor(i + 2)
		}
	}
	return &FakeConnector{source: source, pages: ps, faults: map[int]fault{}}
}

// CursorFor is the cursor at which the fake serves page n (1-based).
func CursorFor(n int) connector.Cursor {
	if n <= 1 {
		return ""
	}
	return "page-" + strconv.Itoa(n)
}

// MarkFullPass makes the fake's pages a full pass (see
// connector.Page.StartsFullPass): page 1 starts it and the last page ends
// it, so a sink sweeps what the pages did not deliver. SetPages replaces
// the pages, keeping the mark.
func (f *FakeConnector) MarkFullPass() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fullPass = true
	f.markLocked()
}

// SetPages replaces the pages served (their Next and Done are filled in as
// by NewFake), for a second run that sees a changed source.
func (f *FakeConnector) SetPages(pages ...connector.Page) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pages = NewFake(f.source, pages...).pages
	f.markLocked()
}

func (f *FakeConnector) markLocked() {
	for i := range f.pages {
		f.pages[i].StartsFullPass = f.fullPass && i == 0
		f.pages[i].EndsFullPass = f.fullPass && i == len(f.pages)-1
	}
}

// FailAt makes the next fetch of page n return err.
func (f *FakeConnector) FailAt(n int, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults[n] = fault{err: err}
}

// BlockAt makes the next fetch of page n block until its context ends, then
// return the context's error (a request hanging when the user cancels).
func (f *FakeConnector) BlockAt(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults[n] = fault{block: true}
}

// Calls returns the cursors Fetch was called with, in order.
func (f *FakeConnector) Calls() []connector.Cursor {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]connector.Cursor(nil), f.calls...)
}

// Source is the source given to NewFake.
func (f *FakeConnector) Source() domain.Source { return f.source }

// Fetch returns the page for cursor, or the injected fault. An unknown
// cursor is an EInvalid error; an ended ctx gives ctx.Err().
func (f *FakeConnector) Fetch(ctx context.Context, cursor connector.Cursor) (connector.Page, error) {
	if err := ctx.Err(); err != nil {
		return connector.Page{}, err
	}
	n, err := pageOf(cursor)
	f.mu.Lock()
	f.calls = append(f.calls, cursor)
	flt, hasFault := f.faults[n]
	delete(f.faults, n)
	hook := f.OnFetch
	var page connector.Page
	if err == nil && n <= len(f.pages) {
		page = f.pages[n-1]
	}
	pages := len(f.pages)
	f.mu.Unlock()
	if err != nil || n > pages {
		return connector.Page{}, domain.Errorf(domain.EInvalid, "The fake has no page at cursor %q.", cursor)
	}
	if hook != nil {
		hook(n)
	}
	if hasFault {
		if flt.block {
			<-ctx.Done()
			return connector.Page{}, ctx.Err()
		}
		return connector.Page{}, flt.err
	}
	return page, nil
}

func pageOf(c connector.Cursor) (int, error) {
	if c == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(strings.TrimPrefix(c, "page-"))
	if err != nil || !strings.HasPrefix(c, "page-") || n < 2 {
		return 0, fmt.Errorf("bad cursor %q", c)
	}
	return n, nil
}

var _ connector.Connector = (*FakeConnector)(nil)
