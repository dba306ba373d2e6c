package bbfake

import (
	"fmt"
	"time"
)

// Rows are built as maps holding every field the fake's schema has, then
// cut down to the query's selection (prune). A null object relationship is
// a nil map[string]any, so prune can tell it from a null scalar.

// stampLayout is how Hasura writes a timestamptz.
const stampLayout = "2006-01-02T15:04:05.999999+00:00"

func stampJSON(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(stampLayout)
}

func textJSON(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (s *Server) personJSON(id int64) map[string]any {
	p, ok := s.people[id]
	if !ok {
		return nil
	}
	m := map[string]any{"id": p.ID, "first_name": textJSON(p.FirstName), "last_name": textJSON(p.LastName),
		"email": textJSON(p.Email), "persona_id": 246, "user": map[string]any(nil), "company": map[string]any(nil)}
	if p.UserID > 0 {
		m["user"] = map[string]any{"id": p.UserID}
		m["persona_id"] = 247
	}
	if c, ok := s.companies[p.CompanyID]; ok {
		m["company"] = map[string]any{"id": c.ID, "name": textJSON(c.Name), "domain": textJSON(c.Domain)}
	}
	return m
}

func (s *Server) callJSON(c *Call) map[string]any {
	atts := make([]any, 0, len(c.Attendees))
	for _, id := range c.Attendees {
		atts = append(atts, map[string]any{"person": s.personJSON(id)})
	}
	var secs any
	if !c.CompletedAt.IsZero() {
		secs = int64(c.CompletedAt.Sub(c.StartedAt) / time.Second)
	}
	return map[string]any{"id": c.ID, "name": textJSON(c.Name), "started_at": stampJSON(c.StartedAt),
		"completed_at": stampJSON(c.CompletedAt), "display_ts": stampJSON(c.StartedAt),
		"recorded_at": stampJSON(c.StartedAt), "created_at": stampJSON(c.CreatedAt),
		"short_summary": textJSON(c.Summary), "asset_duration_seconds": secs, "attendees": atts}
}

func (s *Server) signalJSON(x *Signal) map[string]any {
	types := make([]any, 0, len(x.Types))
	for _, t := range x.Types {
		types = append(types, map[string]any{"type": map[string]any{"name": t}})
	}
	m := map[string]any{"id": x.ID, "summary": textJSON(x.Summary), "context": textJSON(x.Context),
		"sentiment": 0, "display_ts": stampJSON(x.DisplayTS), "created_at": stampJSON(x.CreatedAt),
		"interview_id": nil, "types": types, "attendee": map[string]any(nil), "call": map[string]any(nil)}
	if p := s.personJSON(x.SpeakerID); p != nil {
		m["attendee"] = map[string]any{"person": p}
	}
	if c, ok := s.calls[x.CallID]; ok {
		m["interview_id"] = c.ID
		m["call"] = s.callJSON(c)
	}
	return m
}

// prune returns the fields of row that sel selects, under their response
// keys; a field the row does not have is the error Hasura gives for it.
func prune(row map[string]any, sel []*field, typ string) (map[string]any, error) {
	out := make(map[string]any, len(sel))
	for _, f := range sel {
		v, ok := row[f.name]
		if !ok {
			return nil, fmt.Errorf("field '%s' not found in type: '%s'", f.name, typ)
		}
		pv, err := pruneValue(v, f)
		if err != nil {
			return nil, err
		}
		out[f.alias] = pv
	}
	return out, nil
}

func pruneValue(v any, f *field) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		if f.sel == nil {
			return nil, fmt.Errorf("field '%s' must have a selection of subfields", f.name)
		}
		if x == nil {
			return nil, nil
		}
		return prune(x, f.sel, f.name)
	case []any:
		if f.sel == nil {
			return nil, fmt.Errorf("field '%s' must have a selection of subfields", f.name)
		}
		out := make([]any, 0, len(x))
		for _, e := range x {
			m, _ := e.(map[string]any)
			pm, err := pruneValue(m, f)
			if err != nil {
				return nil, err
			}
			out = append(out, pm)
		}
		return out, nil
	}
	if f.sel != nil {
		return nil, fmt.Errorf("field '%s' is a scalar and takes no selection", f.name)
	}
	return v, nil
}
