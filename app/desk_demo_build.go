package app

import (
	"sync"

	"successdesk/backend/books"
)

// DemoBuildRequest asks how far the demo book's build has come.
type DemoBuildRequest struct{}

// DemoBuildDTO is how far the demo book's build has come, for the window
// that waits for it: accounts written, then score snapshots computed.
// Building with Accounts 0 means the book is being opened and it is not yet
// known whether it needs building. Failed says, in plain words, why the
// last build failed ("" when it did not).
type DemoBuildDTO struct {
	Building  bool   `json:"building"`
	Accounts  int    `json:"accounts"`
	Written   int    `json:"written"`
	Snapshots int    `json:"snapshots"`
	Scored    int    `json:"scored"`
	Failed    string `json:"failed"`
}

// demoBuild holds a build's progress under its own lock, so the window can
// read it while the build holds the desk's.
type demoBuild struct {
	mu  sync.Mutex
	now DemoBuildDTO
}

// start marks the book as being opened: Building with nothing counted yet
// (Accounts 0) until a build reports, so a window that asks early keeps
// asking rather than taking the book for ready.
func (b *demoBuild) start() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.now = DemoBuildDTO{Building: true}
}

// report is books.OpenDemo's progress callback.
func (b *demoBuild) report(p books.DemoProgress) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.now = DemoBuildDTO{Building: true, Accounts: p.Accounts, Written: p.Written, Snapshots: p.Snapshots, Scored: p.Scored}
}

// done ends a build (or an open that needed none): err nil clears a
// failure an earlier build left.
func (b *demoBuild) done(err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.now.Building = false
	b.now.Failed = ""
	if err != nil {
		b.now.Failed = "The demo book could not be built: " + UserMessage(err) + " Showing your live book."
	}
}

func (b *demoBuild) get() DemoBuildDTO {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.now
}

// DemoBuild says how far the demo book's build has come. It never waits
// for the build (see OpenDesk's DemoInBackground).
func (d *Desk) DemoBuild() DemoBuildDTO { return d.building.get() }
