package demo

// Source text for signals, calls, releases and deals. It reads like what a
// customer or a changelog would say; {placeholders} are filled per account.

// topic is something customers ask for; release names the shipped release
// that answers it ("" when it has not shipped).
type topic struct {
	key, phrase, summary string
	quotes               []string
	release              string
}

var topics = []topic{
	{"sso", "SSO with Okta", "Wants SSO with Okta", []string{
		"We can't roll this out to the rest of the company until we have SSO through Okta. Security won't sign off on another password.",
		"Is Azure AD single sign-on on the roadmap? IT keeps asking me and I don't have an answer."}, "SSO with Okta and Azure AD"},
	{"csv", "bulk CSV export", "Needs bulk CSV export", []string{
		"Our finance team pulls everything into a spreadsheet every month, and right now someone exports it page by page.",
		"Can we get a bulk export to CSV? Copy-pasting 400 rows is killing us."}, "Bulk CSV export"},
	{"audit", "an audit log", "Asked for an audit log", []string{
		"Compliance asked who changed the retention settings last week and I genuinely couldn't tell them.",
		"We need an audit trail of admin actions before our SOC 2 review."}, "Audit log for admin actions"},
	{"slack", "Slack alerts", "Wants Slack alerts for failures", []string{
		"If a job fails overnight we only find out when a customer complains. A Slack alert would save us hours.",
		"Could failed jobs ping a Slack channel? Nobody watches the email alerts."}, "Slack alerts for failed jobs"},
	{"scim", "SCIM provisioning", "Needs SCIM provisioning", []string{
		"Onboarding 40 new hires means 40 manual invites. We need SCIM so accounts follow our directory.",
		"When people leave, their seats stay active until someone remembers. SCIM deprovisioning would fix that."}, "SCIM user provisioning"},
	{"roles", "custom roles", "Wants custom roles", []string{
		"Contractors shouldn't see billing, but today it's admin or nothing.",
		"We need a read-only role for auditors. Giving them full access isn't an option."}, "Custom roles and permissions"},
	{"ratelimit", "higher API rate limits", "Hitting API rate limits", []string{
		"We keep hitting the 100 requests per minute limit during our nightly sync.",
		"Our integration backs off for minutes at a time because of rate limits. Can you raise them for us?"}, "Higher API rate limits on Scale and Enterprise"},
	{"darkmode", "dark mode", "Requested dark mode", []string{
		"Half my team works nights. A dark theme is honestly the number one ask in our Slack.",
		"Any chance of a dark mode? People keep installing browser extensions to fake it."}, "Dark mode"},
	{"eu", "EU data residency", "Needs EU data residency", []string{
		"Our DPO needs customer data to stay in the EU before we can expand beyond the pilot team.",
		"Legal wants a Frankfurt or Dublin region. Until then we can't put German customer data in."}, "EU data residency (Frankfurt region)"},
	{"webhooks", "webhook retries", "Wants webhook retries", []string{
		"When our endpoint blips we lose webhook events for good. Can you retry them?",
		"We missed a batch of events during a deploy. Retries with backoff would make this safe."}, "Webhook retries with exponential backoff"},
	{"reports", "scheduled reports", "Wants scheduled reports", []string{
		"Leadership wants a weekly PDF in their inbox on Monday morning, not another login.",
		"Could reports be scheduled and emailed? I rebuild the same one every Friday."}, "Scheduled PDF reports"},
	{"salesforce", "two-way Salesforce sync", "Needs two-way Salesforce sync", []string{
		"Our reps live in Salesforce. If the data doesn't show up there, it doesn't exist for them.",
		"The one-way sync means our ops team double-enters everything. We need it to write back."}, "Two-way Salesforce sync"},
	{"usage", "usage reporting per workspace", "Wants usage by workspace", []string{
		"I can't tell which team is burning through our storage quota.",
		"Finance wants to charge back usage per department. Is there a per-workspace breakdown?"}, "Usage dashboard per workspace"},
	{"largefiles", "support for files over 10 GB", "Large uploads time out", []string{
		"Uploads over 10 GB time out, and those are exactly the files we need compressed.",
		"Our raw footage is 30 to 50 GB per file. Right now we split it by hand before uploading."}, "Middle-out compression for files over 10 GB"},
	{"2fa", "enforced 2FA", "Wants enforced 2FA", []string{
		"We need to enforce two-factor for everyone, not just recommend it.",
		"Our insurer asked whether MFA is mandatory for all users. Today I have to say no."}, "Enforced two-factor authentication"},
	{"linux", "a Linux client", "Asked for a Linux client", []string{
		"Most of our engineers run Linux. Is a native desktop client planned?",
		"The web app works, but our render nodes are all Linux and need a proper client."}, "Linux desktop client"},
	{"sandbox", "a sandbox workspace", "Needs a sandbox workspace", []string{
		"We need a sandbox to test changes before they hit production.",
		"Every config change goes straight to prod today. A staging workspace would calm everyone down."}, "Sandbox workspaces"},
	{"sharedomains", "branded share links", "Wants branded share links", []string{
		"Clients get nervous clicking links on a domain they don't recognise. Can share links use our domain?"}, "Custom domains for share links"},
	{"mobile", "a mobile app", "Asked for a mobile app", []string{
		"Our field team is on iPads all day. Is there a mobile app coming?",
		"Approvals get stuck because managers can't act from their phones."}, ""},
	{"snowflake", "a Snowflake connector", "Wants a Snowflake connector", []string{
		"If we could push the compressed datasets straight into Snowflake, our data team would be thrilled."}, ""},
	{"retention", "per-project retention", "Needs per-project retention", []string{
		"We need different retention policies per project. Legal holds are a nightmare right now."}, ""},
	{"po", "PO numbers on invoices", "Needs PO numbers on invoices", []string{
		"Procurement rejects any invoice without a PO number on it, so every bill bounces once."}, ""},
	{"hipaa", "a HIPAA BAA", "Needs a HIPAA BAA", []string{
		"We can't put patient data in until you sign a BAA."}, ""},
}

