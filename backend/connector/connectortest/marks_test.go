package connectortest

import (
	"testing"

	"successdesk/backend/connector"
)

func TestCheckFullPassMarks(t *testing.T) {
	p := func(start, end, done bool, deleted ...connector.Ref) connector.Page {
		return connector.Page{StartsFullPass: start, EndsFullPass: end, Done: done, Deleted: deleted}
	}
	for _, tc := range []struct {
		name  string
		pages []connector.Page
		ok    bool
	}{
		{"unmarked", []connector.Page{p(false, false, false), p(false, false, true)}, true},
		{"marked", []connector.Page{p(true, false, false), p(false, false, false), p(false, true, true)}, true},
		{"one page", []connector.Page{p(true, true, true)}, true},
		{"starts twice", []connector.Page{p(true, false, false), p(true, true, true)}, false},
		{"never ends", []connector.Page{p(true, false, false), p(false, false, true)}, false},
		{"ends early", []connector.Page{p(true, true, false), p(false, false, true)}, false},
		{"ends without Done", []connector.Page{p(true, false, false), p(false, true, false)}, false},
		{"deletes", []connector.Page{p(true, false, false, connector.Ref{Kind: connector.RefAccount, Key: "c"}), p(false, true, true)}, false},
	} {
		if err := checkFullPassMarks(tc.pages); (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}
