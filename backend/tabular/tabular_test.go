package tabular

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"
)

func TestWriteCSVDefusesFormulasInTextColumnsOnly(t *testing.T) {
	var b bytes.Buffer
	rows := [][]string{{"=HYPERLINK(\"x\")", "-12.50"}, {"Acme, Inc.", "3"}}
	if err := WriteCSV(&b, []string{"Customer", "MRR"}, map[int]bool{0: true}, rows); err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"Customer", "MRR"}, {"'=HYPERLINK(\"x\")", "-12.50"}, {"Acme, Inc.", "3"}}
	if len(got) != len(want) {
		t.Fatalf("rows %q", got)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Fatalf("row %d: got %q want %q", i, got[i], want[i])
		}
	}
}

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{"": "", "ok": "ok", "+1": "'+1", "@x": "'@x", "\tx": "'\tx", "a=b": "a=b"} {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}
