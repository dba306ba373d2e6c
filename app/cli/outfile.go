package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"successdesk/backend/appdirs"
)

// writeFile has write fill the file at path. The content goes to a new file
// beside it, which replaces path only once write and the close succeeded:
// a failed export leaves no half-written file and an earlier file at path
// as it was. The file is readable by its owner only (it holds customer
// data). A path that cannot be written gives an exitError (code 1) saying
// why in plain words; write's own errors are returned as they are.
func writeFile(path string, write func(io.Writer) error) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return outError(path, errIsFolder)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.part")
	if err != nil {
		return outError(path, err)
	}
	tmp := f.Name()
	if err := write(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return outError(path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return outError(path, err)
	}
	return nil
}

var errIsFolder = errors.New("is a folder")

// outError says in plain words why path could not be written.
func outError(path string, err error) error {
	reason := appdirs.PathTrouble(err)
	if errors.Is(err, errIsFolder) {
		reason = "it is a folder; name a file"
	}
	return exitError{1, fmt.Sprintf("could not write %s: %s", path, reason)}
}
