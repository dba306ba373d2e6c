package demo

// Word lists for company and people names. All generated text is ASCII except
// the hard cases and a few place names.

// curatedCompany is a hand-picked name with the domain it uses.
type curatedCompany struct{ name, domain string }

// curated companies come first in every book, in this order.
var curated = []curatedCompany{
	{"Hooli", "hooli.com"}, {"Initech Systems", "initech.com"}, {"Raviga Capital", "raviga.com"},
	{"Nucleus Labs", "nucleuslabs.io"}, {"Bachmanity", "bachmanity.com"}, {"Aviato", "aviato.com"},
	{"Endframe", "endframe.io"}, {"Northwind Analytics", "northwindanalytics.com"},
	{"Bluebird Freight", "bluebirdfreight.com"}, {"Copperline Logistics", "copperlinelogistics.com"},
	{"Meridian Health Partners", "meridianhealth.co"}, {"Maleant Data Systems", "maleant.com"},
	{"Bream-Hall Capital", "breamhall.com"}, {"Coleman-Blair", "colemanblair.com"},
	{"Tidewater Dental Group", "tidewaterdental.com"}, {"Lumen Robotics", "lumenrobotics.ai"},
	{"Granite Peak Insurance", "granitepeak.com"}, {"Sable & Finch", "sableandfinch.com"},
	{"Intersite", "intersite.io"}, {"Kestrel Aerospace", "kestrelaero.com"},
	{"Oakmont Realty", "oakmontrealty.com"}, {"Quarry Street Studios", "quarrystreet.co"},
	{"Foxglove Bio", "foxglovebio.com"}, {"Vandelay Industries", "vandelay.com"},
	{"Brightwater Foods", "brightwaterfoods.com"}, {"Ironbark Security", "ironbark.io"},
	{"Lattice Payments", "latticepay.com"}, {"Westbridge Learning", "westbridgelearning.com"},
	{"Saffron Hospitality Group", "saffronhospitality.com"}, {"Redwood Data", "redwooddata.io"},
	{"Harbor & Vine", "harborandvine.com"}, {"Evergreen Solar Co.", "evergreensolar.co"},
}

// brandWords are stand-alone first words ("Meridian", "Kestrel").
var brandWords = []string{
	"Meridian", "Halcyon", "Juniper", "Kestrel", "Larkspur", "Nimbus", "Sable", "Zephyr", "Alder",
	"Beacon", "Cascade", "Driftwood", "Ember", "Foxglove", "Glacier", "Indigo", "Keystone", "Lumen",
	"Orchard", "Prairie", "Quarry", "Saffron", "Timber", "Vantage", "Willow", "Arbor", "Atlas",
	"Aurora", "Basalt", "Bramble", "Canopy", "Cinder", "Cobalt", "Compass", "Cypress", "Delta",
	"Evergreen", "Falcon", "Fathom", "Fern", "Flint", "Garnet", "Harbor", "Heron", "Horizon", "Ivy",
	"Jasper", "Kiln", "Lantern", "Ledger", "Linden", "Magnolia", "Mariner", "Meadow", "Mosaic",
	"Nova", "Oakmont", "Obsidian", "Onyx", "Osprey", "Paragon", "Pinnacle", "Quill", "Rook",
	"Sequoia", "Sierra", "Sparrow", "Summit", "Tandem", "Tern", "Thistle", "Topaz", "Trellis",
	"Tundra", "Umber", "Vesper", "Wren", "Yarrow", "Zenith", "Apex", "Crescent", "Dune", "Echo",
	"Fable", "Grove", "Helix", "Iris", "Kinetic", "Lattice", "Marble", "Northstar", "Orbit",
	"Pebble", "Quantum", "Radiant", "Slate", "Tidal", "Vector", "Verdant", "Bluebird", "Copperline",
	"Tidewater", "Brightwater", "Ironbark", "Westbridge", "Redwood", "Granite", "Pioneer", "Anchor",
}

// compound words are built as prefix+root ("Northfield", "Silverpeak").
var (
	compoundPrefixes = []string{"North", "South", "East", "West", "Blue", "Red", "Green", "Silver", "Gold",
		"Iron", "Copper", "Stone", "Clear", "Bright", "High", "Deep", "Oak", "Pine", "Maple", "Cedar",
		"Star", "Sun", "Moon", "Storm", "River", "Lake", "Sea", "Wind", "Fire", "Snow"}
	compoundRoots = []string{"field", "line", "ridge", "brook", "gate", "wave", "peak", "point",
		"water", "wood", "light", "forge", "crest", "haven", "stone", "path", "mark", "bridge", "view", "fall"}
)

