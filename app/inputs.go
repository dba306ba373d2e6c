package app

import (
	"context"
	"fmt"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// Input states: how current one source's data in the live book is.
const (
	InputNotConnected = "not_connected"
	InputNeverSynced  = "never" // connected, no sync has finished yet
	InputCurrent      = "current"
	InputStale        = "stale"     // the last success is older than staleAfter
	InputFailing      = "failing"   // the last run failed; it retries
	InputReconnect    = "reconnect" // the source refused its key
)

// InputState is how current one source's data is, in plain words.
type InputState struct {
	Source        domain.Source
	State         string // one of the Input* constants
	LastSuccessAt time.Time
	Detail        string
}

// Unreliable reports whether scores built on this source's data may be off:
// the data is old, or the source is failing.
func (s InputState) Unreliable() bool {
	return s.State == InputStale || s.State == InputFailing || s.State == InputReconnect
}

// staleAfter is how old a connected source's last success may be before
// its data counts as stale: three scheduled runs, and never under 6 hours.
func staleAfter(interval time.Duration) time.Duration { return max(3*interval, 6*time.Hour) }

// Inputs implements SourceStatus: every source's input state.
func (d *Desk) Inputs(ctx context.Context) map[domain.Source]InputState {
	out := map[domain.Source]InputState{}
	views, err := d.SourceViews(ctx)
	if err != nil {
		return out
	}
	now, limit := d.opts.Now(), staleAfter(d.SyncInterval(ctx))
	for _, v := range views {
		out[v.Info.Source] = inputState(v, now, limit)
	}
	return out
}

// inputState judges one source at now.
func inputState(v SourceView, now time.Time, limit time.Duration) InputState {
	src := v.Info.Source
	in := InputState{Source: src, State: InputNotConnected, Detail: src.Label() + " is not connected."}
	if v.Connection == nil {
		return in
	}
	st := v.State
	if st != nil {
		in.LastSuccessAt = st.LastSuccessAt
	}
	switch {
	case st != nil && st.Status == store.SyncReconnect:
		in.State, in.Detail = InputReconnect, src.Label()+" refused its key: reconnect it in Settings. Its data is from "+
			sinceText(st.LastSuccessAt, now)+"."
	case st != nil && st.Status == store.SyncFailed:
		in.State, in.Detail = InputFailing, fmt.Sprintf("The last %s sync failed (%s). Its data is from %s.",
			src.Label(), st.LastError, sinceText(st.LastSuccessAt, now))
	case st == nil || st.LastSuccessAt.IsZero():
		in.State, in.Detail = InputNeverSynced, src.Label()+" is connected and has not finished a sync yet."
	case now.Sub(st.LastSuccessAt) > limit:
		in.State, in.Detail = InputStale, src.Label()+" last synced "+sinceText(st.LastSuccessAt, now)+"."
	default:
		in.State, in.Detail = InputCurrent, src.Label()+" synced "+sinceText(st.LastSuccessAt, now)+"."
	}
	return in
}

// sinceText says how long ago t was, in plain words ("never" for zero).
func sinceText(t, now time.Time) string {
	if t.IsZero() {
		return "before any sync finished"
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute") + " ago"
	case d < 48*time.Hour:
		return plural(int(d/time.Hour), "hour") + " ago"
	}
	return plural(int(d/(24*time.Hour)), "day") + " ago"
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// categorySources are the sources each Health category reads.
var categorySources = map[domain.Category][]domain.Source{
	domain.CategoryAdoption: {domain.SourcePostHog},
	domain.CategoryPayment:  {domain.SourceStripe},
	domain.CategoryRenewal:  {domain.SourceSalesbricks, domain.SourceStripe},
	domain.CategorySignals:  {domain.SourceBuildBetter},
}

// InputFlagDTO marks a Health row whose score reads data that may be off.
type InputFlagDTO struct {
	Category string `json:"category"`
	Source   string `json:"source"`
	State    string `json:"state"` // stale | failing | reconnect
	Detail   string `json:"detail"`
}

// inputFlags returns the flags for a row scored from the given categories
// (its factors and its missing inputs), one per unreliable source, in
// category order.
func inputFlags(inputs map[domain.Source]InputState, cats map[domain.Category]bool) []InputFlagDTO {
	out := []InputFlagDTO{}
	seen := map[domain.Source]bool{}
	for _, c := range domain.Categories {
		if !cats[c] {
			continue
		}
		for _, src := range categorySources[c] {
			in, ok := inputs[src]
			if !ok || !in.Unreliable() || seen[src] {
				continue
			}
			seen[src] = true
			out = append(out, InputFlagDTO{Category: string(c), Source: string(src), State: in.State, Detail: in.Detail})
		}
	}
	return out
}
