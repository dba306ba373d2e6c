package buildbetter

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// Text limits, in runes.
const (
	maxTitle  = 200
	maxBody   = 10000
	maxEmail  = 254
	maxActors = 3 // names listed before "+N"
)

// mapCall maps one call to its activity and the account it names. false
// for a call without a valid id or created_at, or without a customer
// attendee. Only id, created_at and attendees decide the outcome and the
// account (the scan's selection).
func mapCall(r *callRow) (connector.ActivityRecord, connector.AccountRecord, bool) {
	if !r.ID.valid() || r.CreatedAt.IsZero() {
		return connector.ActivityRecord{}, connector.AccountRecord{}, false
	}
	pt, names, ok := callParty(r.Attendees)
	if !ok {
		return connector.ActivityRecord{}, connector.AccountRecord{}, false
	}
	title := oneLine(r.Name, maxTitle)
	if title == "" {
		title = "Call"
	}
	if d := r.CompletedAt.Sub(r.StartedAt.Time); !r.StartedAt.IsZero() && !r.CompletedAt.IsZero() &&
		d > 0 && d <= 24*time.Hour {
		title += fmt.Sprintf(" (%d min)", max(1, int((d+30*time.Second)/time.Minute)))
	}
	a := domain.Activity{
		Source:     domain.SourceBuildBetter,
		ExternalID: "call_" + string(r.ID),
		Kind:       domain.ActivityCall,
		OccurredAt: firstTime(r.StartedAt, r.DisplayTS, r.CreatedAt),
		Title:      title,
		Body:       multiLine(r.ShortSummary, maxBody),
		Actor:      actors(names),
	}
	return connector.ActivityRecord{AccountKey: pt.acct.Key, Activity: a}, pt.acct, true
}

// mapSignal maps one signal to its activity and the account it names.
// false for a signal without a valid id or created_at, of a type the app
// does not keep, or about no customer. Only id, created_at, types, the
// speaker and the call's attendees decide the outcome and the account.
func mapSignal(r *signalRow) (connector.ActivityRecord, connector.AccountRecord, bool) {
	if !r.ID.valid() || r.CreatedAt.IsZero() {
		return connector.ActivityRecord{}, connector.AccountRecord{}, false
	}
	names := make([]string, 0, len(r.Types))
	for _, t := range r.Types {
		if t.Type != nil {
			names = append(names, t.Type.Name)
		}
	}
	kind, ok := classify(names)
	if !ok {
		return connector.ActivityRecord{}, connector.AccountRecord{}, false
	}
	pt, speaker, ok := signalParty(r)
	if !ok {
		return connector.ActivityRecord{}, connector.AccountRecord{}, false
	}
	title, body := oneLine(r.Summary, maxTitle), multiLine(r.Context, maxBody)
	if title == "" {
		title, body = oneLine(r.Context, maxTitle), ""
	}
	if title == "" {
		title = kindLabel[kind]
	}
	if body == title {
		body = ""
	}
	a := domain.Activity{
		Source:     domain.SourceBuildBetter,
		ExternalID: "signal_" + string(r.ID),
		Kind:       domain.ActivitySignal,
		Signal:     kind,
		OccurredAt: firstTime(r.DisplayTS, r.CreatedAt),
		Title:      title,
		Body:       body,
	}
	if speaker != nil {
		a.Actor = displayName(speaker)
	}
	if kind == domain.SignalNPS {
		a.Score = npsScore(r.Summary + "\n" + r.Context)
	}
	return connector.ActivityRecord{AccountKey: pt.acct.Key, Activity: a}, pt.acct, true
}

var kindLabel = map[domain.SignalKind]string{
	domain.SignalFeatureRequest: "Feature request",
	domain.SignalComplaint:      "Complaint",
	domain.SignalEscalation:     "Escalation",
	domain.SignalNPS:            "NPS response",
	domain.SignalPraise:         "Praise",
}