// noun is the second word of a company name and the industry it implies.
type noun struct {
	word, industry string
	tech           bool // prefers .io / .ai domains
}

var nouns = []noun{
	{"Analytics", "Software", true}, {"Labs", "Research", true}, {"Health", "Healthcare", false},
	{"Logistics", "Transportation & Logistics", false}, {"Freight", "Transportation & Logistics", false},
	{"Capital", "Financial Services", false}, {"Financial", "Financial Services", false},
	{"Payments", "Fintech", true}, {"Insurance", "Insurance", false},
	{"Robotics", "Industrial Automation", true}, {"Energy", "Energy", false},
	{"Solar", "Renewable Energy", false}, {"Foods", "Food & Beverage", false},
	{"Brewing", "Food & Beverage", false}, {"Dental", "Healthcare", false},
	{"Clinics", "Healthcare", false}, {"Legal", "Legal Services", false},
	{"Media", "Media & Publishing", false}, {"Studios", "Media & Entertainment", false},
	{"Software", "Software", true}, {"Systems", "Software", true},
	{"Networks", "Telecommunications", true}, {"Cloud", "Software", true}, {"Data", "Software", true},
	{"AI", "Artificial Intelligence", true}, {"Security", "Cybersecurity", true},
	{"Bio", "Biotechnology", true}, {"Therapeutics", "Biotechnology", false},
	{"Pharma", "Pharmaceuticals", false}, {"Realty", "Real Estate", false},
	{"Properties", "Real Estate", false}, {"Construction", "Construction", false},
	{"Learning", "Education", false}, {"Academy", "Education", false}, {"Supply", "Wholesale", false},
	{"Outfitters", "Retail", false}, {"Apparel", "Retail", false}, {"Home", "Consumer Goods", false},
	{"Motors", "Automotive", false}, {"Aerospace", "Aerospace & Defense", false},
	{"Marine", "Maritime", false}, {"Farms", "Agriculture", false},
	{"Hospitality", "Hospitality", false}, {"Travel", "Travel & Leisure", false},
	{"Consulting", "Professional Services", false}, {"Staffing", "Staffing & Recruiting", false},
	{"Manufacturing", "Manufacturing", false}, {"Works", "Manufacturing", false},
	{"Telecom", "Telecommunications", false}, {"Games", "Gaming", true}, {"Commerce", "E-commerce", true},
	{"Mobility", "Transportation", true},
}

// companySuffixes end a name; the empty string is weighted by repetition.
var companySuffixes = []string{"", "", "", "", "Inc.", "Group", "Partners", "Co.", "LLC", "Holdings",
	"Technologies", "Collective", "Corp."}

var firstNames = []string{
	"Aaliyah", "Aaron", "Abigail", "Adrian", "Aisha", "Alejandro", "Amara", "Amelia", "Ana", "Andre",
	"Anika", "Ben", "Bianca", "Caleb", "Camila", "Chen", "Chloe", "Connor", "Daniel", "Daria", "David",
	"Deepa", "Diego", "Elena", "Eli", "Emeka", "Emily", "Ethan", "Fatima", "Felix", "Gabriel", "Grace",
	"Hana", "Hannah", "Hiro", "Ibrahim", "Imani", "Isaac", "Isabel", "Jamal", "James", "Jenna", "Jin",
	"Jordan", "Julia", "Kai", "Kavya", "Keisha", "Kenji", "Laila", "Lars", "Leah", "Liam", "Lucas",
	"Maya", "Mei", "Miguel", "Mira", "Mohammed", "Nadia", "Naomi", "Nathan", "Nia", "Noah", "Olga",
	"Omar", "Owen", "Paolo", "Priya", "Rafael", "Rachel", "Ravi", "Rosa", "Ryan", "Sakura", "Samuel",
	"Sara", "Sean", "Sofia", "Tariq", "Tessa", "Theo", "Tomas", "Uma", "Victor", "Wei", "Yara", "Yusuf",
	"Zoe",
}

