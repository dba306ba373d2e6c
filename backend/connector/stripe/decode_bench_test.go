package stripe

import "testing"

// BenchmarkDecode decodes one page of each list a full pass reads
// (customers, subscriptions, invoices with their charges expanded), as the
// fake serves them from a small book, reporting the bytes decoded per
// second. The decoder is over a quarter of a first Stripe sync's CPU (in a
// profile of BenchmarkStripeIngest/fresh), and that sync is bound by CPU.
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
