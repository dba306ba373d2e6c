package buildbetter

import (
	"strconv"
	"strings"
	"time"
)

// Selections. Field names follow BuildBetter's API documentation
// (interview, extraction, person, company); company.domain and person.user
// are the (verify) items. The scan selections carry only what decides an
// account and whether a row is delivered, so that the scan and the phases
// map every row alike.
const (
	personFields = `id first_name last_name email user { id } company { id name domain }`

	callScanFields = `id created_at attendees { person { ` + personFields + ` } }`
	callFields     = `id name started_at completed_at display_ts created_at short_summary attendees { person { ` +
		personFields + ` } }`

	signalScanFields = `id created_at types { type { name } } attendee { person { ` + personFields + ` } } ` +
		`call { id attendees { person { ` + personFields + ` } } }`
	signalFields = `id summary context display_ts created_at types { type { name } } attendee { person { ` +
		personFields + ` } } call { id attendees { person { ` + personFields + ` } } }`
)

// Tables and their Hasura filter types.
const (
	tableCalls   = "interview"
	tableSignals = "extraction"
)

var boolExp = map[string]string{tableCalls: "interview_bool_exp", tableSignals: "extraction_bool_exp"}

// orgQuery names the organization the key belongs to (Verify).
const orgQuery = `query Organization { organization(limit: 1) { id name } }`

// probeQuery is Verify's fallback for a key that may not read the
// organization: any call will do.
const probeQuery = `query Probe { interview(limit: 1) { id } }`

// listRoot is one list read: rows of table after offset in the window.
type listRoot struct {
	table  string
	fields string
	where  map[string]any
	limit  int
	offset int
}

// listQuery builds one GraphQL operation reading every root, ordered by
// (created_at, id), with its filter, limit and offset as variables
// ($w0, $l0, $o0 for the first root, ...).
func listQuery(name string, roots ...listRoot) (string, map[string]any) {
	var defs, body strings.Builder
	vars := make(map[string]any, 3*len(roots))
	for i, r := range roots {
		n := strconv.Itoa(i)
		if i > 0 {
			defs.WriteString(", ")
		}
		defs.WriteString("$w" + n + ": " + boolExp[r.table] + "!, $l" + n + ": Int!, $o" + n + ": Int!")
		body.WriteString("  " + r.table + "(where: $w" + n + ", order_by: [{created_at: asc}, {id: asc}], limit: $l" +
			n + ", offset: $o" + n + ") { " + r.fields + " }\n")
		vars["w"+n], vars["l"+n], vars["o"+n] = r.where, r.limit, r.offset
	}
	return "query " + name + "(" + defs.String() + ") {\n" + body.String() + "}", vars
}

// window is the created_at filter of (since, until]; 0 leaves a bound out.
func window(since, until int64) map[string]any {
	ops := map[string]any{}
	if since > 0 {
		ops["_gt"] = stampText(since)
	}
	if until > 0 {
		ops["_lte"] = stampText(until)
	}
	if len(ops) == 0 {
		return map[string]any{}
	}
	return map[string]any{"created_at": ops}
}

// stampText writes unix nanoseconds as a timestamptz literal.
func stampText(ns int64) string { return time.Unix(0, ns).UTC().Format(time.RFC3339Nano) }
