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
	"flag"
	"fmt"

	"successdesk/backend/connector/fakepeer"
	"successdesk/backend/connector/salesbricks/sbfake"
)

func main() {
	f := fakepeer.AddFlags(flag.CommandLine, "127.0.0.1:12112")
	subs := flag.Int("subs", 50, "number of subscriptions (contracts) in the generated book")
	customers := flag.Int("customers", 0, "number of customers (0: about one per subscription, plus a few prospects)")
	key := flag.String("key", sbfake.DefaultKey, "the API key the server accepts")
	company := flag.String("company", "", "the seller's name (empty: "+sbfake.DefaultCompany+")")
	printDomains := flag.Bool("print-domains", false, "print the domains of the customers holding a contract and exit")
	flag.Parse()
	o := sbfake.Options{Subscriptions: *subs, Customers: *customers, Key: *key, Seed: f.Seed, Company: *company}
	if *printDomains {
		for _, d := range contractDomains(sbfake.New(o)) {
			fmt.Println(d)
		}
		return
	}
	fakepeer.Main("sbfake", f.Addr, sbfake.New(o), f.Delay)
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
