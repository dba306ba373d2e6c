package stripe

import (
	"bytes"

	stripe "github.com/stripe/stripe-go/v76"
)

// This file decodes Stripe's list pages and events into stripe-go v76
// structs, filling only the fields the mapping in map.go reads, with a
// single pass over the body (see scanner). stripe-go's own decoding scans
// each byte of a nested object several times, which made it the cost of a
// sync; this decoder is held to it by FuzzDecode: whenever stripe-go
// decodes a body (with lower-case, non-repeated keys, as Stripe sends),
// this decoder decodes it too and the mapped records are the same.
// Unknown fields are skipped, so it accepts some bodies stripe-go refuses
// (a wrong type in a field the app never reads).

// listPage is a decoded list: its objects in order (nil for a JSON null)
// and has_more.
type listPage[T any] struct {
	Data    []*T
	HasMore bool
}

// decodeList decodes a list body whose data elements are decoded by elem
// (which receives the scanner at the element's first byte; a null element
// is left nil without calling it).
func decodeList[T any](body []byte, elem func(*scanner, **T)) (listPage[T], error) {
	var l listPage[T]
	s := &scanner{b: body}
	if s.peek() != '{' {
		s.fail(errSyntax)
	}
	s.object(func(k []byte) {
		switch string(k) {
		case "data":
			l.Data = l.Data[:0]
			s.array(func() {
				var v *T
				if !s.null() {
					elem(s, &v)
				}
				l.Data = append(l.Data, v)
			})
		case "has_more":
			l.HasMore = s.boolv()
		case "url":
			s.str()
		default:
			s.skip()
		}
	})
	s.end()
	return l, s.err
}

// expandable decodes a field Stripe sends as an id or as the expanded
// object, as stripe-go does: null clears it, a string sets only the id
// (taken verbatim from between the quotes, like stripe.ParseID), an object
// is decoded afresh by fields.
func expandable[T any](s *scanner, p **T, setID func(*T, string), fields func(*scanner, *T, []byte)) {
	switch s.peek() {
	case 'n':
		s.literal("null")
		*p = nil
	case '"':
		raw, _ := s.rawString()
		if s.err != nil {
			return
		}
		if *p == nil {
			*p = new(T)
		}
		setID(*p, string(raw))
	case '{':
		v := new(T)
		s.object(func(k []byte) { fields(s, v, k) })
		*p = v
	default:
		s.skip()
		s.fail(errType)
	}
}

func customerElem(s *scanner, p **stripe.Customer) {
	expandable(s, p, func(c *stripe.Customer, id string) { c.ID = id }, customerField)
}

func customerField(s *scanner, c *stripe.Customer, k []byte) {
	switch string(k) {
	case "id":
		c.ID = s.str()
	case "deleted":
		c.Deleted = s.boolv()
	case "livemode":
		c.Livemode = s.boolv()
	case "name":
		c.Name = s.str()
	case "email":
		c.Email = s.str()
	case "description":
		c.Description = s.str()
	case "metadata":
		c.Metadata = stringMap(s)
	default:
		s.skip()
	}
}

// nested decodes an object field into *p: null gives nil, an object fills
// *p (made when nil) through field, called once per key (field must read or
// skip the key's value), as encoding/json fills a pointer to a struct.
func nested[T any](s *scanner, p **T, field func(v *T, k []byte)) {
	if s.null() {
		*p = nil
		return
	}
	if *p == nil {
		*p = new(T)
	}
	v := *p
	s.object(func(k []byte) { field(v, k) })
}

// stringMap decodes a map[string]string: null gives nil, a null value "".
func stringMap(s *scanner) map[string]string {
	if s.null() {
		return nil
	}
	m := map[string]string{}
	s.object(func(k []byte) {
		if s.peek() != '"' && s.peek() != 'n' {
			s.skip()
			s.fail(errType)
			return
		}
		m[string(k)] = s.str()
	})
	return m
}

func subscriptionElem(s *scanner, p **stripe.Subscription) {
	expandable(s, p, func(v *stripe.Subscription, id string) { v.ID = id }, subscriptionField)
}

