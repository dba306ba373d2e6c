package app

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"successdesk/backend/domain"
)

// saveExport writes content to a new file named for the export in the
// workspace's export folder and returns its path. An existing file is never
// overwritten: "contracts-2026-11-26.csv" becomes "contracts-2026-11-26 (2).csv".
// The file is readable by its owner only: it holds customer data.
func (w *Workspace) saveExport(kind, format string, content []byte) (string, error) {
	dir := w.ExportDir
	if dir == "" {
		return "", domain.Errorf(domain.EInternal, "No export folder is set.")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", domain.Errorf(domain.EInternal, "Could not create the export folder %s: %v", dir, err)
	}
	stem := fmt.Sprintf("%s-%s", kind, w.Now().Format(time.DateOnly))
	for n := 1; n < 1000; n++ {
		name := stem + "." + format
		if n > 1 {
			name = fmt.Sprintf("%s (%d).%s", stem, n, format)
		}
		p := filepath.Join(dir, name)
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if os.IsExist(err) {
			continue
		}
		if err != nil {
			return "", domain.Errorf(domain.EInternal, "Could not save the export: %v", err)
		}
		if _, err := f.Write(content); err != nil {
			f.Close()
			os.Remove(p)
			return "", domain.Errorf(domain.EInternal, "Could not save the export: %v", err)
		}
		if err := f.Close(); err != nil {
			return "", domain.Errorf(domain.EInternal, "Could not save the export: %v", err)
		}
		return p, nil
	}
	return "", domain.Errorf(domain.EConflict, "Too many exports named %s in %s today.", stem, dir)
}
