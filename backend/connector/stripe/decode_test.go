package stripe

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"

	stripe "github.com/stripe/stripe-go/v76"

	"successdesk/backend/connector/stripe/stripefake"
)

// stripeShaped reports whether js is one JSON document whose object keys
// are all lower-case snake_case and unique within their object: the shape
// Stripe sends, on which this package's decoder must agree with
// encoding/json (which also matches keys case-insensitively and merges
// repeated ones).
func stripeShaped(js []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(js))
	type frame struct {
		obj, key bool
		keys     map[string]bool
	}
	var st []*frame
	valueDone := func() {
		if n := len(st); n > 0 && st[n-1].obj {
			st[n-1].key = true
		}
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
		if n := len(st); n > 0 && st[n-1].obj && st[n-1].key {
			if tok == json.Delim('}') {
				st = st[:n-1]
				valueDone()
				continue
			}
			k, _ := tok.(string)
			if k == "" || st[n-1].keys[k] {
				return false
			}
			for _, c := range []byte(k) {
				if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
					return false
				}
			}
			st[n-1].keys[k], st[n-1].key = true, false
			continue
		}
		switch tok {
		case json.Delim('{'):
			st = append(st, &frame{obj: true, key: true, keys: map[string]bool{}})
		case json.Delim('['):
			st = append(st, &frame{})
		case json.Delim(']'):
			st = st[:len(st)-1]
			valueDone()
		default:
			valueDone()
		}
	}
}

// agree checks, for a list body of kind (0 customers, 1 subscriptions,
// 2 invoices, 3 events), that whenever stripe-go decodes it, this
// package's decoder does too and the records mapped from both are equal.
// It reports whether the two were compared (stripe-go decoded a
// Stripe-shaped body).
func agree(t *testing.T, kind int, body []byte) bool {
	t.Helper()
	shaped := bytes.HasPrefix(bytes.TrimLeft(body, " \t\r\n"), []byte("{")) && stripeShaped(body)
	switch kind % 4 {
	case 0:
		var l stripe.CustomerList
		return agreeList(t, body, shaped, json.Unmarshal(body, &l), l.HasMore, l.Data, customerElem, func(c *stripe.Customer) any {
			r, ok := MapCustomer(c)
			return []any{c.ID, r, ok}
		})
	case 1:
		var l stripe.SubscriptionList
		return agreeList(t, body, shaped, json.Unmarshal(body, &l), l.HasMore, l.Data, subscriptionElem, func(s *stripe.Subscription) any {
			r, ok := MapSubscription(s)
			return []any{s.ID, r, ok, SubscriptionEvents(s, r)}
		})
	case 2:
		var l stripe.InvoiceList
		return agreeList(t, body, shaped, json.Unmarshal(body, &l), l.HasMore, l.Data, invoiceElem, func(in *stripe.Invoice) any {
			r, act, ok := MapInvoice(in)
			return []any{in.ID, r, act, ok}
		})
	default:
		var l stripe.EventList
		err := json.Unmarshal(body, &l)
		for _, e := range l.Data {
			if e != nil && (e.Data == nil || !bytes.HasPrefix(bytes.TrimLeft(e.Data.Raw, " \t\r\n"), []byte("{"))) {
				shaped = false // the app needs every event's object
			}
		}
		mine, merr := decodeList(body, eventElem)
		if err != nil || !shaped {
			return false
		}
		if merr != nil || mine.HasMore != l.HasMore || len(mine.Data) != len(l.Data) {
			t.Fatalf("events: stripe-go read %d (more %v), this decoder %d (more %v), %v", len(l.Data), l.HasMore, len(mine.Data), mine.HasMore, merr)
		}
		for i, e := range l.Data {
			m := mine.Data[i]
			if (e == nil) != (m == nil) || e != nil && (e.ID != m.ID || string(e.Type) != m.Type || e.Created != m.Created ||
				!bytes.Equal(e.Data.Raw, m.Object)) {
				t.Fatalf("event %d: stripe-go %+v, this decoder %+v", i, e, m)
			}
		}
		return true
	}
}