// releaseText is a shipped change; topic links it to a request topic.
type releaseText struct{ title, body, topic string }

var releaseTexts = []releaseText{
	{"Faster search across large workspaces", "Search now returns results in under 200 ms for workspaces with more than a million files, thanks to a new index.", ""},
	{"Bulk CSV export", "Export any table to CSV in one click, including filtered views. Exports over 100,000 rows are emailed as a download link.", "csv"},
	{"Keyboard shortcuts everywhere", "Press ? anywhere to see shortcuts. Every list now supports j/k navigation and Enter to open.", ""},
	{"SSO with Okta and Azure AD", "Admins on Growth and above can require single sign-on through Okta or Azure AD (Entra ID). SAML metadata can be uploaded from Settings > Security.", "sso"},
	{"Audit log for admin actions", "Every change to members, roles, retention and billing settings is now recorded with who, what and when. Export the log to CSV or stream it to your SIEM.", "audit"},
	{"New onboarding checklist", "New workspaces get a five-step checklist that walks admins through inviting their team, connecting storage and setting retention.", ""},
	{"Slack alerts for failed jobs", "Connect a Slack channel to get a message whenever a compression job fails or is retried more than twice.", "slack"},
	{"Improved sharing permissions", "Share links can now expire, require a password or be limited to people in your organisation.", ""},
	{"SCIM user provisioning", "Provision and deprovision users automatically from Okta, Azure AD or OneLogin using SCIM 2.0.", "scim"},
	{"Custom roles and permissions", "Create roles with exactly the permissions your team needs, such as read-only auditors or members without billing access.", "roles"},
	{"Redesigned billing page", "See seats, invoices and upcoming charges on one page, and download invoices as PDF.", ""},
	{"Higher API rate limits on Scale and Enterprise", "Scale workspaces now get 1,000 requests per minute and Enterprise 5,000, up from 100. Limits are returned in the RateLimit headers.", "ratelimit"},
	{"Dark mode", "Choose light, dark or system theme in your profile settings.", "darkmode"},
	{"EU data residency (Frankfurt region)", "New and existing workspaces can store all data in our Frankfurt region. Contact support to migrate an existing workspace.", "eu"},
	{"Status page subscriptions", "Subscribe to incident updates by email or RSS from status.piedpiper.com.", ""},
	{"Webhook retries with exponential backoff", "Failed webhook deliveries are retried up to 8 times over 24 hours, and the delivery log shows every attempt.", "webhooks"},
	{"Scheduled PDF reports", "Schedule any report to be emailed as a PDF daily, weekly or monthly.", "reports"},
	{"Activity timeline filters", "Filter the activity timeline by person, project or event type.", ""},
	{"Two-way Salesforce sync", "Account and usage fields now sync back to Salesforce every 15 minutes, with conflict resolution you control.", "salesforce"},
	{"German and French localization", "The app is now available in German and French. Choose your language in profile settings.", ""},
	{"Usage dashboard per workspace", "A new dashboard breaks down storage, compression savings and active users by workspace and team.", "usage"},
	{"Terraform provider", "Manage workspaces, members and retention policies as code with the official Pied Piper Terraform provider.", ""},
	{"Middle-out compression for files over 10 GB", "Uploads are now chunked and resumable, and files up to 500 GB compress with the middle-out engine.", "largefiles"},
	{"Enforced two-factor authentication", "Admins can require 2FA for every member. Members without 2FA are prompted at next sign-in.", "2fa"},
	{"Zapier integration", "Trigger Zaps when a job finishes or a file is shared, and start jobs from any Zapier app.", ""},
	{"Linux desktop client", "Native desktop client for Ubuntu, Debian and Fedora, with the same sync engine as macOS and Windows.", "linux"},
	{"Sandbox workspaces", "Enterprise customers can create sandbox workspaces that mirror production settings without touching real data.", "sandbox"},
	{"Custom domains for share links", "Share links can use your own domain, such as files.yourcompany.com, with automatic TLS.", "sharedomains"},
	{"Bug fixes and performance improvements", "Uploads resume more reliably on flaky networks, thumbnails render 3x faster and 40 smaller bugs are fixed.", ""},
	{"Smarter duplicate detection", "Identical files across projects are now stored once, cutting storage for most teams by 10 to 30 percent.", ""},
}

