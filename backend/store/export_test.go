package store

// SetTrigramMax sets how many trigram matches a book-wide search may have
// and still be filtered through them (trigramMaxMatches by default).
func (s *Store) SetTrigramMax(n int) { s.trigramMax = n }

// TemplatePath is where the template for the book at path is kept, with
// opts as Open takes them.
func TemplatePath(path string, opts ...Option) string { return optionsOf(opts).templatePath(path) }
