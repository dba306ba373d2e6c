package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"successdesk/backend/domain"
)

// releases returns the shipped releases, oldest first: one every six days or
// so over the last six months, about 70% GitHub releases and the rest
// changelog (RSS) entries. Their titles are fixed; dates and sources follow
// the seed.
func (g *gen) releases() []domain.Release {
	r := rand.New(rand.NewPCG(uint64(g.o.Seed), streamReleases))
	n := len(releaseTexts)
	out := make([]domain.Release, 0, n)
	minor := 10
	for k, t := range releaseTexts {
		daysAgo := 180 - k*180/n - r.IntN(3)
		at := g.today.AddDate(0, 0, -daysAgo).Add(time.Duration(15*3600+r.IntN(6*3600)) * time.Second)
		if at.After(g.now) {
			at = g.now
		}
		rel := domain.Release{Title: t.title, Body: t.body, ShippedAt: at}
		if r.Float64() < 0.7 {
			minor++
			tag := fmt.Sprintf("v3.%d.0", minor)
			rel.Source, rel.ExternalID = domain.SourceGitHub, "piedpiper/platform@"+tag
			rel.URL = "https://github.com/piedpiper/platform/releases/tag/" + tag
		} else {
			rel.Source = domain.SourceRSS
			rel.URL = "https://www.piedpiper.com/changelog/" + hyphenSlug(t.title)
			rel.ExternalID = rel.URL
		}
		out = append(out, rel)
	}
	return out
}

// hyphenSlug turns a title into a lower-case, hyphen-separated URL slug.
func hyphenSlug(s string) string {
	b := make([]byte, 0, len(s))
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
			fallthrough
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			b, dash = append(b, c), false
		default:
			dash = true
		}
	}
	return string(b)
}
