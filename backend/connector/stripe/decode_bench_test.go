package stripe

import "testing"

// BenchmarkDecode decodes a page of 100 of each list the sync reads (the
// fake's bodies: customers, subscriptions, invoices with their charges
// expanded), reporting the bytes decoded per second. The decoder is about a
// quarter of a first Stripe sync's CPU (BenchmarkStripeIngest's profile),
// which runs on as many cores as the host has.
func BenchmarkDecode(b *testing.B) {
	pages := fakePages(b, 100)
	b.SetBytes(int64(len(pages[0]) + len(pages[1]) + len(pages[2])))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeList(pages[0], customerElem); err != nil {
			b.Fatal(err)
		}
		if _, err := decodeList(pages[1], subscriptionElem); err != nil {
			b.Fatal(err)
		}
		if _, err := decodeList(pages[2], invoiceElem); err != nil {
			b.Fatal(err)
		}
	}
}