var lastNames = []string{
	"Abbott", "Adeyemi", "Alvarez", "Andersen", "Bailey", "Banerjee", "Becker", "Bennett", "Brooks",
	"Castillo", "Chang", "Chen", "Choi", "Clarke", "Cohen", "Collins", "Costa", "Dubois", "Dunn",
	"Edwards", "Eriksson", "Farah", "Fischer", "Flores", "Foster", "Garcia", "Gill", "Gonzalez",
	"Grant", "Gupta", "Hayes", "Hernandez", "Hoffman", "Holt", "Hughes", "Ibrahim", "Ito", "Jensen",
	"Johansson", "Kapoor", "Kelly", "Kim", "Klein", "Kowalski", "Kumar", "Larsen", "Lee", "Lopez",
	"Lowe", "Martin", "Mendes", "Meyer", "Mitchell", "Moreau", "Murphy", "Nakamura", "Nguyen",
	"Novak", "Nowak", "Obi", "O'Brien", "Okafor", "Olsen", "Ortiz", "Park", "Patel", "Perez",
	"Petrov", "Quinn", "Ramirez", "Reddy", "Reyes", "Rossi", "Russo", "Sato", "Schmidt", "Shah",
	"Silva", "Singh", "Sullivan", "Suzuki", "Tanaka", "Thompson", "Torres", "Tran", "Turner",
	"Vargas", "Walsh", "Wang", "Weber", "Whitaker", "Williams", "Wong", "Yamamoto", "Young", "Zhang",
}

// csms are Pied Piper's customer success managers; every account has one.
var csms = []string{"Monica Hall", "Jared Dunn", "Carla Walton", "Priya Raman", "Marcus Okafor", "Elena Novak"}

// aes are account executives who own some new-business deals.
var aes = []string{"Dana Whitfield", "Sam Oyelaran", "Lena Fischer"}

var leadTitles = []string{"VP of Customer Success", "Head of Operations", "Director of Engineering", "CTO",
	"COO", "VP of Sales", "Head of Data", "IT Director", "Chief of Staff", "Director of Product",
	"VP of Engineering", "Head of Infrastructure"}

var founderTitles = []string{"Founder & CEO", "Co-founder", "CEO", "Owner"}

var staffTitles = []string{"Product Manager", "Data Analyst", "Procurement Manager", "Finance Manager",
	"Solutions Architect", "Engineering Manager", "Operations Lead", "Controller", "Security Engineer",
	"IT Administrator", "Customer Support Lead", "Revenue Operations Manager", "Platform Engineer"}

// region groups locations; currency is the local billing currency when the
// account is billed locally.
type region struct {
	code      string // Region custom field: NA, EMEA, APAC, LATAM
	currency  string
	weight    int
	locations []string
}

var regions = []region{
	{"NA", "USD", 70, []string{"Austin, TX", "San Francisco, CA", "New York, NY", "Chicago, IL", "Denver, CO",
		"Seattle, WA", "Boston, MA", "Atlanta, GA", "Toronto, ON", "Raleigh, NC", "Salt Lake City, UT",
		"Minneapolis, MN", "Portland, OR", "Nashville, TN", "Vancouver, BC", "Miami, FL", "Pittsburgh, PA",
		"Columbus, OH", "Palo Alto, CA", "Los Angeles, CA"}},
	{"EMEA", "EUR", 13, []string{"Berlin, DE", "Munich, DE", "Amsterdam, NL", "Paris, FR", "Dublin, IE",
		"Madrid, ES", "Barcelona, ES", "Lisbon, PT", "Milan, IT", "Vienna, AT", "Helsinki, FI", "Brussels, BE"}},
	{"EMEA", "GBP", 8, []string{"London, GB", "Manchester, GB", "Edinburgh, GB", "Bristol, GB", "Leeds, GB"}},
	{"APAC", "USD", 7, []string{"Sydney, AU", "Singapore, SG", "Melbourne, AU", "Bengaluru, IN", "Auckland, NZ",
		"Tokyo, JP"}},
	{"LATAM", "USD", 2, []string{"São Paulo, BR", "Mexico City, MX", "Buenos Aires, AR", "Bogotá, CO",
		"Santiago, CL"}},
}

var regionWeights = func() []int {
	w := make([]int, len(regions))
	for i, r := range regions {
		w[i] = r.weight
	}
	return w
}()
