package convert

import (
	"slices"
	"strings"
)

// freeMail lists the built-in free e-mail providers: addresses at these
// domains belong to a person, not to a company.
var freeMail = map[string]bool{}

func init() {
	for _, d := range []string{
		"gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com",
		"rocketmail.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "hotmail.de", "outlook.com", "live.com",
		"msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "pm.me",
		"gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "yandex.com", "yandex.ru", "mail.ru", "zoho.com",
		"fastmail.com", "hey.com", "tutanota.com", "tuta.io", "qq.com", "163.com", "126.com", "naver.com",
		"hanmail.net", "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "orange.fr", "free.fr",
		"laposte.net", "libero.it", "btinternet.com", "sky.com", "rediffmail.com", "seznam.cz", "t-online.de",
		"bigpond.com", "shaw.ca", "rogers.com",
	} {
		freeMail[d] = true
	}
}

// FreeMailDomains returns the built-in free e-mail providers, sorted.
func FreeMailDomains() []string {
	out := make([]string, 0, len(freeMail))
	for d := range freeMail {
		out = append(out, d)
	}
	slices.Sort(out)
	return out
}

// IsFreeMail reports whether domain d (lower-case) is a free e-mail provider.
func IsFreeMail(d string) bool { return freeMail[d] }

// EmailDomain returns the lower-case domain of an e-mail address, or "".
func EmailDomain(email string) string {
	i := strings.LastIndexByte(email, '@')
	if i < 0 || i == len(email)-1 {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(email[i+1:]))
}

// identityDomain is the domain an account is known by: its company domain,
// or, without one, its primary e-mail's domain.
func (f *Facts) identityDomain() string {
	if f.Account.Domain != "" {
		return strings.ToLower(f.Account.Domain)
	}
	return EmailDomain(f.Account.PrimaryEmail)
}

// freeMailAccount reports whether the account is known only by a free
// e-mail address (or its domain is a free e-mail provider).
func (f *Facts) freeMailAccount() bool { return IsFreeMail(f.identityDomain()) }