func agreeList[T any](t *testing.T, body []byte, shaped bool, err error, more bool, theirs []*T,
	elem func(*scanner, **T), mapped func(*T) any) bool {
	t.Helper()
	mine, merr := decodeList(body, elem) // runs on every input: it must never panic
	if err != nil || !shaped {
		return false
	}
	if merr != nil || mine.HasMore != more || len(mine.Data) != len(theirs) {
		t.Fatalf("stripe-go read %d (more %v), this decoder %d (more %v), %v", len(theirs), more, len(mine.Data), mine.HasMore, merr)
	}
	for i, v := range theirs {
		m := mine.Data[i]
		if (v == nil) != (m == nil) {
			t.Fatalf("element %d: nil mismatch", i)
		}
		if v != nil && !reflect.DeepEqual(mapped(v), mapped(m)) {
			t.Fatalf("element %d:\nstripe-go    %+v\nthis decoder %+v", i, mapped(v), mapped(m))
		}
	}
	return true
}

// fakePages are real pages of a small generated book, one per list kind.
func fakePages(t testing.TB, limit int) [4][]byte {
	f := stripefake.New(stripefake.Options{Subscriptions: 40, Now: func() time.Time { return now0 }})
	var out [4][]byte
	for i, path := range []string{"/v1/customers?limit=" + fmt.Sprint(limit), "/v1/subscriptions?status=all&limit=" + fmt.Sprint(limit),
		"/v1/invoices?expand[0]=data.charge&limit=" + fmt.Sprint(limit), "/v1/events?limit=" + fmt.Sprint(limit)} {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Authorization", "Bearer "+stripefake.DefaultKey)
		rec := httptest.NewRecorder()
		f.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
		}
		out[i] = rec.Body.Bytes()
	}
	return out
}

func TestDecodeAgreesWithStripeGo(t *testing.T) {
	for kind, body := range fakePages(t, 20) {
		if !agree(t, kind, body) {
			t.Fatalf("the fake's page %d was not compared: stripe-go refused it or it is not Stripe-shaped", kind)
		}
	}
	for _, c := range []struct {
		kind int
		body string
	}{
		{0, `{"data":["cus_1",null,{"id":"cus_\u0032","name":"A\u00e9\ud83d\ude00","email":"x@y.io","metadata":{"domain":"y.io","n":null}}],"has_more":true}`},
		{1, `{"data":[{"id":"s","customer":{"id":"c"},"status":"active","items":{"data":[{"plan":{"amount":5,"interval":"year","interval_count":2},"quantity":3},null,"si_1"]}}]}`},
		{1, `{"data":[{"id":"s","customer":"c","status":"canceled","items":{"data":[{"price":{"unit_amount_decimal":"-Inf","recurring":null,"product":{"id":"p","name":"N"}},"quantity":2}]}}]}`},
		{1, `{"data":[{"id":"s","customer":"c","status":"active","currency":"usd","current_period_start":4,"discount":{"id":"di","end":9,"coupon":{"id":"co","percent_off":12.5,"amount_off":null,"duration":"repeating"}},"items":{"data":[{"price":{"unit_amount":999,"recurring":{"interval":"week","interval_count":1}},"quantity":2}]}}]}`},
		{1, `{"data":[{"id":"s","customer":"c","status":"active","currency":"usd","discount":{"coupon":{"amount_off":300,"currency":"usd","duration":"forever"}},"items":{"data":[{"price":{"unit_amount":999},"quantity":1}]}}]}`},
		{2, `{"data":[{"id":"i","customer":"c","subscription":{"id":"s"},"status":"open","attempt_count":2,"charge":{"id":"ch","status":"failed","created":5,"failure_code":"x"},"status_transitions":{"finalized_at":3}}]}`},
		{3, `{"data":[{"id":"e","type":"invoice.paid","created":1,"data":{"object":{"id":"i"},"previous_attributes":{"a":1}}}],"has_more":false}`},
	} {
		if !agree(t, c.kind, []byte(c.body)) {
			t.Errorf("not compared: %s", c.body)
		}
	}
}

// TestDecodeRejectsBrokenBodies: what encoding/json calls malformed, and a
// wrong type in a field the mapping reads, fail the page.
func TestDecodeRejectsBrokenBodies(t *testing.T) {
	for _, body := range []string{
		``, `null`, `[]`, `{"data":[`, `{"data":[{"id":"cus_` + "\x00" + `"}]}`, `{"data":[]} x`, `{"data":[{"id":5}]}`,
		`{"data":[{"id":"c","deleted":"yes"}]}`, `{"data":{}}`, `{"data":[],"has_more":1}`, `{"data":[{"metadata":{"a":1}}]}`,
		`{"object": "list", "data": [{"id": "cus_broken", "object": <html>502</html>`, `{"a":tru}`, `{"a":01}`, `{"a":"\x"}`,
		"{\"data\":[]}\x00",
	} {
		if _, err := decodeList([]byte(body), customerElem); err == nil {
			t.Errorf("accepted %q", body)
		}
	}
	for _, body := range []string{`{"data":[{"items":{"data":[{"quantity":1.5}]}}]}`, `{"data":[{"current_period_end":"1"}]}`,
		`{"data":[{"items":{"data":[{"price":{"unit_amount_decimal":"abc"}}]}}]}`} {
		if _, err := decodeList([]byte(body), subscriptionElem); err == nil {
			t.Errorf("accepted %q", body)
		}
	}
	if _, err := decodeList([]byte(`{"data":[{"id":"e","type":"x"}]}`), eventElem); err == nil {
		t.Error("accepted an event without its object")
	}
}