func subscriptionField(s *scanner, v *stripe.Subscription, k []byte) {
	switch string(k) {
	case "id":
		v.ID = s.str()
	case "customer":
		customerElem(s, &v.Customer)
	case "status":
		v.Status = stripe.SubscriptionStatus(s.str())
	case "currency":
		v.Currency = stripe.Currency(s.str())
	case "current_period_start":
		v.CurrentPeriodStart = s.int64v()
	case "current_period_end":
		v.CurrentPeriodEnd = s.int64v()
	case "trial_end":
		v.TrialEnd = s.int64v()
	case "cancel_at_period_end":
		v.CancelAtPeriodEnd = s.boolv()
	case "created":
		v.Created = s.int64v()
	case "start_date":
		v.StartDate = s.int64v()
	case "trial_start":
		v.TrialStart = s.int64v()
	case "canceled_at":
		v.CanceledAt = s.int64v()
	case "ended_at":
		v.EndedAt = s.int64v()
	case "cancellation_details":
		nested(s, &v.CancellationDetails, func(d *stripe.SubscriptionCancellationDetails, k []byte) {
			switch string(k) {
			case "reason":
				d.Reason = stripe.SubscriptionCancellationDetailsReason(s.str())
			case "feedback":
				d.Feedback = stripe.SubscriptionCancellationDetailsFeedback(s.str())
			case "comment":
				d.Comment = s.str()
			default:
				s.skip()
			}
		})
	case "discount":
		expandable(s, &v.Discount, func(d *stripe.Discount, id string) { d.ID = id }, discountField)
	case "items":
		nested(s, &v.Items, func(l *stripe.SubscriptionItemList, k []byte) {
			switch string(k) {
			case "data":
				l.Data = l.Data[:0]
				s.array(func() {
					var it *stripe.SubscriptionItem
					expandable(s, &it, func(x *stripe.SubscriptionItem, id string) { x.ID = id }, itemField)
					l.Data = append(l.Data, it)
				})
			case "has_more":
				l.HasMore = s.boolv()
			default:
				s.skip()
			}
		})
	default:
		s.skip()
	}
}

func discountField(s *scanner, d *stripe.Discount, k []byte) {
	switch string(k) {
	case "id":
		d.ID = s.str()
	case "end":
		d.End = s.int64v()
	case "coupon":
		expandable(s, &d.Coupon, func(c *stripe.Coupon, id string) { c.ID = id }, couponField)
	default:
		s.skip()
	}
}

func couponField(s *scanner, c *stripe.Coupon, k []byte) {
	switch string(k) {
	case "id":
		c.ID = s.str()
	case "percent_off":
		c.PercentOff = s.floatv()
	case "amount_off":
		c.AmountOff = s.int64v()
	case "currency":
		c.Currency = stripe.Currency(s.str())
	case "duration":
		c.Duration = stripe.CouponDuration(s.str())
	default:
		s.skip()
	}
}

func itemField(s *scanner, it *stripe.SubscriptionItem, k []byte) {
	switch string(k) {
	case "id":
		it.ID = s.str()
	case "quantity":
		it.Quantity = s.int64v()
	case "price":
		expandable(s, &it.Price, func(p *stripe.Price, id string) { p.ID = id }, priceField)
	case "plan":
		expandable(s, &it.Plan, func(p *stripe.Plan, id string) { p.ID = id }, planField)
	default:
		s.skip()
	}
}

func priceField(s *scanner, p *stripe.Price, k []byte) {
	switch string(k) {
	case "id":
		p.ID = s.str()
	case "currency":
		p.Currency = stripe.Currency(s.str())
	case "nickname":
		p.Nickname = s.str()
	case "unit_amount":
		p.UnitAmount = s.int64v()
	case "unit_amount_decimal":
		p.UnitAmountDecimal = s.quotedFloat()
	case "product":
		expandable(s, &p.Product, func(x *stripe.Product, id string) { x.ID = id }, func(s *scanner, x *stripe.Product, k []byte) {
			switch string(k) {
			case "id":
				x.ID = s.str()
			case "name":
				x.Name = s.str()
			default:
				s.skip()
			}
		})
	case "recurring":
		nested(s, &p.Recurring, func(r *stripe.PriceRecurring, k []byte) {
			switch string(k) {
			case "interval":
				r.Interval = stripe.PriceRecurringInterval(s.str())
			case "interval_count":
				r.IntervalCount = s.int64v()
			default:
				s.skip()
			}
		})
	default:
		s.skip()
	}
}

