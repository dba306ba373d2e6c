package hubspot

import (
	"context"
	"testing"

	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

func TestCursorRoundTrip(t *testing.T) {
	for _, p := range []position{
		{mode: modeFull, after: "", run: 1, full: 2},
		{mode: modeFull, after: "NTI1Cg==;x&y", run: 1700000000000, full: 1700000000001, props: "0a1b2c3d"},
		{mode: modeChanges, mark: 5, full: 9},
		{mode: modeChanges, mark: 1700000000000, skip: 400, run: 1700000000500, full: 1699990000000, props: "ffffffff"},
	} {
		got, err := parseCursor(p.String())
		if err != nil || got != p {
			t.Errorf("%q parsed to %+v, %v; want %+v", p.String(), got, err, p)
		}
	}
}

func TestBadCursors(t *testing.T) {
	c := New("pat-na1-x", httpx.New(httpx.Policy{MaxAttempts: 1}), WithBaseURL("http://127.0.0.1:1"))
	for _, cur := range []string{"nope", "orders:x", "full:abc", "full:abc;t=1", "full:%zz;t=1;f=1", "full:a%20b;t=1;f=1",
		"changes:", "changes:-5", "changes:abc", "changes:5;s=-1", "changes:5;s=10001", "full:x;t=1;f=1;s=5",
		"changes:5;z=1", "changes:5;p=XYZ", "changes:5;p=0a1b2c3", "changes:5;f=1;f=2", "changes:5;t=", "changes:5;f"} {
		if _, err := c.Fetch(context.Background(), cur); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("cursor %q: err = %v", cur, err)
		}
	}
}

func TestFingerprint(t *testing.T) {
	a, b := fingerprint([]string{"x", "y"}), fingerprint([]string{"y", "x"})
	if a != b || len(a) != 8 || fingerprint(nil) != "" || a == fingerprint([]string{"x"}) {
		t.Errorf("fingerprints %q %q", a, b)
	}
	c := New("t", nil, WithCustomProperties([]string{" x ", "x", "", "bad name", "y;z", "y"}))
	if len(c.custom) != 2 || c.custom[0] != "x" || c.custom[1] != "y" || c.props != a {
		t.Errorf("custom %q props %q", c.custom, c.props)
	}
}
