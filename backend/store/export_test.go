package store

// SetTrigramMax sets how many trigram matches a book-wide search may have
// and still be filtered through them (trigramMaxMatches by default).
func (s *Store) SetTrigramMax(n int) { s.trigramMax = n }

// ForgetTemplate drops the in-memory template, so the next new book reads
// the one beside it (or migrates).
func ForgetTemplate() {
	templates.mu.Lock()
	defer templates.mu.Unlock()
	templates.bytes = nil
}

// BooksFromTemplate is how many new books this process made from a template.
func BooksFromTemplate() int {
	templates.mu.Lock()
	defer templates.mu.Unlock()
	return templates.made
}

// TemplateName is the current schema's template file name.
func TemplateName() string { return templateName() }
