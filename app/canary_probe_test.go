package app_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"successdesk/app"
	"successdesk/backend/domain"
)

// This file calls every read method of the window services by reflection,
// so a method added later is searched too.

func waitBackgroundSync(t *testing.T, d *app.Desk, ev *canaryEvents, before int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for ev.finishedRuns() <= before || d.Running() {
		if time.Now().After(deadline) {
			t.Fatal("the background sync did not finish")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// canaryMutators are service methods that change the book or start work;
// the reflective read pass skips them and the test calls each explicitly.
var canaryMutators = map[string]bool{
	"Connect": true, "Disconnect": true, "SyncNow": true, "SetMode": true, "SetSyncInterval": true,
	"SetTracked": true, "Route": true, "ClearRoute": true, "UndoRoute": true,
	"Attach": true, "Merge": true, "Split": true, "SetOptions": true,
}

// canaryProbe fills service requests with values that reach real data.
type canaryProbe struct {
	accounts []app.HealthRowDTO
	weights  app.WeightsDTO
	cutoffs  app.CutoffsDTO
	routeID  int64
}

// requests returns the requests to call a method taking typ with: the zero
// request (error paths), then one per sample account (and per source for
// requests naming one), with every field the probe knows filled in.
func (p canaryProbe) requests(typ reflect.Type) []reflect.Value {
	out := []reflect.Value{reflect.New(typ).Elem()}
	if typ.Kind() != reflect.Struct {
		return out
	}
	_, hasID := typ.FieldByName("AccountID")
	_, hasDomain := typ.FieldByName("Domain")
	_, hasSource := typ.FieldByName("Source")
	_, hasSection := typ.FieldByName("Section")
	fill := func(acct *app.HealthRowDTO, byDomain bool, src, sec string) reflect.Value {
		v := reflect.New(typ).Elem()
		for i := 0; i < typ.NumField(); i++ {
			f, fv := typ.Field(i), v.Field(i)
			if !f.IsExported() {
				continue
			}
			switch f.Name {
			case "AccountID":
				if acct != nil && !byDomain {
					fv.SetInt(acct.AccountID)
				}
			case "Domain":
				if acct != nil && byDomain {
					fv.SetString(acct.Domain)
				}
			case "Source":
				fv.SetString(src)
			case "Sources":
				fv.Set(reflect.ValueOf([]string{string(domain.SourceStripe)}))
			case "Section":
				fv.SetString(sec)
			case "From", "View":
				fv.SetString(string(domain.SectionHealth))
			case "To":
				fv.SetString(string(domain.SectionContracts))
			case "Weights":
				fv.Set(reflect.ValueOf(p.weights))
			case "Cutoffs":
				fv.Set(reflect.ValueOf(p.cutoffs))
			case "IncludeUntracked":
				fv.SetBool(true)
			case "Limit":
				fv.SetInt(500)
			case "Rows":
				fv.SetInt(1)
			case "RouteID":
				fv.SetInt(p.routeID)
			}
		}
		return v
	}
	switch {
	case hasID || hasDomain:
		for i := range p.accounts {
			if hasID {
				out = append(out, fill(&p.accounts[i], false, "", ""))
			}
			if hasDomain && p.accounts[i].Domain != "" {
				out = append(out, fill(&p.accounts[i], true, "", ""))
			}
		}
	case hasSource:
		for _, src := range domain.AllSources {
			out = append(out, fill(nil, false, string(src), ""))
		}
	case hasSection:
		for _, sec := range domain.Sections {
			out = append(out, fill(nil, false, "", string(sec)))
		}
	default:
		out = append(out, fill(nil, false, "", ""))
	}
	return out
}

// callReads calls every exported method of every service except the
// mutators, with the probe's requests, and scans each DTO and error. It
// returns the calls made and the DTOs by method.
func callReads(t *testing.T, sc *canaryScan, format func(error) any, label string, p canaryProbe, services ...any) (int, map[string][]any) {
	t.Helper()
	errType := reflect.TypeFor[error]()
	calls, dtos := 0, map[string][]any{}
	for _, svc := range services {
		v := reflect.ValueOf(svc)
		typ := v.Type()
		for i := 0; i < typ.NumMethod(); i++ {
			m := typ.Method(i)
			name := typ.Elem().Name() + "." + m.Name
			if canaryMutators[m.Name] {
				continue
			}
			mt := m.Type // receiver first
			if mt.NumIn() != 2 || mt.NumOut() != 2 || !mt.Out(1).Implements(errType) {
				t.Errorf("%s has an unexpected signature %s: teach the canary test to call it", name, mt)
				continue
			}
			for j, req := range p.requests(mt.In(1)) {
				out := v.Method(i).Call([]reflect.Value{req})
				calls++
				where := fmt.Sprintf("%s: %s#%d", label, name, j)
				dto := out[0].Interface()
				dtos[name] = append(dtos[name], dto)
				sc.json(where+" DTO", dto)
				if e, _ := out[1].Interface().(error); e != nil {
					sc.err(where, e, format)
				}
			}
		}
	}
	return calls, dtos
}
