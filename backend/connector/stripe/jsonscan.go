package stripe

import (
	"encoding/json"
	"errors"
	"strconv"
	"unicode/utf8"
)

// scanner reads one JSON document from memory, validating its syntax as
// it goes (the grammar of RFC 8259, as encoding/json checks it) and
// decoding only the values a caller asks for: everything else is skipped
// without allocating. Decoded strings follow encoding/json exactly
// (escapes, invalid UTF-8 replaced by U+FFFD).
//
// Errors stop the scan: the first one is kept in err and every later call
// returns a zero value. Nothing panics on any input.
type scanner struct {
	b     []byte
	i     int
	err   error
	depth int
}

// maxDepth is encoding/json's nesting limit.
const maxDepth = 10000

var errSyntax = errors.New("malformed JSON")

// errType is a value of the wrong JSON type for its field.
var errType = errors.New("a JSON value has the wrong type")

func (s *scanner) fail(err error) {
	if s.err == nil {
		s.err = err
	}
	s.i = len(s.b)
}

// peek skips white space and returns the next byte, 0 at the end.
func (s *scanner) peek() byte {
	for s.i < len(s.b) {
		switch c := s.b[s.i]; c {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return c
		}
	}
	return 0
}

func (s *scanner) expect(c byte) bool {
	if s.peek() != c {
		s.fail(errSyntax)
		return false
	}
	s.i++
	return true
}

// literal consumes lit (true, false, null) at the current position.
func (s *scanner) literal(lit string) bool {
	if len(s.b)-s.i < len(lit) || string(s.b[s.i:s.i+len(lit)]) != lit {
		s.fail(errSyntax)
		return false
	}
	s.i += len(lit)
	return true
}

// null consumes a null if one is next.
func (s *scanner) null() bool {
	return s.peek() == 'n' && s.literal("null")
}

// end checks that only white space follows the document (a NUL byte is
// not the end: peek returns 0 for it too).
func (s *scanner) end() {
	s.peek()
	if s.i < len(s.b) && s.err == nil {
		s.fail(errSyntax)
	}
}

// strClass marks bytes that end a run of plain string bytes: the quote,
// the backslash, control characters and non-ASCII bytes.
var strClass = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c == '"' || c == '\\' || c < 0x20 || c >= 0x80
	}
	return t
}()

// rawString consumes a string and returns the bytes between its quotes and
// whether they are plain (no escapes, ASCII only), so usable as they are.
func (s *scanner) rawString() (raw []byte, plain bool) {
	if s.peek() != '"' {
		s.fail(errType)
		return nil, false
	}
	start := s.i + 1
	plain = true
	for i := start; i < len(s.b); {
		c := s.b[i]
		if !strClass[c] {
			i++
			continue
		}
		switch {
		case c == '"':
			s.i = i + 1
			return s.b[start:i], plain
		case c == '\\':
			plain = false
			if i+1 >= len(s.b) {
				s.fail(errSyntax)
				return nil, false
			}
			switch s.b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(s.b) || !isHex(s.b[i+2:i+6]) {
					s.fail(errSyntax)
					return nil, false
				}
				i += 6
			default:
				s.fail(errSyntax)
				return nil, false
			}
		case c < 0x20:
			s.fail(errSyntax)
			return nil, false
		default: // non-ASCII: any byte is allowed, invalid UTF-8 is replaced when decoded
			plain = false
			i++
		}
	}
	s.fail(errSyntax)
	return nil, false
}

func isHex(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// str decodes a string; null leaves "" (the field keeps its zero value).
func (s *scanner) str() string {
	if s.null() {
		return ""
	}
	start := s.i
	raw, plain := s.rawString()
	if s.err != nil {
		return ""
	}
	if plain || utf8.Valid(raw) && !hasBackslash(raw) {
		return string(raw)
	}
	var out string
	if err := json.Unmarshal(s.b[start:s.i], &out); err != nil {
		s.fail(errSyntax)
	}
	return out
}

func hasBackslash(b []byte) bool {
	for _, c := range b {
		if c == '\\' {
			return true
		}
	}
	return false
}

// key reads an object key, unescaped (in a fresh slice) only when needed.
func (s *scanner) key() []byte {
	start := s.i
	raw, plain := s.rawString()
	if s.err != nil || plain || utf8.Valid(raw) && !hasBackslash(raw) {
		return raw
	}
	var out string
	if err := json.Unmarshal(s.b[start:s.i], &out); err != nil {
		s.fail(errSyntax)
	}
	return []byte(out)
}

// number consumes a JSON number and returns its text.
func (s *scanner) number() []byte {
	b, i := s.b, s.i
	start := i
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
	default:
		s.fail(errSyntax)
		return nil
	}
	if i < len(b) && b[i] == '.' {
		i++
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			s.fail(errSyntax)
			return nil
		}
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			s.fail(errSyntax)
			return nil
		}
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
	}
	s.i = i
	return b[start:i]
}

