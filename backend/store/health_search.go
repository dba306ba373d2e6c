package store

import (
	"context"
	"strings"
)

// trigramMaxMatches is how many trigram-index matches a search over the
// whole book may have and still be filtered through them. Each match costs
// a look-up of its row; past some tens of thousands, testing every
// account's copied text (on the score index, which holds it) is cheaper. On
// 100,000 accounts, through the matches: ~97 matches 11 ms, ~9,700 60 ms,
// ~97,000 200 ms; through the text, 80-90 ms whatever the matches.
const trigramMaxMatches = 20_000

// searchTerm is q's search as matched: trimmed, lower case.
func searchTerm(q HealthQuery) string { return strings.ToLower(strings.TrimSpace(q.Search)) }

// trigramSearch reports whether q's search should be filtered through the
// trigram index (see healthWhere): a search of three characters or more over
// the whole book (withRisk and a risk level filter a score range instead)
// that matches at most s.trigramMax accounts. Answers are cached until the
// next write.
func (s *Store) trigramSearch(ctx context.Context, q HealthQuery, withRisk bool) (bool, error) {
	term := searchTerm(q)
	if len([]rune(term)) < 3 || withRisk && q.Risk != "" {
		return false, nil
	}
	gen, key := s.gen.Load(), "trigram|"+term
	if n, ok := s.counts.get(gen, key); ok {
		return n <= s.trigramMax, nil
	}
	// Counting stops one past the limit, so a common term costs little.
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT rowid FROM accounts_fts WHERE accounts_fts MATCH ?
		LIMIT ?)`, ftsPhrase(term), s.trigramMax+1).Scan(&n); err != nil {
		return false, err
	}
	s.counts.put(gen, key, n)
	return n <= s.trigramMax, nil
}

// ftsPhrase quotes term as one FTS5 phrase.
func ftsPhrase(term string) string { return `"` + strings.ReplaceAll(term, `"`, `""`) + `"` }
