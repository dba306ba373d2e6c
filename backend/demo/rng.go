package demo

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"successdesk/backend/domain"
)

// Stream keys: each kind of random draw has its own PCG stream, so adding
// draws to one kind never shifts another.
const (
	streamAccount  uint64 = 0x5eed_acc0_0000_0000
	streamProfile  uint64 = 0x5eed_9f01_0000_0000
	streamReleases uint64 = 0x5eed_0e1e_0000_0000
)

const day = 24 * time.Hour

// gen holds the state shared across accounts. Maps here are lookups only and
// are never iterated.
type gen struct {
	o     Options
	now   time.Time
	today time.Time // 00:00 UTC of now's date

	pcg *rand.PCG
	r   *rand.Rand // the current account's stream

	counters map[string]uint64 // per id prefix
	names    map[string]bool
	domains  map[string]bool
	curated  int // next curated company to use
	overflow int // names that needed a numeral
}

func newGen(o Options) *gen {
	now := o.Now
	g := &gen{
		o: o, now: now,
		today:    time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC),
		pcg:      rand.NewPCG(0, 0),
		counters: map[string]uint64{},
		names:    map[string]bool{},
		domains:  map[string]bool{},
	}
	g.r = rand.New(g.pcg)
	for _, h := range hardCaseSpecs {
		g.names[h.Name] = true
		if h.Domain != "" {
			g.domains[h.Domain] = true
		}
	}
	return g
}

// seedAccount points g.r at account i's own stream.
func (g *gen) seedAccount(i int) {
	g.pcg.Seed(uint64(g.o.Seed), streamAccount^(uint64(i)*0x9E3779B97F4A7C15))
}

const b62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" // ASCII order

// extID returns prefix + a fixed-width base62 counter + random tail. Ids with
// the same prefix sort in the order they were made, so inserts append to the
// (source, external_id) index instead of scattering across it.
func (g *gen) extID(prefix string, tail int) string {
	n := g.counters[prefix]
	g.counters[prefix] = n + 1
	var b strings.Builder
	b.Grow(len(prefix) + 6 + tail)
	b.WriteString(prefix)
	var digits [6]byte
	for i := 5; i >= 0; i-- {
		digits[i] = b62[n%62]
		n /= 62
	}
	b.Write(digits[:])
	for range tail {
		b.WriteByte(b62[g.r.IntN(62)])
	}
	return b.String()
}

// hubspotID returns an increasing 11-digit numeric id, as HubSpot uses.
func (g *gen) hubspotID() string {
	n := g.counters["hs"]
	g.counters["hs"] = n + 1
	return strconv.FormatUint(51_000_000_000+n*10+uint64(g.r.IntN(10)), 10)
}

// between returns a uniform int in [lo, hi].
func (g *gen) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.r.IntN(hi-lo+1)
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func pick[T any](g *gen, xs []T) T { return xs[g.r.IntN(len(xs))] }

// weighted returns an index chosen with the given relative weights.
func (g *gen) weighted(w ...int) int {
	total := 0
	for _, x := range w {
		total += x
	}
	n := g.r.IntN(total)
	for i, x := range w {
		if n < x {
			return i
		}
		n -= x
	}
	return len(w) - 1
}

// ago returns a moment between minDays and maxDays days before now, during
// working hours (13:00–23:00 UTC), never after now.
func (g *gen) ago(minDays, maxDays int) time.Time {
	d := g.between(minDays, maxDays)
	t := g.today.AddDate(0, 0, -d).Add(time.Duration(13*3600+g.r.IntN(10*3600)) * time.Second)
	if t.After(g.now) {
		t = g.now.Add(-time.Duration(1+g.r.IntN(3600)) * time.Second)
	}
	return t
}

// clampPast returns t, or a moment shortly before now when t is later.
func (g *gen) clampPast(t time.Time) time.Time {
	if t.After(g.now) {
		return g.now.Add(-time.Duration(60+g.r.IntN(3600)) * time.Second)
	}
	return t
}

func (g *gen) date(daysFromToday int) time.Time { return g.today.AddDate(0, 0, daysFromToday) }

// money formats minor units as "$1,200.00", "€1,200.00" or "£1,200.00".
func money(m domain.Money) string {
	var sym string
	switch m.Currency {
	case "USD":
		sym = "$"
	case "EUR":
		sym = "€"
	case "GBP":
		sym = "£"
	default:
		sym = m.Currency + " "
	}
	a := m.AmountMinor
	neg := a < 0
	if neg {
		a = -a
	}
	whole := strconv.FormatInt(a/100, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteString(sym)
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	cents := a % 100
	b.WriteByte('.')
	b.WriteByte(byte('0' + cents/10))
	b.WriteByte(byte('0' + cents%10))
	return b.String()
}

func shortDate(t time.Time) string { return t.Format("Jan 2, 2006") }