// int64v decodes an integer as encoding/json does into an int64: null
// leaves 0; a fraction, an exponent or an overflow is a type error.
func (s *scanner) int64v() int64 {
	switch c := s.peek(); {
	case c == 'n':
		s.literal("null")
		return 0
	case c == '-' || '0' <= c && c <= '9':
		tok := s.number()
		if s.err != nil {
			return 0
		}
		if len(tok) <= 18 && tok[0] != '-' { // fits: no overflow check needed
			var n int64
			for _, d := range tok {
				if d < '0' || d > '9' {
					s.fail(errType)
					return 0
				}
				n = n*10 + int64(d-'0')
			}
			return n
		}
		n, err := strconv.ParseInt(string(tok), 10, 64)
		if err != nil {
			s.fail(errType)
		}
		return n
	}
	s.skip()
	s.fail(errType)
	return 0
}

// boolv decodes a boolean; null leaves false.
func (s *scanner) boolv() bool {
	switch s.peek() {
	case 't':
		return s.literal("true")
	case 'f':
		s.literal("false")
		return false
	case 'n':
		s.literal("null")
		return false
	}
	s.skip()
	s.fail(errType)
	return false
}

// floatv decodes a JSON number as encoding/json does into a float64: null
// leaves 0; anything else, or a number out of range, is a type error.
func (s *scanner) floatv() float64 {
	switch c := s.peek(); {
	case c == 'n':
		s.literal("null")
		return 0
	case c == '-' || '0' <= c && c <= '9':
		tok := s.number()
		if s.err != nil {
			return 0
		}
		f, err := strconv.ParseFloat(string(tok), 64)
		if err != nil {
			s.fail(errType)
		}
		return f
	}
	s.skip()
	s.fail(errType)
	return 0
}

// quotedFloat decodes a float sent as a string, as encoding/json does for
// a field tagged `json:",string"`: null or "null" leave 0.
func (s *scanner) quotedFloat() float64 {
	if s.null() {
		return 0
	}
	if s.peek() != '"' {
		s.skip()
		s.fail(errType)
		return 0
	}
	v := s.str()
	if s.err != nil || v == "null" {
		return 0
	}
	if v == "" || v[0] != '-' && (v[0] < '0' || v[0] > '9') {
		s.fail(errType)
		return 0
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		s.fail(errType)
	}
	return f
}

// object walks an object, calling field for each key; field must consume
// the value (skip it when the key is unknown). A null is an empty object.
func (s *scanner) object(field func(key []byte)) {
	if !s.enter('{', '}') {
		return
	}
	for s.err == nil {
		if s.peek() != '"' {
			s.fail(errSyntax)
			return
		}
		k := s.key()
		if !s.expect(':') {
			return
		}
		s.peek()
		field(k)
		if !s.next('}') {
			return
		}
	}
}

// array walks an array, calling elem for each element, which must consume
// it. A null is an empty array.
func (s *scanner) array(elem func()) {
	if !s.enter('[', ']') {
		return
	}
	for s.err == nil {
		s.peek()
		elem()
		if !s.next(']') {
			return
		}
	}
}

// enter starts a container that opens with open and closes with close. It
// reports whether members follow: false for a null or an empty container
// (both consumed), and on an error (anything else is a type error, nesting
// past maxDepth a syntax error).
func (s *scanner) enter(open, close byte) bool {
	switch s.peek() {
	case 'n':
		s.literal("null")
		return false
	case open:
	default:
		s.skip()
		s.fail(errType)
		return false
	}
	if s.depth++; s.depth > maxDepth {
		s.fail(errSyntax)
		return false
	}
	s.i++
	if s.peek() == close {
		s.i++
		s.depth--
		return false
	}
	return true
}

// next consumes what follows a container's member: a comma (true: another
// member follows) or close (false: the container is done). Anything else
// is a syntax error.
func (s *scanner) next(close byte) bool {
	switch s.peek() {
	case ',':
		s.i++
		return true
	case close:
		s.i++
		s.depth--
		return false
	default:
		s.fail(errSyntax)
		return false
	}
}

// skip consumes any value, checking its syntax.
func (s *scanner) skip() {
	switch c := s.peek(); {
	case c == '{':
		s.object(func([]byte) { s.skip() })
	case c == '[':
		s.array(s.skip)
	case c == '"':
		s.rawString()
	case c == 't':
		s.literal("true")
	case c == 'f':
		s.literal("false")
	case c == 'n':
		s.literal("null")
	case c == '-' || '0' <= c && c <= '9':
		s.number()
	default:
		s.fail(errSyntax)
	}
}

// raw consumes any value and returns its bytes.
func (s *scanner) raw() []byte {
	start := s.i
	s.skip()
	if s.err != nil {
		return nil
	}
	return s.b[start:s.i]
}
