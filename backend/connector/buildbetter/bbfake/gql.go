package bbfake

import (
	"fmt"
	"strconv"
	"strings"
)

// The fake reads the subset of GraphQL the app's queries use: one query
// operation (optionally named, with variable definitions), fields with
// optional aliases, arguments and selection sets. Fragments, directives
// and mutations are refused.

// field is one selected field.
type field struct {
	alias string // response key; the name when no alias is given
	name  string
	args  map[string]arg
	sel   []*field // nil for a scalar
}

// arg is an argument value: a variable reference, an integer literal, or
// something else the fake does not read (an order_by object, an enum).
type arg struct {
	variable string
	num      int64
	isNum    bool
}

type parser struct {
	toks []string
	i    int
}

// parseQuery returns the root fields of a query document.
func parseQuery(src string) ([]*field, error) {
	toks, err := tokenize(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	if p.peek() == "query" {
		p.i++
		if isName(p.peek()) {
			p.i++
		}
		if p.peek() == "(" {
			if err := p.skipBalanced("(", ")"); err != nil {
				return nil, err
			}
		}
	} else if p.peek() != "{" {
		return nil, fmt.Errorf("only queries are supported, not %q", p.peek())
	}
	roots, err := p.selection()
	if err != nil {
		return nil, err
	}
	if p.i != len(p.toks) {
		return nil, fmt.Errorf("unexpected %q after the query", p.peek())
	}
	return roots, nil
}

func (p *parser) peek() string {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return ""
}

func (p *parser) expect(t string) error {
	if p.peek() != t {
		return fmt.Errorf("expected %q, found %q", t, p.peek())
	}
	p.i++
	return nil
}

// selection reads "{ field... }".
func (p *parser) selection() ([]*field, error) {
	if err := p.expect("{"); err != nil {
		return nil, err
	}
	var out []*field
	for p.peek() != "}" {
		if p.peek() == "" || p.peek() == "..." || p.peek() == "@" {
			return nil, fmt.Errorf("unsupported or unterminated selection at %q", p.peek())
		}
		f, err := p.field()
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	p.i++
	if len(out) == 0 {
		return nil, fmt.Errorf("empty selection")
	}
	return out, nil
}

func (p *parser) field() (*field, error) {
	name := p.peek()
	if !isName(name) {
		return nil, fmt.Errorf("expected a field name, found %q", name)
	}
	p.i++
	f := &field{alias: name, name: name}
	if p.peek() == ":" {
		p.i++
		if !isName(p.peek()) {
			return nil, fmt.Errorf("expected a field name after alias %q", name)
		}
		f.name = p.peek()
		p.i++
	}
	if p.peek() == "(" {
		p.i++
		f.args = map[string]arg{}
		for p.peek() != ")" {
			k := p.peek()
			if !isName(k) {
				return nil, fmt.Errorf("expected an argument name, found %q", k)
			}
			p.i++
			if err := p.expect(":"); err != nil {
				return nil, err
			}
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			f.args[k] = v
		}
		p.i++
	}
	if p.peek() == "{" {
		sel, err := p.selection()
		if err != nil {
			return nil, err
		}
		f.sel = sel
	}
	return f, nil
}

func (p *parser) value() (arg, error) {
	t := p.peek()
	switch {
	case t == "$":
		p.i++
		if !isName(p.peek()) {
			return arg{}, fmt.Errorf("expected a variable name")
		}
		v := p.peek()
		p.i++
		return arg{variable: v}, nil
	case t == "{":
		return arg{}, p.skipBalanced("{", "}")
	case t == "[":
		return arg{}, p.skipBalanced("[", "]")
	case t == "" || t == ")" || t == "}":
		return arg{}, fmt.Errorf("expected a value, found %q", t)
	}
	p.i++
	if n, err := strconv.ParseInt(t, 10, 64); err == nil {
		return arg{num: n, isNum: true}, nil
	}
	return arg{}, nil
}

// skipBalanced skips from open to its matching close.
func (p *parser) skipBalanced(open, close string) error {
	depth := 0
	for ; p.i < len(p.toks); p.i++ {
		switch p.toks[p.i] {
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				p.i++
				return nil
			}
		}
	}
	return fmt.Errorf("unbalanced %q", open)
}

// tokenize splits src into names, numbers, strings and punctuators;
// commas, white space and comments are dropped.
func tokenize(src string) ([]string, error) {
	var toks []string
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',':
			i++
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case strings.HasPrefix(src[i:], "..."):
			toks = append(toks, "...")
			i += 3
		case strings.ContainsRune("{}()[]:$!=@", rune(c)):
			toks = append(toks, string(c))
			i++
		case c == '"':
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(src) {
				return nil, fmt.Errorf("unterminated string")
			}
			toks = append(toks, src[i:j+1])
			i = j + 1
		case c == '-' || c >= '0' && c <= '9' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i + 1
			for j < len(src) && (src[j] == '_' || src[j] == '.' || src[j] >= '0' && src[j] <= '9' ||
				src[j] >= 'a' && src[j] <= 'z' || src[j] >= 'A' && src[j] <= 'Z') {
				j++
			}
			toks = append(toks, src[i:j])
			i = j
		default:
			return nil, fmt.Errorf("unexpected character %q", c)
		}
	}
	return toks, nil
}

func isName(t string) bool {
	if t == "" || !(t[0] == '_' || t[0] >= 'a' && t[0] <= 'z' || t[0] >= 'A' && t[0] <= 'Z') {
		return false
	}
	return !strings.Contains(t, ".")
}
