package app

import (
	"html/template"
	"net/http"
)

// startupErrorPage is the whole page the window shows when the workspace
// cannot be opened. It runs no script and loads nothing: the message is
// text (html/template escapes it), and the policy forbids everything but
// its own inline style.
var startupErrorPage = template.Must(template.New("startup").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<title>Success Desk</title>
<style>
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f8fafc; color: #0f172a;
         font: 14px/1.5 ui-sans-serif, system-ui, sans-serif; }
  main { max-width: 36rem; margin: 2rem; padding: 1.5rem 1.75rem; background: #fff; border: 1px solid #e2e8f0;
         border-radius: .75rem; }
  h1 { margin: 0 0 .5rem; font-size: 1.05rem; color: #b91c1c; }
  p { margin: .5rem 0 0; overflow-wrap: anywhere; }
  .hint { color: #475569; }
</style>
</head>
<body>
<main role="alert">
  <h1>Success Desk cannot open its data</h1>
  <p data-testid="startup-error">{{.Message}}</p>
  <p class="hint">Nothing was changed. Close this window, fix the cause above, and open Success Desk again.
  To use another folder, start it with <code>--data-dir</code>.</p>
</main>
</body>
</html>
`))

// StartupErrorHandler serves the page that says why the workspace could not
// be opened (message, as UserMessage gives it), in place of the app: the
// window still opens, so a person who started Success Desk from a launcher
// sees what went wrong rather than nothing.
func StartupErrorHandler(message string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" && r.URL.Path != "/index.html" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		startupErrorPage.Execute(w, struct{ Message string }{message})
	})
}
