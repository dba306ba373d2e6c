package app

// ConvertLoads reports how many times s read a book's Convert facts in full.
func ConvertLoads(s *ConvertService) int {
	s.queue.mu.Lock()
	defer s.queue.mu.Unlock()
	return s.queue.loads
}
