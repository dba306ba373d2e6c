package connector

import (
	"errors"
	"fmt"
	"testing"

	"successdesk/backend/domain"
)

func TestForbidden(t *testing.T) {
	base := domain.Errorf(domain.EUnauthorized, "The key may not read events.")
	err := Forbidden(base)
	if !IsForbidden(err) || !IsForbidden(fmt.Errorf("list events: %w", err)) {
		t.Error("a marked error, or one wrapping it, is not forbidden")
	}
	if IsForbidden(base) || IsForbidden(errors.New("x")) || IsForbidden(nil) {
		t.Error("an unmarked error is forbidden")
	}
	if err.Error() != base.Error() || domain.ErrorCode(err) != domain.EUnauthorized || !errors.Is(err, base) {
		t.Errorf("the mark changed the error: %v", err)
	}
	if Forbidden(nil) != nil {
		t.Error("Forbidden(nil) is not nil")
	}
}
