package store

// SetTrigramMax sets how many trigram matches a book-wide search may have
// and still be filtered through them (trigramMaxMatches by default).
func (s *Store) SetTrigramMax(n int) { s.trigramMax = n }
