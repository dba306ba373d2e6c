// Command hsfake serves a HubSpot book of companies (see package hsfake)
// on a local address, for the browser end-to-end run:
//
//	go run ./backend/connector/hubspot/hsfake/cmd/hsfake -addr 127.0.0.1:12115 -book companies.json -token pat-e2e
//
// The companies are generated from -seed and -companies, or read from
// -book FILE: a JSON array of companies in HubSpot's answer shape,
//
//	[{"id": "101", "createdAt": "2025-01-10T09:00:00Z", "updatedAt": "2025-06-01T10:00:00Z",
//	  "properties": {"name": "Acme", "domain": "acme.io", "industry": "COMPUTER_SOFTWARE"}}]
//
// HubSpot's companies only enrich accounts another source made, so a book
// written around that source's domains is what shows in Customer Detail.
//
// It prints "listening on ADDR" on stdout once the socket accepts
// connections (with -addr 127.0.0.1:0 the port is picked then), and stops
// on SIGINT or SIGTERM.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"successdesk/backend/connector/fakepeer"
	"successdesk/backend/connector/hubspot/hsfake"
)

func main() {
	f := fakepeer.AddFlags(flag.CommandLine, "127.0.0.1:12115")
	token := flag.String("token", hsfake.DefaultToken, "the private app token the server accepts")
	companies := flag.Int("companies", 50, "number of companies in the generated book")
	bookFile := flag.String("book", "", "serve the companies of this JSON file instead of generated ones")
	portal := flag.String("portal-name", "", "the portal's name account-info reports (empty: none)")
	flag.Parse()
	o := hsfake.Options{Companies: *companies, Seed: f.Seed, Token: *token, PortalName: *portal}
	if *bookFile != "" {
		b, err := loadBook(*bookFile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "hsfake:", err)
			os.Exit(2)
		}
		o.Book = b
	}
	fakepeer.Main("hsfake", f.Addr, hsfake.New(o), f.Delay)
}

// timeFormat is how HubSpot writes times in properties.
const timeFormat = "2006-01-02T15:04:05.000Z"

// loadBook reads companies in HubSpot's answer shape from file. The dates
// HubSpot also keeps as properties (createdate, hs_lastmodifieddate) and
// hs_object_id are filled in from the record when the file leaves them out.
func loadBook(file string) ([]hsfake.Company, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var raw []struct {
		ID         string            `json:"id"`
		Properties map[string]string `json:"properties"`
		CreatedAt  time.Time         `json:"createdAt"`
		UpdatedAt  time.Time         `json:"updatedAt"`
		Archived   bool              `json:"archived"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	out := make([]hsfake.Company, 0, len(raw))
	for i, r := range raw {
		if r.ID == "" {
			return nil, fmt.Errorf("%s: company %d has no id", file, i+1)
		}
		if r.Properties == nil {
			r.Properties = map[string]string{}
		}
		fill := func(k, v string) {
			if _, ok := r.Properties[k]; !ok {
				r.Properties[k] = v
			}
		}
		fill("hs_object_id", r.ID)
		fill("createdate", r.CreatedAt.UTC().Format(timeFormat))
		fill("hs_lastmodifieddate", r.UpdatedAt.UTC().Format(timeFormat))
		out = append(out, hsfake.Company{ID: r.ID, Properties: r.Properties, CreatedAt: r.CreatedAt.UTC(),
			UpdatedAt: r.UpdatedAt.UTC(), Archived: r.Archived})
	}
	return out, nil
}
