package sources

import (
	"context"
	"slices"
	"strings"

	"successdesk/backend/connector/hubspot"
	"successdesk/backend/domain"
)

// Property is a field of a source's records a person may choose to show
// (a HubSpot company property).
type Property struct {
	Name   string // what the source calls it internally; what the option stores
	Label  string
	Group  string
	Custom bool // made by the account rather than the source
}

// Properties lists the properties src offers for its OptionProperties
// setting, the account's own first, then by label. Sources without such a
// setting give EInvalid.
func (f *Factory) Properties(ctx context.Context, src domain.Source, token string, opts Options) ([]Property, error) {
	if src != domain.SourceHubSpot {
		return nil, domain.Errorf(domain.EInvalid, "%s has no properties to choose.", src.Label())
	}
	c, err := f.Build(src, token, opts)
	if err != nil {
		return nil, err
	}
	props, err := c.(*hubspot.Connector).Properties(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Property, 0, len(props))
	for _, p := range props {
		if p.Hidden {
			continue
		}
		out = append(out, Property{Name: p.Name, Label: p.Label, Group: p.Group, Custom: p.Custom})
	}
	slices.SortStableFunc(out, func(a, b Property) int {
		if a.Custom != b.Custom {
			if a.Custom {
				return -1
			}
			return 1
		}
		return strings.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label))
	})
	return out, nil
}