// kindWords are the words (whole words, case-insensitive, '-' and '_' as
// spaces) that make an extraction type a kind, in priority order: a signal
// with several types takes the first kind any of them names.
var kindWords = []struct {
	kind  domain.SignalKind
	words []string
}{
	{domain.SignalEscalation, []string{"escalation", "escalations", "escalated", "escalate", "churn risk", "urgent"}},
	{domain.SignalNPS, []string{"nps", "net promoter", "net promoter score"}},
	{domain.SignalComplaint, []string{"complaint", "complaints", "issue", "issues", "bug", "bugs", "problem",
		"problems", "pain point", "pain points", "frustration", "negative feedback"}},
	{domain.SignalFeatureRequest, []string{"feature request", "feature requests", "request", "requests",
		"idea", "ideas", "enhancement", "enhancements", "wishlist"}},
	{domain.SignalPraise, []string{"praise", "compliment", "compliments", "kudos", "positive feedback",
		"testimonial"}},
}

// classify returns the signal kind of an extraction's type names. Type
// names are per workspace ("Feature Request", "issue", "Praise", ...);
// types naming none of kindWords (objection, question, action item) are
// not kept.
func classify(types []string) (domain.SignalKind, bool) {
	best := len(kindWords)
	for _, t := range types {
		words := " " + strings.Join(strings.FieldsFunc(strings.ToLower(t), notWordRune), " ") + " "
		for i := 0; i < best; i++ {
			for _, w := range kindWords[i].words {
				if strings.Contains(words, " "+w+" ") {
					best = i
					break
				}
			}
		}
	}
	if best == len(kindWords) {
		return "", false
	}
	return kindWords[best].kind, true
}

func notWordRune(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7f && r != 0xfffd)
}

// NPS scores in text: "9/10", "9 out of 10", else a 0–10 number shortly
// after "NPS", "score", "rated", "rating" or "gave".
var (
	npsOutOf = regexp.MustCompile(`(?i)(?:^|[^0-9.])(10|[0-9])\s*(?:/|out of)\s*10(?:$|[^0-9])`)
	npsAfter = regexp.MustCompile(`(?i)\b(?:nps|scored?|rated|rating|gave)\b[^0-9\n]{0,16}?[^0-9.](10|[0-9])(?:$|[^0-9.,]|[.,](?:$|[^0-9]))`)
)

// npsScore returns the NPS score text states, nil when it states none.
func npsScore(text string) *int {
	for _, re := range []*regexp.Regexp{npsOutOf, npsAfter} {
		if m := re.FindStringSubmatch(text); m != nil {
			n, _ := strconv.Atoi(m[1])
			return &n
		}
	}
	return nil
}

func firstTime(ts ...stamp) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t.Time
		}
	}
	return time.Time{}
}

// actors lists up to maxActors names, then "+N".
func actors(names []string) string {
	if len(names) <= maxActors {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:maxActors], ", ") + fmt.Sprintf(" +%d", len(names)-maxActors)
}

// oneLine is s as valid UTF-8 on one line: control characters and runs of
// white space become one space, the ends are trimmed, and it is cut to max
// runes with "…". The text stays the source's words, stored as text.
func oneLine(s string, max int) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if r <= ' ' || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x2028 || r == 0x2029 {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return cut(b.String(), max)
}

// multiLine is s as valid UTF-8 keeping its lines: "\r\n" and "\r" become
// "\n", other control characters are dropped (tabs kept), the ends are
// trimmed, and it is cut to max runes with "…".
func multiLine(s string, max int) string {
	s = strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\r':
			b.WriteByte('\n')
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < ' ' || r == 0x7f || r >= 0x80 && r <= 0x9f:
		default:
			b.WriteRune(r)
		}
	}
	return cut(strings.TrimSpace(b.String()), max)
}

// cut shortens s to at most max runes, the last one "…" when it cut.
func cut(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max-1 {
			return strings.TrimRight(s[:i], " \n\t") + "…"
		}
		n++
	}
	return s
}
