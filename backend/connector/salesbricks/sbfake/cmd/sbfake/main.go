// Command sbfake serves a generated Salesbricks book (see package sbfake)
// on a local address, for the browser end-to-end run:
//
//	go run ./backend/connector/salesbricks/sbfake/cmd/sbfake -addr 127.0.0.1:12112 -subs 200 -key sb_e2e
//
// It prints "listening on ADDR" on stdout once the socket accepts
// connections (with -addr 127.0.0.1:0 the port is picked then), and stops
// on SIGINT or SIGTERM. With -print-domains it serves nothing: it prints
// the company domain of every customer of the book that holds a contract,
// one a line in the book's order, and exits, so that other sources' books
// can be written around the same companies.
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

	"successdesk/backend/connector/salesbricks/sbfake"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:12112", "address to listen on (port 0 picks a free one)")
	subs := flag.Int("subs", 50, "number of subscriptions (contracts) in the generated book")
	customers := flag.Int("customers", 0, "number of customers (0: about one per subscription, plus a few prospects)")
	key := flag.String("key", sbfake.DefaultKey, "the API key the server accepts")
	seed := flag.Uint64("seed", 1, "generator seed")
	company := flag.String("company", "", "the seller's name (empty: "+sbfake.DefaultCompany+")")
	delay := flag.Duration("delay", 0, "wait this long before answering each request")
	printDomains := flag.Bool("print-domains", false, "print the domains of the customers holding a contract and exit")
	flag.Parse()
	o := sbfake.Options{Subscriptions: *subs, Customers: *customers, Key: *key, Seed: *seed, Company: *company}
	if *printDomains {
		for _, d := range contractDomains(sbfake.New(o)) {
			fmt.Println(d)
		}
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *addr, delayed(sbfake.New(o), *delay), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "sbfake:", err)
		os.Exit(1)
	}
}

// contractDomains lists, in the book's order, the domain a correct sync
// gives each customer that holds a contract, leaving out those it gives
// none.
func contractDomains(s *sbfake.Server) []string {
	truth := s.Truth()
	var out []string
	for _, c := range s.Customers() {
		if d := truth.Accounts[c.ID].Domain; d != "" && len(c.Subs) > 0 {
			out = append(out, d)
		}
	}
	return out
}

// delayed makes h wait d before answering each request.
func delayed(h http.Handler, d time.Duration) http.Handler {
	if d <= 0 {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(d):
			h.ServeHTTP(w, r)
		case <-r.Context().Done():
		}
	})
}

// run serves h at addr until ctx ends, announcing the address on out.
func run(ctx context.Context, addr string, h http.Handler, out io.Writer) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
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
