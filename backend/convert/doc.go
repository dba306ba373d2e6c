// Package convert holds the pure Convert model of Success Desk: which
// trials and open orders count as conversion candidates (Settings,
// Selector), how likely each one is to convert (Score, explained by signed
// factors like Health's), its likelihood tier, its estimated value and a
// suggested next step.
//
// Everything here is a pure function of its arguments: no I/O, no logging,
// no clock (the moment to score at is the now argument). The same inputs
// always give the same output, so explanations are golden-tested.
//
// # Candidates
//
// A candidate is one revenue record: a Stripe subscription or a Salesbricks
// order whose status is one of Settings.Statuses (trialing, pending,
// draft), from a source the settings include. It is left out when its
// account's domain (or, without one, its primary e-mail's domain) is
// excluded or is a free e-mail provider (ExcludeFreeMail), when the account
// already pays (an active or past-due record; ExcludePaying), or when its
// estimated value in the base currency is under MinValueMinor. An account
// routed to Convert is always in the queue, whatever the settings: with its
// candidate records, or, when it has none, as one row without a record.
//
// # Score
//
// score = clamp(0, 100, Σ points); the factors' points sum to the score
// before the clamp. The catalogue (see Catalogue) has five categories:
//
//   - seats (up to 30): current-week active users against the record's
//     seats, every point earned at 80% of seats (Health's high adoption);
//     without a seat count, 3 points per active user.
//   - usage (−10 to +20): the week-over-week trend (growing, at least 10%
//     up: +10; declining, more than 20% down: −10; steady in between: +5),
//     regular use (10 × the share of the last 4 weeks with
//     usage data that had active users, rounded half up) and no recent usage
//     (−10 when this week and last week are both zero).
//   - signals (−20 to +20): calls (+5 each, at most 10), e-mails (+2 each,
//     at most 6) and positive signals (+2 each, at most 4) of the last 14
//     days; escalations (−10), complaints (−5) and detractor NPS answers
//     (−5) together count at most −20.
//   - fit (−3 to +15): the estimated value (+1 to +7 by size in the base
//     currency), a company domain (+3) or a free e-mail address (−3), and a
//     pending order, awaiting signature (+5).
//   - urgency (−5 to +15): a trial ending soon while the team uses the
//     product (seats + usage ≥ 25 points: +15 within the urgency window, +10
//     within twice it, +5 within four times it), or within the window with
//     little use (seats + usage < 10 points: −5); a trial whose end has
//     passed (−5).
//
// The most that can be earned is 30 + 20 + 20 + 15 + 15 = 100.
//
// Usage weeks follow Health's rules: a week inside the span of the data
// without a row counts zero active users; the current week is the newest
// row when it is this week or last week, and this week (zero users)
// otherwise. For the trend, a week before the record's term starts counts
// zero users when it has no row: a trial in its first week has grown from
// nothing. Records and weeks dated after now are the caller's to leave
// out.
//
// Factors are ordered by the size of their points, largest first, gains
// before losses of the same size, then by code.
//
// # Value and tiers
//
// The estimated value is the record's ARR: for a trial, what it will bill
// in a year once it converts. Tiers are High at or above
// Settings.HighCutoff, Medium at or above MediumCutoff, and Low below.
package convert
