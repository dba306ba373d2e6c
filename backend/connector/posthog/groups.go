package posthog

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// groupTypeInfo is one entry of GET /api/projects/{id}/groups_types/.
type groupTypeInfo struct {
	GroupType    string  `json:"group_type"`
	Index        *int    `json:"group_type_index"`
	NameSingular *string `json:"name_singular"`
	NamePlural   *string `json:"name_plural"`
}

// grouping returns the group type the queries count by (nil for e-mail
// domains), its index looked up by name when it was not configured: one
// GET of the project's group types, once per connector.
func (c *Connector) grouping(ctx context.Context, project string) (*groupType, error) {
	if c.group == nil || c.group.index != LookUpIndex {
		return c.group, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.foundIndex == LookUpIndex {
		i, err := c.lookUpGroupType(ctx, project, c.group.name)
		if err != nil {
			return nil, err
		}
		c.foundIndex = i
	}
	return &groupType{name: c.group.name, index: c.foundIndex}, nil
}

// lookUpGroupType finds the index of the group type called name (its
// key, or its singular or plural display name, in any case).
func (c *Connector) lookUpGroupType(ctx context.Context, project, name string) (int, error) {
	body, _, err := c.call(ctx, http.MethodGet, "/api/projects/"+project+"/groups_types/", nil)
	if connector.IsForbidden(err) {
		return 0, domain.Errorf(domain.EUnauthorized,
			"PostHog refused to list the project's group types: give the personal API key the Group read scope.")
	}
	if err != nil {
		return 0, err
	}
	var list []groupTypeInfo
	if json.Unmarshal(body, &list) != nil {
		var page struct {
			Results []groupTypeInfo `json:"results"`
		}
		if json.Unmarshal(body, &page) != nil {
			return 0, unreadable()
		}
		list = page.Results
	}
	var names []string
	for _, g := range list {
		if g.Index == nil || *g.Index < 0 || *g.Index > MaxGroupIndex {
			continue
		}
		for _, n := range []*string{&g.GroupType, g.NameSingular, g.NamePlural} {
			if n != nil && strings.EqualFold(strings.TrimSpace(*n), name) {
				return *g.Index, nil
			}
		}
		names = append(names, cleanName(g.GroupType))
	}
	msg := "PostHog has no group type called " + quote(name) + " in this project"
	if len(names) > 0 {
		msg += " (it has " + strings.Join(names, ", ") + ")"
	}
	return 0, domain.Errorf(domain.EInvalid, "%s; check the company group type in Settings.", msg)
}

func quote(s string) string { return "“" + cleanName(s) + "”" }
