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
	"flag"
	"fmt"

	"successdesk/backend/connector/fakepeer"
	"successdesk/backend/connector/posthog/phfake"
)

func main() {
	f := fakepeer.AddFlags(flag.CommandLine, "127.0.0.1:12113")
	companies := flag.Int("companies", 20, "number of companies in the generated project")
	key := flag.String("key", phfake.DefaultKey, "the personal API key the server accepts")
	project := flag.Int64("project", phfake.DefaultProject, "the project's id")
	projectName := flag.String("project-name", "", "the project's name (empty: the fake's default)")
	groupType := flag.String("group-type", "company", "the group type the events carry their company under")
	groupIndex := flag.Int("group-index", 0, "that group type's index (0-4)")
	printDomains := flag.Bool("print-domains", false, "print the domains of the company groups with usage and exit")
	flag.Parse()
	o := phfake.Options{Companies: *companies, Key: *key, Seed: f.Seed, Project: *project, ProjectName: *projectName,
		GroupType: *groupType, GroupIndex: *groupIndex}
	if *printDomains {
		for _, d := range groupDomains(phfake.New(o)) {
			fmt.Println(d)
		}
		return
	}
	fakepeer.Main("phfake", f.Addr, phfake.New(o), f.Delay)
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
