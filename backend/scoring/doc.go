// Package scoring holds the pure, explainable score models of Success Desk.
// It owns the health model (Health) and its factor catalogue (Catalogue).
//
// Everything here is a pure function of its arguments: no I/O, no logging, no
// clock (the moment to score at is the now argument) and no package state that
// changes. The same inputs always give the same output, so scores can be
// recomputed for any past moment and explanations can be golden-tested.
//
// # Health model
//
// score = clamp(0, 100, 100 + Σ points). Every factor has a base point value
// (see Catalogue) that is scaled by its category's weight:
//
//	points = round(base × weight/defaultWeight × spread)
//
// where defaultWeight is the category's weight in
// domain.DefaultHealthSettings and spread = (sum of all weights) / (sum of
// the weights of the present categories). A category is missing when its
// input does not exist at all (no usage weeks; no contracts or subscriptions;
// no invoices and no revenue sources); it is listed in HealthScore.Missing and
// its weight is spread over the present categories, so an account is never
// rewarded or punished for a source that is not connected. Signals are never
// missing: no signal is a neutral fact. A factor whose scaled points round to
// zero is dropped, so a weight of 0 removes its category from the score.
// Weights below zero count as zero. HealthScore.Missing lists exactly the
// absent categories. A gap inside a present category is not a Missing entry:
// unknown licensed seats show as LicensedUsers 0, and the adoption-ratio
// factors are then skipped while no_active_users and usage_declining still
// apply.
//
// Each factor keeps its Base (the points before weighting, after the signals
// cap) so Reweight can preview other weights without the facts.
//
// # As of now
//
// Records dated after now are ignored: usage weeks starting after now,
// invoices issued after now, signals that occurred after now, revenue sources
// whose term starts after now, and payment failures after now. An invoice
// paid after now counts as unpaid. Statuses that carry no date (a
// subscription's current status) are taken as they are, so a history score is
// only as exact as the stored records allow.
//
// A Stripe subscription that bills a Salesbricks contract (the same
// product, see reconcile.Link) is one plan, not two: the contract stands for
// it, unless the contract has stopped while the subscription still runs.
//
// # Usage weeks
//
// A week with no usage row inside the span of the data counts as zero active
// users (PostHog reports no row for a week without events). The current week
// is the newest row that starts at or before now when it is this week or
// last week (so a connector that writes only finished weeks is not read as a
// drop to zero); otherwise the current week is this week, with zero users.
//
// Thresholds the catalogue leaves open: decline needs a 3-week average of at
// least 3 users (so 2 → 1 users is not a trend); escalations and complaints
// together count at most −20 base points; a canceled source counts only when
// no source still runs (a plan switch is not churn); renewal pressure uses
// calendar days (UTC), so a term ending today is "within 7 days".
//
// Factors are sorted by points ascending (the most harmful first), ties by
// code. Details are plain sentences with the numbers used; evidence names the
// records (invoice, usage weeks, signal, contract) by external id.
//
// Details and evidence hold dates ("ends Dec 17, 2026"), never how far they
// are from now ("in 20 days"): an explanation stays true however late it is
// read, and a score whose facts and points did not move explains itself in
// the same words the next day, so a daily recompute stores nothing new for
// it. The window adds "in 20 days" beside the dates when it shows them.
package scoring
