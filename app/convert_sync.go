package app

import (
	"context"
	"slices"
	"strings"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// Sync trials phases, as ConvertPhaseEvent.Phase.
const (
	ConvertPhaseLoading       = "loading"
	ConvertPhaseChecking      = "checking"
	ConvertPhaseOrders        = "orders"
	ConvertPhaseSubscriptions = "subscriptions"
	ConvertPhaseTallying      = "tallying"
	ConvertPhaseDone          = "done"
)

// SyncTrials refreshes the queue, emitting EventConvertPhase as it goes:
//
//  1. "Loading…": the settings are read and the cached facts dropped;
//  2. "Checking sources…": which trial sources are connected;
//  3. "Fetching orders…": Salesbricks is synced, only when it is connected
//     and the settings include it;
//  4. "Fetching subscriptions…": Stripe likewise;
//  5. "Tallying…": the book is read again and the queue tallied;
//
// then a "done" event and a data-changed event ("convert"). In the demo
// book both sources count as connected and nothing is fetched (the demo
// book is never synced). A fetch that fails does not fail the call: it
// becomes a plain-words warning and the queue is tallied from what the
// book already has. The last-synced time is recorded only when every fetch
// succeeded. Errors: conflict while Sync trials runs; a store failure.
func (s *ConvertService) SyncTrials(SyncTrialsRequest) (SyncTrialsDTO, error) {
	if !s.syncing.TryLock() {
		return SyncTrialsDTO{}, domain.Errorf(domain.EConflict, "Sync trials is already running.")
	}
	defer s.syncing.Unlock()
	ctx := context.Background()
	ws := s.ws()
	out := SyncTrialsDTO{Phases: []string{}, Warnings: []string{}}
	seq := 0
	phase := func(id, label string) {
		seq++
		if id != ConvertPhaseDone {
			out.Phases = append(out.Phases, label)
		}
		ws.emit(EventConvertPhase, ConvertPhaseEvent{Phase: id, Label: label, Seq: seq})
	}
	defer phase(ConvertPhaseDone, "Done")

	phase(ConvertPhaseLoading, connector.PhaseLoading)
	cs, err := convertSettings(ctx, ws)
	if err != nil {
		return out, err
	}
	s.queue.forget(ws)

	phase(ConvertPhaseChecking, connector.PhaseChecking)
	connected, fetch, err := s.trialSources(ctx, ws)
	if err != nil {
		return out, err
	}
	fetched := 0
	for _, step := range []struct {
		src      domain.Source
		include  bool
		id, what string
		label    string
	}{
		{domain.SourceSalesbricks, cs.IncludeSalesbricks, ConvertPhaseOrders, "orders", connector.PhaseOrders},
		{domain.SourceStripe, cs.IncludeStripe, ConvertPhaseSubscriptions, "subscriptions", connector.PhaseSubscriptions},
	} {
		if !step.include || !slices.Contains(connected, step.src) {
			continue
		}
		phase(step.id, step.label)
		fetched++
		if fetch == nil {
			continue
		}
		if err := fetch(ctx, step.src); err != nil {
			out.Warnings = append(out.Warnings, convertFetchWarning(step.src, step.what, err))
		}
	}
	if fetched == 0 {
		out.Warnings = append(out.Warnings, "No included trial source is connected: connect Salesbricks or Stripe in Settings → Integrations. "+
			"The queue was tallied from what the book already had.")
	}

	phase(ConvertPhaseTallying, connector.PhaseTallying)
	t, err := s.queue.tally(ctx, ws, cs)
	if err != nil {
		return out, err
	}
	out.Candidates = len(t.cands)
	if len(out.Warnings) == 0 {
		if err := s.queue.writeSetting(ctx, ws, settingsKeyConvertSynced, ws.Now().UTC()); err != nil {
			return out, err
		}
	}
	out.LastSyncedAt = rfc(convertLastSynced(ctx, ws))
	out.Meta = s.meta(ctx, ws)
	ws.emit(EventDataChanged, map[string]string{"what": "convert"})
	return out, nil
}

// trialSources returns the trial sources connected to ws and how to fetch
// one (nil: nothing to fetch, as in the demo book).
func (s *ConvertService) trialSources(ctx context.Context, ws *Workspace) ([]domain.Source, func(context.Context, domain.Source) error, error) {
	if ws.Mode == ModeDemo {
		return []domain.Source{domain.SourceSalesbricks, domain.SourceStripe}, nil, nil
	}
	tf, ok := s.books.(trialFetcher)
	if !ok || tf.Live() != ws {
		return nil, nil, nil
	}
	srcs, err := tf.ConnectedSources(ctx)
	return srcs, tf.SyncSource, err
}

// convertFetchWarning says in plain words that src's records could not be fetched.
func convertFetchWarning(src domain.Source, what string, err error) string {
	msg := strings.TrimSpace(domain.ErrorMessage(err))
	if msg != "" && !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "!") && !strings.HasSuffix(msg, "?") {
		msg += "."
	}
	return "Could not fetch " + src.Label() + " " + what + ": " + msg + " The queue was tallied from the " + what +
		" already in the book."
}
