package app

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestStartupErrorPageShowsTheMessageAsText(t *testing.T) {
	msg := `The book /home/ann/<script>alert(1)</script>/live.db cannot be opened: it is damaged.`
	h := StartupErrorHandler(msg)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	if strings.Contains(body, "<script>") {
		t.Fatal("the message's markup reached the page")
	}
	if !strings.Contains(body, "/home/ann/&lt;script&gt;alert(1)&lt;/script&gt;/live.db cannot be opened: it is damaged.") {
		t.Fatalf("the message is not on the page:\n%s", body)
	}
	if !strings.Contains(body, `content="default-src 'none'`) {
		t.Error("the page sets no policy")
	}

	// Anything else the webview asks for (the app's scripts, icons) is not there.
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/assets/index.js", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("/assets/index.js: status %d", rec.Code)
	}
}
