// Command bbfake serves a BuildBetter book (see package bbfake) on a local
// address, for the browser end-to-end run:
//
//	go run ./backend/connector/buildbetter/bbfake/cmd/bbfake -addr 127.0.0.1:12114 -companies 8 -key bb_e2e
//
// The book is generated from -seed, -companies and -weeks, or read from
// -book FILE (JSON, see bbfake.LoadBook). -domains a.com,b.io moves the
// generated customer companies onto those domains, in order, so that their
// calls and signals land on accounts another source makes.
//
// It prints "listening on ADDR" on stdout once the socket accepts
// connections (with -addr 127.0.0.1:0 the port is picked then), and stops
// on SIGINT or SIGTERM.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"successdesk/backend/connector/buildbetter/bbfake"
	"successdesk/backend/connector/fakepeer"
)

func main() {
	f := fakepeer.AddFlags(flag.CommandLine, "127.0.0.1:12114")
	key := flag.String("key", bbfake.DefaultKey, "the API key the server accepts")
	companies := flag.Int("companies", 0, "customer companies in the generated book (0: one per -domains entry, else 8)")
	weeks := flag.Int("weeks", 12, "weeks of calls and signals in the generated book")
	bookFile := flag.String("book", "", "serve this JSON book instead of a generated one")
	domains := flag.String("domains", "", "comma-separated domains the generated customer companies take, in order")
	flag.Parse()
	b, err := book(*bookFile, f.Seed, *companies, *weeks, split(*domains))
	if err != nil {
		fmt.Fprintln(os.Stderr, "bbfake:", err)
		os.Exit(2)
	}
	fakepeer.Main("bbfake", f.Addr, bbfake.New(bbfake.Options{Book: b, Key: *key}), f.Delay)
}

// book reads the book at file, or generates one and moves its companies
// onto domains.
func book(file string, seed uint64, companies, weeks int, domains []string) (*bbfake.Book, error) {
	if file != "" {
		if len(domains) > 0 {
			return nil, errors.New("-domains applies to a generated book, not to -book")
		}
		return bbfake.LoadBookFile(file)
	}
	if companies == 0 {
		companies = len(domains)
	}
	b := bbfake.Generate(bbfake.Gen{Seed: seed, Companies: companies, Weeks: weeks})
	retarget(b, domains)
	return b, nil
}

// retarget moves the first len(domains) customer companies of a generated
// book onto domains, in order: wherever the company's own domain appears
// (its domain field, in whatever form, its people's e-mail addresses and
// the domain a correct sync gives its account), the new one does instead.
// A company known by a free-mail host stays so.
func retarget(b *bbfake.Book, domains []string) {
	for i := range min(len(b.Companies), len(domains)) {
		c := &b.Companies[i]
		// The generator's domain for a company: its name, without spaces,
		// lower-cased, under .example.
		old := strings.ToLower(strings.ReplaceAll(c.Name, " ", "")) + ".example"
		to := strings.ToLower(domains[i])
		swap := func(s string) string {
			if strings.Contains(strings.ToLower(s), old) {
				return strings.ReplaceAll(strings.ToLower(s), old, to)
			}
			return s
		}
		c.Domain = swap(c.Domain)
		for j := range b.People {
			if b.People[j].CompanyID == c.ID {
				b.People[j].Email = swap(b.People[j].Email)
			}
		}
		for k, d := range b.AccountDomains {
			if d == old {
				b.AccountDomains[k] = to
			}
		}
	}
}

func split(list string) []string {
	var out []string
	for _, s := range strings.Split(list, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
