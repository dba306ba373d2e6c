package salesbricks

import (
	"bytes"
	"encoding/json"
	"strings"

	"successdesk/backend/domain"
)

// wireDeal is one order of GraphQL's companyOrders.
type wireDeal struct {
	ID         text            `json:"id"`
	Stage      text            `json:"stage"`
	OrderType  text            `json:"orderType"`
	CreatedAt  stamp           `json:"createdAt"`
	UpdatedAt  stamp           `json:"updatedAt"`
	ClosedAt   stamp           `json:"closedAt"`
	GrandTotal amount          `json:"grandTotal"`
	Metadata   json.RawMessage `json:"metadata"` // an object, or a string holding one
	Buyer      *struct {
		ID   text `json:"id"`
		Name text `json:"name"`
	} `json:"buyer"`
	Skus []struct {
		Quantity quantity `json:"quantity"`
		Sku      *struct {
			Name text `json:"name"`
		} `json:"sku"`
	} `json:"orderskuSet"`
	Currency   text `json:"currency"`   // not documented
	LostReason text `json:"lostReason"` // not documented
}

// DealStatusOf tells the status of an order stage (any case, "_", "-" or
// spaces): a stage naming LOST is lost; CLOSED, CLOSED_WON, WON, COMPLETE,
// COMPLETED, SIGNED, DOCUMENTS_SIGNED, ACTIVE, ENDED and TERMINATED are won
// (the order was signed: REST lists such orders as closed ones); every
// other stage (BUILDING, BUILDING_UPGRADE, awaiting a signature, ...) is
// open. Salesbricks publishes only BUILDING, BUILDING_UPGRADE and CLOSED.
func DealStatusOf(stage string) domain.DealStatus {
	w := word(stage)
	switch {
	case strings.Contains(w, "LOST"):
		return domain.DealLost
	}
	switch w {
	case "CLOSED", "CLOSED_WON", "WON", "COMPLETE", "COMPLETED", "SIGNED", "DOCUMENTS_SIGNED", "ACTIVE",
		"ENDED", "TERMINATED":
		return domain.DealWon
	}
	return domain.DealOpen
}

// lostReasonKeys are the metadata keys a lost reason may be kept under.
var lostReasonKeys = []string{"lost_reason", "closed_lost_reason", "lostReason", "closedLostReason",
	"loss_reason", "reason"}

// mapDeal maps an order to a deal. ok is false for an order without an id
// and for deleted orders (a stage naming DELETE).
func mapDeal(o wireDeal) (Deal, bool) {
	if o.ID == "" || strings.Contains(word(o.Stage.String()), "DELETE") {
		return Deal{}, false
	}
	meta := metadataOf(o.Metadata)
	d := Deal{
		ExternalID:  o.ID.String(),
		Stage:       stageWords(o.Stage.String()),
		Status:      DealStatusOf(o.Stage.String()),
		AmountMinor: clamp(o.GrandTotal.minor),
		Currency: firstString(currencyOf(o.Currency.String()), o.GrandTotal.currency,
			currencyOf(meta["currency"]), DefaultCurrency),
		UpdatedAt: firstTime(o.UpdatedAt.t, o.ClosedAt.t, o.CreatedAt.t),
		CreatedAt: o.CreatedAt.t,
	}
	buyer := ""
	if o.Buyer != nil {
		d.AccountKey, buyer = o.Buyer.ID.String(), o.Buyer.Name.String()
	}
	var skus []string
	for _, s := range o.Skus {
		if s.Sku != nil && s.Sku.Name != "" && !contains(skus, s.Sku.Name.String()) {
			skus = append(skus, s.Sku.Name.String())
		}
	}
	switch {
	case buyer != "" && len(skus) > 0:
		d.Name = buyer + " — " + strings.Join(skus, " + ")
	case buyer != "":
		d.Name = buyer
	case len(skus) > 0:
		d.Name = strings.Join(skus, " + ")
	default:
		d.Name = "Order " + d.ExternalID
	}
	if d.Status != domain.DealOpen {
		d.ClosedAt = o.ClosedAt.t
	}
	if d.Status == domain.DealLost {
		d.LostReason = o.LostReason.String()
		for _, k := range lostReasonKeys {
			if d.LostReason == "" {
				d.LostReason = strings.TrimSpace(meta[k])
			}
		}
	}
	return d, true
}

// metadataOf reads order metadata: a JSON object, or a string holding one
// (GraphQL sends it as a JSON string). Only string, number and boolean
// values are kept; anything unreadable gives an empty map.
func metadataOf(raw json.RawMessage) map[string]string {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return nil
		}
		raw = []byte(s)
	}
	var m map[string]text
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		if v != "" {
			out[k] = v.String()
		}
	}
	return out
}

// stageWords renders a stage word for people: "BUILDING_UPGRADE" →
// "Building upgrade".
func stageWords(s string) string {
	r := []rune(strings.ToLower(strings.ReplaceAll(word(s), "_", " ")))
	if len(r) == 0 {
		return ""
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