func planField(s *scanner, p *stripe.Plan, k []byte) {
	switch string(k) {
	case "id":
		p.ID = s.str()
	case "amount":
		p.Amount = s.int64v()
	case "interval":
		p.Interval = stripe.PlanInterval(s.str())
	case "interval_count":
		p.IntervalCount = s.int64v()
	case "nickname":
		p.Nickname = s.str()
	default:
		s.skip()
	}
}

func invoiceElem(s *scanner, p **stripe.Invoice) {
	expandable(s, p, func(v *stripe.Invoice, id string) { v.ID = id }, invoiceField)
}

func invoiceField(s *scanner, v *stripe.Invoice, k []byte) {
	switch string(k) {
	case "id":
		v.ID = s.str()
	case "customer":
		customerElem(s, &v.Customer)
	case "subscription":
		subscriptionElem(s, &v.Subscription)
	case "status":
		v.Status = stripe.InvoiceStatus(s.str())
	case "currency":
		v.Currency = stripe.Currency(s.str())
	case "amount_due":
		v.AmountDue = s.int64v()
	case "amount_paid":
		v.AmountPaid = s.int64v()
	case "attempt_count":
		v.AttemptCount = s.int64v()
	case "created":
		v.Created = s.int64v()
	case "due_date":
		v.DueDate = s.int64v()
	case "next_payment_attempt":
		v.NextPaymentAttempt = s.int64v()
	case "status_transitions":
		nested(s, &v.StatusTransitions, func(st *stripe.InvoiceStatusTransitions, k []byte) {
			switch string(k) {
			case "finalized_at":
				st.FinalizedAt = s.int64v()
			case "paid_at":
				st.PaidAt = s.int64v()
			case "voided_at":
				st.VoidedAt = s.int64v()
			case "marked_uncollectible_at":
				st.MarkedUncollectibleAt = s.int64v()
			default:
				s.skip()
			}
		})
	case "charge":
		expandable(s, &v.Charge, func(c *stripe.Charge, id string) { c.ID = id }, chargeField)
	default:
		s.skip()
	}
}

func chargeField(s *scanner, c *stripe.Charge, k []byte) {
	switch string(k) {
	case "id":
		c.ID = s.str()
	case "status":
		c.Status = stripe.ChargeStatus(s.str())
	case "created":
		c.Created = s.int64v()
	case "failure_message":
		c.FailureMessage = s.str()
	case "failure_code":
		c.FailureCode = s.str()
	default:
		s.skip()
	}
}

// event is an entry of the events list: its type, time and the raw object
// it carries (always a JSON object).
type event struct {
	ID      string
	Type    string
	Created int64
	Object  []byte
}

func eventElem(s *scanner, p **event) {
	if s.peek() != '{' {
		s.skip()
		s.fail(errType)
		return
	}
	e := &event{}
	s.object(func(k []byte) {
		switch string(k) {
		case "id":
			e.ID = s.str()
		case "type":
			e.Type = s.str()
		case "created":
			e.Created = s.int64v()
		case "data":
			if s.peek() != '{' {
				s.skip()
				s.fail(errType)
				return
			}
			s.object(func(k []byte) {
				if string(k) != "object" {
					s.skip()
					return
				}
				if s.peek() != '{' {
					s.skip()
					s.fail(errType)
					return
				}
				e.Object = bytes.Clone(s.raw())
			})
		default:
			s.skip()
		}
	})
	if e.Object == nil && s.err == nil {
		s.fail(errType) // stripe-go fails on an event without data.object
	}
	*p = e
}

// decodeObject decodes one object (an event's data.object, or a GET of
// one object) with elem.
func decodeObject[T any](body []byte, elem func(*scanner, **T)) (*T, error) {
	s := &scanner{b: body}
	var v *T
	if s.peek() != '{' {
		s.fail(errSyntax)
	}
	elem(s, &v)
	s.end()
	return v, s.err
}
