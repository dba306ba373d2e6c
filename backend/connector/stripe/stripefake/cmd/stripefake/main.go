// Command stripefake serves a generated Stripe book (see package stripefake)
// on a local address, for the browser end-to-end run:
//
//	go run ./backend/connector/stripe/stripefake/cmd/stripefake -addr 127.0.0.1:12111 -subs 10000 -key sk_test_e2e
//
// It prints "listening on ADDR" on stdout once the socket accepts
// connections (with -addr 127.0.0.1:0 the port is picked then), and stops
// on SIGINT or SIGTERM.
package main

import (
	"flag"

	"successdesk/backend/connector/fakepeer"
	"successdesk/backend/connector/stripe/stripefake"
)

func main() {
	f := fakepeer.AddFlags(flag.CommandLine, "127.0.0.1:12111")
	subs := flag.Int("subs", 1000, "number of subscriptions in the generated book")
	key := flag.String("key", stripefake.DefaultKey, "the API key the server accepts (sk_… or rk_…)")
	live := flag.Bool("livemode", false, "mark the book's objects as live-mode ones")
	flag.Parse()
	// The fake waits the delay itself, once it has counted the request.
	o := stripefake.Options{Subscriptions: *subs, Key: *key, Seed: f.Seed, Delay: f.Delay, Livemode: *live}
	fakepeer.Main("stripefake", f.Addr, stripefake.New(o), 0)
}