// quote is a signal: a short title and what the customer said.
type quote struct{ title, text string }

var complaints = []quote{
	{"Dashboard is too slow", "The dashboard takes 20+ seconds to load every morning. My team has basically stopped opening it."},
	{"Paying for unused seats", "We're paying for 60 seats but barely half of them have ever logged in. That needs sorting out before renewal."},
	{"Slow support response", "Support took four days to answer a P2 ticket. That's not what we signed up for."},
	{"Release broke saved filters", "The last release broke our saved filters, again. We had to rebuild them by hand."},
	{"HubSpot sync dropping records", "The HubSpot sync has been dropping records for two weeks and nobody can tell us why."},
	{"Project cap contradicts pricing page", "Your pricing page says unlimited projects but we hit a cap at 50."},
	{"Exports time out", "Exports keep timing out on anything bigger than a few thousand rows."},
	{"New users find the UI confusing", "Every time we onboard someone new they get lost. The UI is confusing for non-technical folks."},
	{"SSO promised but not delivered", "We were promised SSO by Q2 and it still isn't there."},
	{"API docs out of date", "The API docs are out of date. Half the examples return 400s."},
	{"Slow uploads from Europe", "Uploads from our Berlin office are painfully slow compared to the US team."},
	{"Notifications too noisy", "Notifications are far too noisy. People have started muting the channel."},
}

var escalations = []quote{
	{"Outages during month-end close", "We've had three outages during month-end close. I need a call with someone senior this week."},
	{"CFO questioning the contract after downtime", "Our CFO is asking why we pay for a tool that was down during board prep. This is now a leadership conversation."},
	{"Data missing after sync", "Data from last Tuesday's sync is missing entirely. If we can't recover it, we'll have to reconsider the contract."},
	{"Permissions bug blocking SOC 2 audit", "This is the third time I'm raising the permissions bug. Please escalate it: it's blocking our SOC 2 audit."},
	{"Renewal on hold over invoice discrepancy", "Our renewal is on hold until someone explains the invoice discrepancy."},
	{"Data stored outside the EU", "Legal flagged that data is being stored outside the EU. We need a written answer by Friday."},
	{"Admins locked out for a day", "Two of our admins were locked out for a full day. We're evaluating alternatives."},
	{"Integration silently stopped syncing", "The integration silently stopped syncing and our customers saw stale numbers. I want this escalated today."},
}

var praises = []quote{
	{"Storage savings", "Honestly the compression on our video archive is unreal. Storage costs dropped 40% this quarter."},
	{"Smooth onboarding", "Onboarding with {csm} was the smoothest vendor rollout we've had all year."},
	{"CSV export saves a day a month", "The new CSV export saves my analyst a full day every month. Thank you!"},
	{"Fast support fix", "Support fixed our sync issue in under an hour. That's a big part of why we renewed."},
	{"Slack alerts catch failures", "The team loves the Slack alerts. We caught two failed jobs before our customers noticed."},
	{"Clean API", "Your API is the cleanest one we integrate with, and I don't say that lightly."},
	{"Strong adoption in ops", "We rolled it out to the whole ops org and adoption has been great."},
	{"Faster search", "Whatever you did to search last month, it's so much faster now."},
}

var (
	npsPromoter = []string{"Reliable, fast, and the team actually listens.", "Hard to imagine our workflow without it now.",
		"Best vendor support we have.", "It paid for itself in storage savings within a quarter."}
	npsPassive = []string{"Does the job. Reporting could be better.", "Solid product, but pricing is steep for a team our size.",
		"Good overall; getting new users up to speed takes too long."}
	npsDetractor = []string{"Too many outages lately.", "We pay for seats nobody uses because it's hard to learn.",
		"Support is slow and the roadmap feels stuck.", "Missing SSO makes it hard to justify internally."}
)

