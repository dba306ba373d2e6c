// Command phfake serves a generated PostHog project (see package phfake)
// on a local address, for the browser end-to-end run:
//
//	go run ./backend/connector/posthog/phfake/cmd/phfake -addr 127.0.0.1:12113 -companies 40 -key phx_e2e
//
// It prints "listening on ADDR" on stdout once the socket accepts
// connections (with -addr 127.0.0.1:0 the port is picked then), and stops
// on SIGINT or SIGTERM. With -print-domains it serves nothing: it prints
// the domain a usage pass by company group gives each company with usage
// in the window, one a line by group key, and exits, so that other
// sources' books can be written around the same companies.
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

	"successdesk/backend/connector/posthog/phfake"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:12113", "address to listen on (port 0 picks a free one)")
	companies := flag.Int("companies", 20, "number of companies in the generated project")
	key := flag.String("key", phfake.DefaultKey, "the personal API key the server accepts")
	seed := flag.Uint64("seed", 1, "generator seed")
	project := flag.Int64("project", phfake.DefaultProject, "the project's id")
	projectName := flag.String("project-name", "", "the project's name (empty: the fake's default)")
	groupType := flag.String("group-type", "company", "the group type the events carry their company under")
	groupIndex := flag.Int("group-index", 0, "that group type's index (0-4)")
	delay := flag.Duration("delay", 0, "wait this long before answering each request")
	printDomains := flag.Bool("print-domains", false, "print the domains of the company groups with usage and exit")
	flag.Parse()
	o := phfake.Options{Companies: *companies, Key: *key, Seed: *seed, Project: *project, ProjectName: *projectName,
		GroupType: *groupType, GroupIndex: *groupIndex}
	if *printDomains {
		for _, d := range groupDomains(phfake.New(o)) {
			fmt.Println(d)
		}
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *addr, delayed(phfake.New(o), *delay), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "phfake:", err)
		os.Exit(1)
	}
}

// groupDomains lists, by group key, the domain a usage pass by company
// group gives each company with usage in the window, leaving out those it
// gives none.
func groupDomains(s *phfake.Server) []string {
	var out []string
	for _, a := range s.Truth().Groups {
		if a.Domain != "" {
			out = append(out, a.Domain)
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
