package connector

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/iotest"

	"successdesk/backend/domain"
)

func TestReadBody(t *testing.T) {
	ctx := context.Background()
	if b, err := ReadBody(ctx, strings.NewReader("12345"), 5, domain.SourceStripe); err != nil || string(b) != "12345" {
		t.Errorf("a body of max bytes = %q, %v", b, err)
	}
	_, err := ReadBody(ctx, strings.NewReader("123456"), 5, domain.SourceStripe)
	if domain.ErrorCode(err) != domain.EUnavailable || domain.ErrorMessage(err) != "Stripe sent an answer too large to read." {
		t.Errorf("a body past max: %v", err)
	}
	cut := iotest.TimeoutReader(strings.NewReader("partial")) // data, then an error
	_, err = ReadBody(ctx, iotest.OneByteReader(cut), 100, domain.SourceSalesbricks)
	if domain.ErrorCode(err) != domain.EUnavailable ||
		domain.ErrorMessage(err) != "Salesbricks' answer was cut off before the end; the next sync will try again from here." {
		t.Errorf("a body cut off: %v", err)
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = ReadBody(canceled, iotest.ErrReader(errors.New("closed")), 100, domain.SourcePostHog)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("a read ended by a cancel: %v, want context.Canceled", err)
	}
}
