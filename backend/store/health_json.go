package store

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"successdesk/backend/domain"
)

// appendFactorsJSON appends fs as encoding/json marshals it, byte for byte
// (TestFactorsJSONMatchesEncodingJSON and FuzzFactorsJSON hold it to that),
// without reflection: a recompute encodes 100,000 factor lists. A time
// encoding/json would refuse (a year outside 0–9999) falls back to it, so
// the error is the same too.
func appendFactorsJSON(dst []byte, fs []domain.RiskFactor) ([]byte, error) {
	if fs == nil {
		return append(dst, "null"...), nil
	}
	start := len(dst)
	dst = append(dst, '[')
	for i := range fs {
		f := &fs[i]
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"code":`...)
		dst = appendJSONString(dst, f.Code)
		dst = append(dst, `,"category":`...)
		dst = appendJSONString(dst, string(f.Category))
		dst = append(dst, `,"label":`...)
		dst = appendJSONString(dst, f.Label)
		dst = append(dst, `,"points":`...)
		dst = strconv.AppendInt(dst, int64(f.Points), 10)
		dst = append(dst, `,"base":`...)
		dst = strconv.AppendInt(dst, int64(f.Base), 10)
		dst = append(dst, `,"detail":`...)
		dst = appendJSONString(dst, f.Detail)
		if len(f.Evidence) > 0 {
			dst = append(dst, `,"evidence":[`...)
			for j := range f.Evidence {
				e := &f.Evidence[j]
				if y := e.At.Year(); y < 0 || y > 9999 {
					b, err := json.Marshal(fs)
					return append(dst[:start], b...), err
				}
				if j > 0 {
					dst = append(dst, ',')
				}
				dst = append(dst, `{"kind":`...)
				dst = appendJSONString(dst, e.Kind)
				dst = append(dst, `,"ref":`...)
				dst = appendJSONString(dst, e.Ref)
				dst = append(dst, `,"label":`...)
				dst = appendJSONString(dst, e.Label)
				dst = append(dst, `,"at":"`...)
				dst = e.At.AppendFormat(dst, "2006-01-02T15:04:05.999999999Z07:00")
				dst = append(dst, `"}`...)
			}
			dst = append(dst, ']')
		}
		dst = append(dst, '}')
	}
	return append(dst, ']'), nil
}

// appendMissingJSON appends ms as encoding/json marshals it.
func appendMissingJSON(dst []byte, ms []domain.Missing) []byte {
	if ms == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i := range ms {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"category":`...)
		dst = appendJSONString(dst, string(ms[i].Category))
		dst = append(dst, `,"reason":`...)
		dst = appendJSONString(dst, ms[i].Reason)
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json does with HTML
// escaping on: <, > and & as \u003c, \u003e and \u0026; control characters
// as \b, \f, \n, \r, \t or \u00XX; invalid UTF-8 as \ufffd; U+2028 and
// U+2029 as \u2028 and \u2029.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