// FuzzDecode holds the decoder to stripe-go (see agree). Its seeds are
// small on purpose: the fuzzer minimizes every new input it finds, which
// is slow on pages of real size (TestDecodeAgreesWithStripeGo covers those).
func FuzzDecode(f *testing.F) {
	f.Add(uint8(0), []byte(`{"object":"list","data":["cus_1",null,{"id":"c","name":"N","email":"a@b.io","description":"d",`+
		`"deleted":false,"livemode":true,"metadata":{"domain":"a.io"},"address":null}],"has_more":true,"url":"/v1/customers"}`))
	f.Add(uint8(1), []byte(`{"data":[{"id":"s","customer":"c","status":"active","currency":"eur","current_period_start":1,`+
		`"current_period_end":2,"trial_end":null,"cancel_at_period_end":true,"items":{"data":[{"id":"si","quantity":2,`+
		`"price":{"id":"p","unit_amount":5,"unit_amount_decimal":"1e3","nickname":"Pro","currency":"eur","product":"prod",`+
		`"recurring":{"interval":"year","interval_count":1}},"plan":{"id":"p","amount":5,"interval":"month","interval_count":3}}]},`+
		`"discount":{"id":"di","end":3,"coupon":{"id":"co","percent_off":20,"amount_off":100,"currency":"eur","duration":"forever"}}}]}`))
	f.Add(uint8(1), []byte(`{"data":[{"id":"s","customer":{"id":"c"},"status":"canceled","created":10,"start_date":11,`+
		`"trial_start":11,"trial_end":20,"canceled_at":30,"ended_at":40,"cancellation_details":{"reason":"payment_failed",`+
		`"feedback":"too_expensive","comment":"Too dear."}},{"id":"t","customer":"c","status":"active","cancel_at_period_end":true,`+
		`"canceled_at":5,"cancellation_details":null,"ended_at":null}]}`))
	f.Add(uint8(2), []byte(`{"data":[{"id":"i","customer":"c","subscription":"s","status":"open","currency":"usd","amount_due":9,`+
		`"amount_paid":0,"attempt_count":1,"created":3,"due_date":4,"next_payment_attempt":5,"status_transitions":`+
		`{"finalized_at":6,"paid_at":null},"charge":{"id":"ch","status":"failed","created":7,"failure_message":"No.","failure_code":"x"}}]}`))
	f.Add(uint8(3), []byte(`{"data":[{"id":"e","type":"customer.deleted","created":1,"data":{"object":{"id":"c"},"previous_attributes":null}}]}`))
	f.Fuzz(func(t *testing.T, kind uint8, body []byte) {
		_ = agree(t, int(kind), body)
	})
}

// FuzzMapEvents: any events page decodes and maps without panicking, and
// the page it gives names only records its events carried.
func FuzzMapEvents(f *testing.F) {
	f.Add(fakePages(f, 2)[3])
	f.Add([]byte(`{"data":[{"id":"e","type":"customer.deleted","data":{"object":{"id":"c","deleted":true}}},` +
		`{"id":"e2","type":"invoice.payment_failed","data":{"object":{"id":"i","customer":"c","status":"open","attempt_count":3}}}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		l, err := decodeList(body, eventElem)
		if err != nil {
			return
		}
		p, err := mapEvents(l.Data, func(string) (*stripe.Invoice, error) { return nil, nil })
		if err != nil {
			t.Fatalf("mapEvents: %v", err)
		}
		if n := p.Len(); n > 3*len(l.Data) {
			t.Fatalf("%d records from %d events", n, len(l.Data))
		}
		for _, r := range p.Deleted {
			if r.Key == "" && r.Kind != "account" && r.Kind != "invoice" {
				t.Fatalf("deletion %+v", r)
			}
		}
	})
}
