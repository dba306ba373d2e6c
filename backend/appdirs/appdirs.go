// Package appdirs resolves where Success Desk keeps its files on each OS:
// the data directory (SQLite books) and the log file. It only computes
// paths; it creates nothing except when asked by Ensure.
package appdirs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"successdesk/backend/domain"
)

// AppName is the folder name under the OS config directory.
const AppName = "SuccessDesk"

// Dirs are the resolved paths.
type Dirs struct {
	Data string // books: live.db, demo.db
	Logs string
	// Exports is where exports from the window are saved: the user's
	// Downloads folder, or <data>/exports when the data folder was chosen
	// on the command line (tests, portable installs). "" means <data>/exports.
	Exports string
}

// Resolve returns the directories. A non-empty override (--data-dir) wins;
// otherwise the OS config directory is used: ~/.config/SuccessDesk on Linux,
// ~/Library/Application Support/SuccessDesk on macOS, %AppData%\SuccessDesk on Windows.
func Resolve(override string) (Dirs, error) {
	base := override
	if base == "" {
		cfg, err := os.UserConfigDir()
		if err != nil {
			return Dirs{}, fmt.Errorf("find the config directory: %w", err)
		}
		base = filepath.Join(cfg, AppName)
	}
	abs, err := filepath.Abs(base)
	if err != nil {
		return Dirs{}, err
	}
	d := Dirs{Data: abs, Logs: filepath.Join(abs, "logs"), Exports: filepath.Join(abs, "exports")}
	if override == "" {
		if home, err := os.UserHomeDir(); err == nil {
			d.Exports = filepath.Join(home, "Downloads")
		}
	}
	return d, nil
}

// Ensure creates the directories (mode 0700: the books hold customer data).
// A folder that cannot be made gives a domain error (EUnavailable) saying
// which and why in plain words.
func (d Dirs) Ensure() error {
	for _, p := range []string{d.Data, d.Logs} {
		if err := os.MkdirAll(p, 0o700); err != nil {
			return domain.Errorf(domain.EUnavailable, "Success Desk cannot keep its data in %s: %s.", p, PathTrouble(err))
		}
	}
	return nil
}

// PathTrouble says in plain words why the system refused a file or folder
// operation on a path: "its folder does not exist", "permission denied",
// "a file is in the way", or the system's own words.
func PathTrouble(err error) string {
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "its folder does not exist"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.Is(err, syscall.ENOTDIR) || errors.Is(err, fs.ErrExist):
		return "a file is in the way"
	case errors.As(err, &pe):
		return pe.Err.Error()
	}
	return "the system refused it"
}

// DemoBook is the demo book's file.
func (d Dirs) DemoBook() string { return filepath.Join(d.Data, "demo.db") }

// LiveBook is the live book's file.
func (d Dirs) LiveBook() string { return filepath.Join(d.Data, "live.db") }

// ExportDir is where exports are saved (see Exports).
func (d Dirs) ExportDir() string {
	if d.Exports != "" {
		return d.Exports
	}
	return filepath.Join(d.Data, "exports")
}
