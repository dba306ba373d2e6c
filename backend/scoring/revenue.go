package scoring

import (
	"successdesk/backend/domain"
)

// currencyTotal is the recurring revenue of one currency.
type currencyTotal struct {
	currency  string
	arr, mrr  int64
	baseMinor int64
}

// revenue sets h.ARR, h.MRRMinor and h.ARRBaseMinor from the recurring
// (active or past due) sources; trialing sources earn no ARR.
//
// ARR and MRR are in the account's main currency: the one with the largest
// ARR once converted to fx.Base (ties by currency code). ARRBaseMinor is every
// currency's ARR converted with fx.ToBase; a currency fx does not know
// converts at 1. With no recurring source, ARR is zero in the currency of the
// source whose term ends last, or in fx.Base when there is none.
func (e *eval) revenue(h *domain.HealthScore, fx domain.FXRates) {
	var totals []currencyTotal
	for _, r := range e.v.revenue {
		if !r.Status.Recurring() {
			continue
		}
		i := 0
		for i < len(totals) && totals[i].currency != r.Amount.Currency {
			i++
		}
		if i == len(totals) {
			totals = append(totals, currencyTotal{currency: r.Amount.Currency})
		}
		totals[i].arr += r.ARRMinor
		totals[i].mrr += r.MRRMinor
	}
	if len(totals) == 0 {
		cur := fx.Base
		if len(e.v.revenue) > 0 {
			cur = newestTerm(e.v.revenue).Amount.Currency
		}
		h.ARR = domain.Money{Currency: cur}
		return
	}
	main := 0
	for i := range totals {
		t := &totals[i]
		t.baseMinor, _ = fx.ToBase(domain.Money{AmountMinor: t.arr, Currency: t.currency})
		h.ARRBaseMinor += t.baseMinor
		m := totals[main]
		if t.baseMinor > m.baseMinor || (t.baseMinor == m.baseMinor && t.currency < m.currency) {
			main = i
		}
	}
	h.ARR = domain.Money{AmountMinor: totals[main].arr, Currency: totals[main].currency}
	h.MRRMinor = totals[main].mrr
}
