package hsfake

// CustomProperty is one of the book's custom company properties.
type CustomProperty struct {
	Name, Label, Type, FieldType string
	Options                      []Option // enumerations only
}

// Option is an enumeration choice.
type Option struct{ Value, Label string }

// CustomProperties are the book's custom company properties.
var CustomProperties = []CustomProperty{
	{Name: "customer_tier", Label: "Customer tier", Type: "enumeration", FieldType: "select",
		Options: []Option{{"gold", "Gold"}, {"silver", "Silver"}, {"bronze", "Bronze"}}},
	{Name: "success_region", Label: "Success region", Type: "enumeration", FieldType: "radio",
		Options: []Option{{"na", "North America"}, {"emea", "EMEA"}, {"apac", "APAC"}}},
	{Name: "products_in_use", Label: "Products in use", Type: "enumeration", FieldType: "checkbox",
		Options: []Option{{"analytics", "Analytics"}, {"billing", "Billing"}, {"support", "Support"}}},
	{Name: "renewal_notes", Label: "Renewal notes", Type: "string", FieldType: "textarea"},
}

// propertyDefs is the answer of GET /crm/v3/properties/companies: a few
// standard properties, a hidden one and the custom ones.
func propertyDefs() []map[string]any {
	def := func(name, label, typ, field, group string, hubspot, hidden bool, opts []Option) map[string]any {
		options := []map[string]any{}
		for i, o := range opts {
			options = append(options, map[string]any{"label": o.Label, "value": o.Value, "displayOrder": i,
				"hidden": false})
		}
		return map[string]any{"name": name, "label": label, "type": typ, "fieldType": field, "groupName": group,
			"description": "", "options": options, "displayOrder": -1, "calculated": false,
			"externalOptions": false, "hasUniqueValue": name == "hs_object_id", "hidden": hidden,
			"hubspotDefined": hubspot, "archived": false, "formField": !hidden,
			"createdAt": "2020-01-15T10:00:00.000Z", "updatedAt": "2024-03-01T09:30:00.000Z",
			"modificationMetadata": map[string]any{"archivable": !hubspot, "readOnlyDefinition": hubspot,
				"readOnlyValue": false}}
	}
	var ind []Option
	for _, i := range industries {
		if i.code != "" {
			ind = append(ind, Option{i.code, industryLabel(i.code)})
		}
	}
	out := []map[string]any{
		def("name", "Company name", "string", "text", "companyinformation", true, false, nil),
		def("domain", "Company domain name", "string", "text", "companyinformation", true, false, nil),
		def("website", "Website URL", "string", "text", "companyinformation", true, false, nil),
		def("industry", "Industry", "enumeration", "select", "companyinformation", true, false, ind),
		def("numberofemployees", "Number of Employees", "number", "number", "companyinformation", true, false, nil),
		def("city", "City", "string", "text", "companyinformation", true, false, nil),
		def("state", "State/Region", "string", "text", "companyinformation", true, false, nil),
		def("country", "Country/Region", "string", "text", "companyinformation", true, false, nil),
		def("hs_lastmodifieddate", "Last Modified Date", "datetime", "text", "companyinformation", true, false, nil),
		def("hs_object_id", "Record ID", "number", "number", "companyinformation", true, true, nil),
	}
	for _, p := range CustomProperties {
		out = append(out, def(p.Name, p.Label, p.Type, p.FieldType, "success", false, false, p.Options))
	}
	return out
}

// industryLabel is HubSpot's own option label for an industry code (title
// case), which differs from what the sync shows.
func industryLabel(code string) string {
	out := []byte(code)
	upper := true
	for i, c := range out {
		switch {
		case c == '_':
			out[i], upper = ' ', true
		case upper:
			upper = false
		case c >= 'A' && c <= 'Z':
			out[i] = c + 'a' - 'A'
		}
	}
	return string(out)
}

// pipelines is the answer of GET /crm/v3/pipelines/deals: HubSpot's
// default sales pipeline and a renewals pipeline with numeric stage ids,
// stages listed out of display order, metadata as strings as v3 sends it.
func pipelines() []map[string]any {
	stage := func(id, label string, order int, prob string, closed bool) map[string]any {
		c := "false"
		if closed {
			c = "true"
		}
		return map[string]any{"id": id, "label": label, "displayOrder": order, "archived": false,
			"metadata":  map[string]string{"isClosed": c, "probability": prob},
			"createdAt": "2021-05-04T12:00:00.000Z", "updatedAt": "2024-02-01T08:00:00.000Z"}
	}
	return []map[string]any{
		{"id": "default", "label": "Sales Pipeline", "displayOrder": 0, "archived": false,
			"createdAt": "2021-05-04T12:00:00.000Z", "updatedAt": "2024-02-01T08:00:00.000Z",
			"stages": []map[string]any{
				stage("closedwon", "Closed Won", 5, "1.0", true),
				stage("appointmentscheduled", "Appointment Scheduled", 0, "0.2", false),
				stage("qualifiedtobuy", "Qualified To Buy", 1, "0.4", false),
				stage("presentationscheduled", "Presentation Scheduled", 2, "0.6", false),
				stage("decisionmakerboughtin", "Decision Maker Bought-In", 3, "0.8", false),
				stage("contractsent", "Contract Sent", 4, "0.9", false),
				stage("closedlost", "Closed Lost", 6, "0.0", true),
			}},
		{"id": "75439116", "label": "Renewals", "displayOrder": 1, "archived": false,
			"createdAt": "2022-01-10T12:00:00.000Z", "updatedAt": "2024-02-01T08:00:00.000Z",
			"stages": []map[string]any{
				stage("139027485", "Renewal due", 0, "0.5", false),
				stage("139027487", "Renewed", 2, "1.0", true),
				stage("139027486", "Negotiating", 1, "0.7", false),
				stage("139027488", "Churned", 3, "0.0", true),
			}},
	}
}
