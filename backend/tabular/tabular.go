// Package tabular writes exported tables for spreadsheets: CSV with a
// header row and formula-safe cells, or indented JSON. Callers pass plain
// values (ISO dates, decimal numbers); this package does no formatting of
// its own beyond defusing formulas.
package tabular

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strings"
)

// SafeCell defuses text that a spreadsheet would run as a formula by
// prefixing a quote to cells that start with =, +, -, @, tab or CR.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteCSV writes header and rows as RFC 4180 CSV. Cells of the columns
// named in text are passed through SafeCell; numeric columns are written
// as given so that "-12.50" stays a number.
func WriteCSV(w io.Writer, header []string, text map[int]bool, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range rows {
		out := r
		if len(text) > 0 {
			out = make([]string, len(r))
			for i, c := range r {
				if text[i] {
					c = SafeCell(c)
				}
				out[i] = c
			}
		}
		if err := cw.Write(out); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes v as indented JSON followed by a newline.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
