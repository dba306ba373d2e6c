package hubspot

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// Standard company properties the connector reads.
var standardProps = []string{"domain", "website", "name", "industry", "numberofemployees", "city", "state",
	"country", "hs_lastmodifieddate"}

// Text bounds, in runes.
const (
	maxText   = 300  // names, industries, location parts
	maxCustom = 1000 // one custom property's value
	maxKeyLen = 100  // a company id
)

// maxEmployees is the largest head count taken as real.
const maxEmployees = 10_000_000

// customField is a chosen custom property as the mapping needs it: its
// internal name, the key it gets in Enrichment.Custom and, for
// enumerations, the label of each option value.
type customField struct {
	name    string
	key     string
	options map[string]string
}

// mapCompany maps one company to its account and enrichment records. ok is
// false for an archived record or one without a usable id (printable, no
// white space, at most maxKeyLen bytes).
func mapCompany(o *object, fields []customField) (acct connector.AccountRecord, enr connector.EnrichmentRecord, ok bool) {
	id := strings.TrimSpace(string(o.ID))
	if id == "" || len(id) > maxKeyLen || o.Archived.Bool() || clean(id, maxKeyLen) != id ||
		strings.ContainsFunc(id, unicode.IsSpace) {
		return acct, enr, false
	}
	p := o.Properties
	dom := companyDomain(string(p["domain"]))
	if dom == "" {
		dom = companyDomain(string(p["website"]))
	}
	name := clean(string(p["name"]), maxText)
	if name == "" {
		name = dom
	}
	// A portal holds every prospect: a company only joins an account that
	// exists, and never makes one.
	acct = connector.AccountRecord{Key: id, Domain: dom, Name: name, MatchOnly: true}
	enr = connector.EnrichmentRecord{AccountKey: id, Enrichment: domain.Enrichment{
		Industry:  humanizeIndustry(string(p["industry"])),
		Employees: employees(string(p["numberofemployees"])),
		Location:  location(string(p["city"]), string(p["state"]), string(p["country"])),
		Custom:    customValues(p, fields),
		UpdatedAt: updatedAt(o),
	}}
	return acct, enr, true
}

// companyDomain is the normalized company domain in a domain or website
// value: the first of its (comma, semicolon or space separated) entries
// that normalizes, "" when none does or it is a free-mail provider.
func companyDomain(s string) string {
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) }) {
		if d := connector.NormalizeDomain(part); d != "" {
			if connector.DomainFromEmail("info@"+d) != d {
				return "" // a free-mail provider: no company's domain
			}
			return d
		}
	}
	return ""
}

// humanizeIndustry turns HubSpot's enumeration value into words
// ("COMPUTER_SOFTWARE" → "Computer software"); a value that is not such a
// code (free text) is only cleaned.
func humanizeIndustry(s string) string {
	s = clean(s, maxText)
	if !isEnumCode(s) {
		return s
	}
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == '_' })
	if len(words) == 0 {
		return ""
	}
	out := strings.Join(words, " ")
	r, n := utf8.DecodeRuneInString(out)
	return string(unicode.ToUpper(r)) + out[n:]
}

// isEnumCode reports whether s looks like HubSpot's enumeration values:
// upper-case ASCII letters, digits and underscores, with a letter.
func isEnumCode(s string) bool {
	letter := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'A' && c <= 'Z':
			letter = true
		case c >= '0' && c <= '9', c == '_':
		default:
			return false
		}
	}
	return letter
}

// employees reads numberofemployees: a number, possibly with thousands
// separators or a fraction (rounded down); anything else, negative or
// beyond maxEmployees is 0 (unknown).
func employees(s string) int {
	s = strings.Map(func(r rune) rune {
		if r == ',' || r == '_' || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || f < 0 || f > maxEmployees {
		return 0
	}
	return int(f)
}

// location joins city, state and country with ", ", each part trimmed of
// separators at its ends, leaving out empty parts and a part that repeats
// the one before it ("Singapore, Singapore").
func location(parts ...string) string {
	var kept []string
	for _, p := range parts {
		p = strings.TrimFunc(clean(p, maxText), func(r rune) bool { return r == ',' || r == ';' || r == ' ' })
		if p == "" || len(kept) > 0 && strings.EqualFold(kept[len(kept)-1], p) {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, ", ")
}

// customValues is Enrichment.Custom: each chosen property with a value,
// under its key, enumeration values by their option labels (several
// values of a checkbox property, separated by ";", joined by ", "). nil
// when none has a value.
func customValues(p map[string]flex, fields []customField) map[string]string {
	var out map[string]string
	for _, f := range fields {
		raw := string(p[f.name])
		var v string
		if len(f.options) > 0 {
			var vals []string
			for _, x := range strings.Split(raw, ";") {
				x = clean(x, maxCustom)
				if l, ok := f.options[x]; ok && clean(l, maxCustom) != "" {
					x = clean(l, maxCustom)
				}
				if x != "" {
					vals = append(vals, x)
				}
			}
			v = clean(strings.Join(vals, ", "), maxCustom)
		} else {
			v = clean(raw, maxCustom)
		}
		if v == "" {
			continue
		}
		if out == nil {
			out = make(map[string]string, len(fields))
		}
		out[f.key] = v
	}
	return out
}

// updatedAt is when HubSpot last changed the company: the record's
// updatedAt, else its hs_lastmodifieddate; zero when neither reads.
func updatedAt(o *object) time.Time {
	if t, ok := parseTime(string(o.UpdatedAt)); ok {
		return t
	}
	t, _ := parseTime(string(o.Properties["hs_lastmodifieddate"]))
	return t
}

// modifiedMillis is the company's hs_lastmodifieddate (what searches
// filter and sort on), else its updatedAt, in unix ms; 0 when unknown.
func modifiedMillis(o *object) int64 {
	if t, ok := parseTime(string(o.Properties["hs_lastmodifieddate"])); ok {
		return t.UnixMilli()
	}
	if t, ok := parseTime(string(o.UpdatedAt)); ok {
		return t.UnixMilli()
	}
	return 0
}

// parseTime reads HubSpot's times: RFC 3339 (what v3 sends) or unix
// milliseconds (what older answers and filters use). Times before 1990 or
// after 2200 are not taken.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		ms, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, false
		}
		t = time.UnixMilli(ms)
	}
	if t.Year() < 1990 || t.Year() > 2200 {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// clean makes text fit to show: valid UTF-8, control and formatting
// characters turned into spaces, runs of white space made one space,
// trimmed, and cut to at most max runes.
func clean(s string, max int) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > max {
		s = strings.TrimSpace(string([]rune(s)[:max]))
	}
	return s
}
