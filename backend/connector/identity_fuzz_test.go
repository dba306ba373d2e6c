package connector

import (
	"strings"
	"testing"
)

// FuzzIdentity checks the identity helpers on arbitrary source text: they
// never panic, results are normalized (idempotent, lower case, no spaces,
// dotted) and never a free-mail domain.
func FuzzIdentity(f *testing.F) {
	for _, s := range []string{"https://www.Acme.io/about", "jane@hooli.com", "Jane <jane@GMAIL.com>", "a@b", "", "x@y.z:80",
		"<img src=x>@evil.com", "東京.jp", "..", "a@@b.c", "0.\f#"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := NormalizeDomain(s)
		if d != "" {
			if NormalizeDomain(d) != d {
				t.Fatalf("NormalizeDomain(%q) = %q is not stable", s, d)
			}
			if d != strings.ToLower(d) || !strings.Contains(d, ".") || strings.ContainsAny(d, " \t<>\"'") {
				t.Fatalf("NormalizeDomain(%q) = %q is not a bare host", s, d)
			}
		}
		if e := DomainFromEmail(s); e != "" {
			if freeMail[e] || NormalizeDomain(e) != e {
				t.Fatalf("DomainFromEmail(%q) = %q", s, e)
			}
		}
	})
}
