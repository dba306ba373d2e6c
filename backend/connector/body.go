package connector

import (
	"context"
	"io"
	"strings"

	"successdesk/backend/domain"
)

// ReadBody reads a successful response's body from r for source, up to max
// bytes: the bytes, or BodyError's error.
func ReadBody(ctx context.Context, r io.Reader, max int64, source domain.Source) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err := BodyError(ctx, err, int64(len(b)), max, source); err != nil {
		return nil, err
	}
	return b, nil
}

// BodyError words the outcome of reading up to max+1 bytes of source's
// answer, read of them with err: ctx's own error when ctx has ended; an
// EUnavailable error when the read failed (the answer was cut off, and the
// next sync will try again) or the answer holds more than max bytes; nil
// otherwise.
func BodyError(ctx context.Context, err error, read, max int64, source domain.Source) error {
	switch {
	case err != nil && ctx.Err() != nil:
		return ctx.Err()
	case err != nil:
		return domain.Errorf(domain.EUnavailable,
			"%s answer was cut off before the end; the next sync will try again from here.", possessive(source.Label()))
	case read > max:
		return domain.Errorf(domain.EUnavailable, "%s sent an answer too large to read.", source.Label())
	}
	return nil
}

// possessive is "Stripe's", "Salesbricks'".
func possessive(name string) string {
	if strings.HasSuffix(name, "s") {
		return name + "'"
	}
	return name + "'s"
}
