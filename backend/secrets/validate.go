package secrets

import (
	"slices"

	"successdesk/backend/domain"
)

// MaxTokenLen is the longest token Set accepts, in bytes. Some keyrings hold
// less (macOS allows about 3,000 bytes for service, account and token
// together); those limits are reported as EInvalid too.
const MaxTokenLen = 4096

// validSource returns EInvalid unless source is one of domain.AllSources. The
// message does not echo the input, which could be anything (even a token
// passed in the wrong argument).
func validSource(source domain.Source) error {
	if slices.Contains(domain.AllSources, source) {
		return nil
	}
	return domain.Errorf(domain.EInvalid, "Unknown integration source.")
}

// validToken returns EInvalid unless token is 1..MaxTokenLen bytes of visible
// ASCII (0x21-0x7E). Tokens travel in HTTP headers, which carry nothing else
// reliably, and a pasted token with a stray newline or space must not be
// saved. Messages never include the token.
func validToken(token string) error {
	if token == "" {
		return domain.Errorf(domain.EInvalid, "The token is empty.")
	}
	if len(token) > MaxTokenLen {
		return domain.Errorf(domain.EInvalid, "The token is longer than %d characters.", MaxTokenLen)
	}
	for i := 0; i < len(token); i++ {
		if c := token[i]; c < 0x21 || c > 0x7e {
			return domain.Errorf(domain.EInvalid,
				"The token may contain only visible ASCII characters: no spaces, line breaks or control characters.")
		}
	}
	return nil
}
