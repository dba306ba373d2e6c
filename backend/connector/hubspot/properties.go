package hubspot

import (
	"cmp"
	"context"
	"net/url"
	"slices"
	"strings"

	"successdesk/backend/connector"
)

// Property is one company property as Settings offers it for the
// enrichment panel.
type Property struct {
	Name        string // internal name, what WithCustomProperties takes
	Label       string // as HubSpot shows it
	Type        string // string, number, date, datetime, enumeration, bool, ...
	FieldType   string // text, textarea, select, checkbox, booleancheckbox, number, ...
	Group       string // HubSpot's property group ("companyinformation")
	Description string
	Options     []PropertyOption // enumerations' choices, in HubSpot's order
	// Custom is true for properties the account created (HubSpot's
	// hubspotDefined is false): the ones Settings offers first.
	Custom bool
	// Hidden properties are not shown in HubSpot's own forms.
	Hidden bool
}

// PropertyOption is one choice of an enumeration property.
type PropertyOption struct {
	Label string
	Value string
}

type propertyJSON struct {
	Name           flex `json:"name"`
	Label          flex `json:"label"`
	Type           flex `json:"type"`
	FieldType      flex `json:"fieldType"`
	GroupName      flex `json:"groupName"`
	Description    flex `json:"description"`
	HubSpotDefined flex `json:"hubspotDefined"`
	Hidden         flex `json:"hidden"`
	Archived       flex `json:"archived"`
	Options        []struct {
		Label  flex `json:"label"`
		Value  flex `json:"value"`
		Hidden flex `json:"hidden"`
	} `json:"options"`
}

// Properties lists the account's company property definitions
// (GET /crm/v3/properties/companies), archived ones left out, sorted by
// label and then name. Errors are as for Fetch; a 403 is EUnauthorized
// naming the scopes HubSpot says are needed (which scope reads property
// definitions differs between HubSpot's app kinds, so none is assumed).
func (c *Connector) Properties(ctx context.Context) ([]Property, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if c.token == "" {
		return nil, notConnected()
	}
	a, err := c.get(ctx, "/crm/v3/properties/companies", url.Values{"archived": {"false"}}, "")
	if err != nil {
		return nil, err
	}
	var l struct {
		Results []propertyJSON `json:"results"`
	}
	if decodeObject(a.body, &l) != nil {
		return nil, unreadable()
	}
	out := make([]Property, 0, len(l.Results))
	for _, r := range l.Results {
		name := strings.TrimSpace(string(r.Name))
		if !propName.MatchString(name) || r.Archived.Bool() {
			continue
		}
		p := Property{
			Name: name, Label: clean(string(r.Label), maxText), Type: clean(string(r.Type), maxText),
			FieldType: clean(string(r.FieldType), maxText), Group: clean(string(r.GroupName), maxText),
			Description: clean(string(r.Description), maxCustom),
			Custom:      !r.HubSpotDefined.Bool(), Hidden: r.Hidden.Bool(),
		}
		for _, o := range r.Options {
			if v := string(o.Value); v != "" && !o.Hidden.Bool() {
				p.Options = append(p.Options, PropertyOption{Label: clean(string(o.Label), maxCustom), Value: v})
			}
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b Property) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label)), cmp.Compare(a.Name, b.Name))
	})
	return out, nil
}

// customFields returns the chosen custom properties with the keys and
// option labels mapping uses, reading the definitions when they were not
// read yet or refresh is set. A token that may not read definitions (403)
// keys values by internal name; other errors are returned.
func (c *Connector) customFields(ctx context.Context, refresh bool) ([]customField, error) {
	if len(c.custom) == 0 {
		return nil, nil
	}
	c.mu.Lock()
	fields := c.fields
	c.mu.Unlock()
	if fields != nil && !refresh {
		return fields, nil
	}
	props, err := c.Properties(ctx)
	switch {
	case connector.IsForbidden(err):
		props = nil
	case err != nil:
		return nil, err
	}
	fields = buildFields(c.custom, props)
	c.mu.Lock()
	c.fields = fields
	c.mu.Unlock()
	return fields, nil
}

// buildFields keys each chosen property by its label, else its name; a
// label shared by two chosen properties (case-insensitively) or equal to
// another's name keys both by name.
func buildFields(names []string, props []Property) []customField {
	defs := make(map[string]Property, len(props))
	for _, p := range props {
		defs[p.Name] = p
	}
	label := func(n string) string { return strings.ToLower(defs[n].Label) }
	fields := make([]customField, 0, len(names))
	for _, n := range names {
		f := customField{name: n, key: n}
		if l := defs[n].Label; l != "" {
			clash := false
			for _, m := range names {
				if m != n && (label(m) == strings.ToLower(l) || strings.EqualFold(m, l)) {
					clash = true
				}
			}
			if !clash {
				f.key = l
			}
		}
		if opts := defs[n].Options; len(opts) > 0 {
			f.options = make(map[string]string, len(opts))
			for _, o := range opts {
				f.options[o.Value] = o.Label
			}
		}
		fields = append(fields, f)
	}
	return fields
}
