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
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"successdesk/backend/connector/stripe/stripefake"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:12111", "address to listen on (port 0 picks a free one)")
	subs := flag.Int("subs", 1000, "number of subscriptions in the generated book")
	key := flag.String("key", stripefake.DefaultKey, "the API key the server accepts (sk_… or rk_…)")
	seed := flag.Uint64("seed", 1, "generator seed")
	delay := flag.Duration("delay", 0, "wait this long before answering each request")
	live := flag.Bool("livemode", false, "mark the book's objects as live-mode ones")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	o := stripefake.Options{Subscriptions: *subs, Key: *key, Seed: *seed, Delay: *delay, Livemode: *live}
	if err := run(ctx, *addr, o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "stripefake:", err)
		os.Exit(1)
	}
}

// run serves the book at addr until ctx ends, announcing the address on out.
func run(ctx context.Context, addr string, o stripefake.Options, out io.Writer) error {
	srv := &http.Server{Handler: stripefake.New(o), ReadHeaderTimeout: 10 * time.Second}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "listening on %s\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
