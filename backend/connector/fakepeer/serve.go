package fakepeer

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

// Flags are the flags every fake's command takes.
type Flags struct {
	Addr  string        // -addr: the address to listen on
	Seed  uint64        // -seed: the generator's seed
	Delay time.Duration // -delay: how long each answer waits
}

// AddFlags defines -addr (addr by default), -seed (1) and -delay (none) on
// fs; their values are in the Flags once fs is parsed.
func AddFlags(fs *flag.FlagSet, addr string) *Flags {
	f := &Flags{}
	fs.StringVar(&f.Addr, "addr", addr, "address to listen on (port 0 picks a free one)")
	fs.Uint64Var(&f.Seed, "seed", 1, "generator seed")
	fs.DurationVar(&f.Delay, "delay", 0, "wait this long before answering each request")
	return f
}

// Main serves h at addr as the command name, each answer waiting delay
// (0: none), until SIGINT or SIGTERM. If serving fails it prints the error
// on stderr after the name and exits with status 1.
func Main(name, addr string, h http.Handler, delay time.Duration) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := Serve(ctx, addr, h, delay, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(1)
	}
}

// Serve serves h at addr until ctx ends, each answer waiting delay first
// (0: none). Once the socket accepts connections it prints "listening on
// ADDR" on out, ADDR being the address bound (with port 0, the port picked
// then): the end-to-end run reads it there.
func Serve(ctx context.Context, addr string, h http.Handler, delay time.Duration, out io.Writer) error {
	srv := &http.Server{Handler: delayed(h, delay), ReadHeaderTimeout: 10 * time.Second}
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

// Probe serves h as a command does, on a free port of 127.0.0.1, sends req
// (whose URL holds only a path and query) to the address announced, and
// stops the server. It returns the answer's status and body.
func Probe(h http.Handler, req *http.Request) (status int, body string, err error) {
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		err := Serve(ctx, "127.0.0.1:0", h, 0, pw)
		pw.CloseWithError(err)
		done <- err
	}()
	defer func() {
		cancel()
		if serr := <-done; err == nil {
			err = serr
		}
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	if err != nil {
		return 0, "", err
	}
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on ")
	if !ok {
		return 0, "", fmt.Errorf("first line %q", line)
	}
	req.URL.Scheme, req.URL.Host, req.Host = "http", addr, addr
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}
