package golden

import "testing"

func TestFirstDiff(t *testing.T) {
	for _, tc := range []struct{ got, want, diff string }{
		{"a\nb\n", "a\nb\n", ""},
		{"a\nb\n", "a\nc\n", "line 2:\n got b\nwant c"},
		{"a\n", "a\nb\n", "line 2:\n got \nwant b"},
	} {
		if d := FirstDiff([]byte(tc.got), []byte(tc.want)); d != tc.diff {
			t.Errorf("FirstDiff(%q, %q) = %q, want %q", tc.got, tc.want, d, tc.diff)
		}
	}
}