var competitors = []string{"Endframe", "Nucleus", "an in-house tool", "a cheaper point solution"}

var teams = []string{"finance", "operations", "data", "engineering", "support", "marketing", "post-production"}

// callText is a call title format (with %s for the company) and summaries.
type callText struct {
	title  string
	bodies []string
}

var callsHealthy = []callText{
	{"QBR with %s", []string{
		"{contact} walked through the rollout to the {team} team; {active} of {seats} seats are active this week. They asked about {feature} and want a roadmap update before the next QBR. {csm} will share the latest release notes.",
		"Reviewed storage savings and adoption for the quarter. {contact} is happy with the results and is building the case to roll out to the {team} team next."}},
	{"Weekly sync: %s", []string{
		"Quick check-in with {contact}. No blockers; the {team} team is onboarding next week and {csm} will run a short training.",
		"{contact} shared that usage is steady and the team relies on the scheduled jobs daily. Follow-up: send the admin guide for the new permissions model."}},
	{"Product feedback session with %s", []string{
		"{contact} demoed their workflow and asked for {feature}. They are flexible on timing but it comes up in every team meeting. Logged as a request.",
		"Collected feedback from {contact} and two power users. Overall positive; the main ask is {feature}."}},
	{"Expansion discussion with %s", []string{
		"{contact} wants to add the {team} team, roughly 10 to 20 more seats. {csm} to send pricing for the next tier and loop in the account executive.",
		"Discussed moving to annual billing with a larger seat count. {contact} needs a quote by the end of the month for budget planning."}},
}

var callsAtRisk = []callText{
	{"Renewal planning with %s", []string{
		"{contact} flagged that adoption has stalled outside the core team, with only {active} of {seats} seats active. They are reviewing tools ahead of renewal and mentioned {competitor}. Agreed to run an enablement session next week.",
		"Walked through renewal timing with {contact}. Budget is tight this year and they asked for a smaller seat count. {csm} to prepare options."}},
	{"Escalation review with %s", []string{
		"Reviewed the open issues with {contact}. They are frustrated by response times and want a named engineering contact. {csm} committed to a fix plan by Friday.",
		"{contact} listed three problems from the last month. We agreed on weekly check-ins until they are resolved."}},
	{"Check-in: %s", []string{
		"{contact} said the team has been busy with a migration and hasn't used the product much. They want a refresher session for new staff.",
		"Usage is down since their champion left. {contact} is the new point of contact and is still getting up to speed."}},
}

var callsCritical = []callText{
	{"Executive escalation: %s", []string{
		"{contact} said the team has mostly stopped using the product. Budget for next year is under review and they would not commit to anything. {csm} to send a recovery plan by Friday.",
		"Tense call. {contact} is unhappy about reliability and support, and is actively trialling {competitor}. Asked for a call with our VP of Engineering."}},
	{"Save call with %s", []string{
		"{contact} confirmed they are winding down usage. The main reasons are cost and the lack of {feature}. Offered a discounted downgrade; they will take it to their CFO.",
		"Spoke with {contact} about why usage dropped off. They are reconsidering the tool entirely and asked for a full data export."}},
}

var callsTrial = []callText{
	{"Trial check-in: %s", []string{
		"{contact} has {active} people trying it on real work. Their main question is about {feature}. {csm} to share a short video before the trial ends.",
		"Kicked off the trial with {contact} and the {team} team. Success criteria: compress the archive and hook up their storage bucket."}},
}

var openDealNames = []string{"%s: Scale upgrade", "%s: seat expansion", "%s: Enterprise upgrade",
	"%s: storage add-on", "%s: multi-year renewal", "%s: new team rollout"}

var dealStages = []string{"Discovery", "Demo", "Proposal", "Negotiation", "Verbal commit"}

var lostReasons = []string{"Budget cut", "Chose a competitor", "Timing — revisit next quarter", "Missing SSO",
	"No executive sponsor", "Went with an in-house build", "Price too high",
	"Acquired; parent company standardized on another vendor", "Missing EU data residency", "Project deprioritized"}

// failure is a card decline reason with its wording in event titles.
type failure struct{ code, text string }

var failures = []failure{{"card_declined", "card declined"}, {"insufficient_funds", "insufficient funds"},
	{"expired_card", "expired card"}}

var cardBrands = []string{"Visa", "Mastercard", "Amex"}
