package salesbricks

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// ContentHash is a stable digest of a mapped record (an AccountRecord,
// RevenueRecord, InvoiceRecord, ActivityRecord, DealRecord or Deal): the
// first 16 bytes of the SHA-256 of its JSON encoding, in hex. Equal records
// give equal digests across runs and processes (field order is the type's,
// times are RFC 3339 in UTC as mapped); any change to a field changes it.
// It serves a sink that skips rewriting unchanged rows (see the package
// comment). A value that cannot be encoded gives "".
func ContentHash(rec any) string {
	b, err := json.Marshal(rec)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}
