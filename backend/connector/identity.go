package connector

import (
	"net/mail"
	"strings"
	"unicode"
)

// freeMail are mailbox providers whose domain says nothing about a company.
var freeMail = map[string]bool{
	"gmail.com": true, "googlemail.com": true, "outlook.com": true, "hotmail.com": true, "live.com": true,
	"msn.com": true, "yahoo.com": true, "ymail.com": true, "icloud.com": true, "me.com": true, "mac.com": true,
	"aol.com": true, "proton.me": true, "protonmail.com": true, "gmx.com": true, "gmx.de": true,
	"web.de": true, "mail.com": true, "yandex.com": true, "yandex.ru": true, "zoho.com": true,
	"fastmail.com": true, "hey.com": true, "qq.com": true, "163.com": true,
}

// NormalizeDomain returns s as a bare lower-case host: scheme, "www.",
// port, path and a trailing dot removed ("https://www.Acme.io/about" →
// "acme.io"). Anything that is not a dotted host gives "".
func NormalizeDomain(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.IndexByte(s, ':'); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "www."), ".")
	if !strings.Contains(s, ".") || strings.ContainsAny(s, " \t\"'<>()[],;\\") {
		return ""
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" { // "..", ".io", "a..b" are not hosts
			return ""
		}
	}
	for _, r := range s { // letters (IDNs too), digits, hyphens and dots only
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '.' {
			return ""
		}
	}
	if strings.HasPrefix(s, "www.") { // "www.www.x.io" normalizes in one step
		return NormalizeDomain(s)
	}
	return s
}

// DomainFromEmail returns the normalized company domain of an e-mail
// address, or "" when the address is malformed or at a free-mail provider.
func DomainFromEmail(email string) string {
	a, err := mail.ParseAddress(strings.TrimSpace(email))
	if err != nil {
		return ""
	}
	i := strings.LastIndexByte(a.Address, '@')
	if i < 0 {
		return ""
	}
	d := NormalizeDomain(a.Address[i+1:])
	if freeMail[d] {
		return ""
	}
	return d
}
