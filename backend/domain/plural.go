package domain

import "strconv"

// Plural counts a regular noun for a sentence: "1 day", "2 days",
// "-1 day", "0 attempts".
func Plural(n int, noun string) string {
	if n == 1 || n == -1 {
		return strconv.Itoa(n) + " " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
