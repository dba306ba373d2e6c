export namespace app {
	
	export interface ContactDTO {
	    name: string;
	    email: string;
	    title: string;
	}
	export interface AccountDTO {
	    id: number;
	    domain: string;
	    name: string;
	    primaryEmail: string;
	    owner: string;
	    tracked: boolean;
	    contacts: ContactDTO[];
	}
	export interface AccountOptionDTO {
	    id: number;
	    name: string;
	    domain: string;
	}
	export interface AccountRecordDTO {
	    source: string;
	    sourceLabel: string;
	    key: string;
	    name: string;
	    domain: string;
	    email: string;
	    byPerson: boolean;
	}
	export interface AccountRecordsDTO {
	    records: AccountRecordDTO[];
	}
	export interface AccountRecordsRequest {
	    accountId: number;
	}
	export interface AccountRequest {
	    accountId: number;
	}
	export interface ActivityDTO {
	    id: number;
	    kind: string;
	    signal: string;
	    source: string;
	    occurredAt: string;
	    title: string;
	    body: string;
	    actor: string;
	    score?: number;
	}
	export interface ActivityPageDTO {
	    items: ActivityDTO[];
	    total: number;
	    counts: {[key: string]: number};
	}
	export interface ActivityRequest {
	    accountId: number;
	    kinds: string[];
	    offset: number;
	    limit: number;
	}
	export interface AttachRequest {
	    source: string;
	    key: string;
	    accountId: number;
	}
	export interface CancelDTO {
	    canceled: boolean;
	}
	export interface UsagePointDTO {
	    weekStart: string;
	    activeUsers: number;
	}
	export interface RevenueSourceDTO {
	    id: number;
	    source: string;
	    externalId: string;
	    product: string;
	    status: string;
	    interval: string;
	    amount: MoneyDTO;
	    mrr: MoneyDTO;
	    arr: MoneyDTO;
	    seats: number;
	    termStart: string;
	    termEnd: string;
	    trialEnd: string;
	    cancelAtPeriodEnd: boolean;
	    billingState: string;
	    uncounted: string;
	    billedBy: string;
	}
	export interface RoutedDTO {
	    routeId: number;
	    from: string;
	    fromLabel: string;
	    reason: string;
	    at: string;
	}
	export interface EvidenceDTO {
	    kind: string;
	    ref: string;
	    label: string;
	    at: string;
	}
	export interface FactorDTO {
	    code: string;
	    category: string;
	    label: string;
	    points: number;
	    detail: string;
	    evidence: EvidenceDTO[];
	}
	export interface MoneyDTO {
	    amountMinor: number;
	    currency: string;
	}
	export interface ConvertRowDTO {
	    key: string;
	    accountId: number;
	    company: string;
	    domain: string;
	    source: string;
	    status: string;
	    product: string;
	    score: number;
	    likelihood: string;
	    trialEnd: string;
	    trialDaysRemaining?: number;
	    estimatedValue: MoneyDTO;
	    estimatedValueBase: MoneyDTO;
	    factors: FactorDTO[];
	    routed?: RoutedDTO;
	}
	export interface MetaDTO {
	    mode: string;
	    readiness: string;
	    lastSyncedAt: string;
	    lastUpdatedAt: string;
	}
	export interface CandidateDTO {
	    meta: MetaDTO;
	    row: ConvertRowDTO;
	    record: RevenueSourceDTO;
	    usage: UsagePointDTO[];
	    contacts: ContactDTO[];
	    nextStep: string;
	}
	export interface CandidateRequest {
	    key: string;
	}
	export interface ChoiceDTO {
	    value: string;
	    label: string;
	}
	export interface SourceRowsDTO {
	    accounts: number;
	    subscriptions: number;
	    invoices: number;
	    activities: number;
	    other: number;
	    total: number;
	}
	export interface SyncStateDTO {
	    status: string;
	    lastSuccessAt: string;
	    lastError: string;
	    errorCount: number;
	    itemsSynced: number;
	    nextRunAt: string;
	}
	export interface SourceFieldDTO {
	    key: string;
	    label: string;
	    help: string;
	    placeholder: string;
	    choices: ChoiceDTO[];
	    value: string;
	}
	export interface IntegrationDTO {
	    source: string;
	    label: string;
	    powers: string;
	    sections: string[];
	    built: boolean;
	    planned: string;
	    tokenLabel: string;
	    fields: SourceFieldDTO[];
	    tokenHelp: string;
	    baseUrl: string;
	    status: string;
	    account: string;
	    keyKind: string;
	    keyMode: string;
	    connectedAt: string;
	    sync?: SyncStateDTO;
	    rows: SourceRowsDTO;
	}
	export interface ConnectDTO {
	    integration: IntegrationDTO;
	    offerLive: boolean;
	    syncing: boolean;
	}
	export interface ConnectRequest {
	    source: string;
	    token: string;
	    options: {[key: string]: string};
	}
	
	export interface LinkedRequestDTO {
	    id: string;
	    title: string;
	    at: string;
	}
	export interface RetryDTO {
	    invoiceId: string;
	    attempt: number;
	    at: string;
	    outcome: string;
	    reason: string;
	}
	export interface InvoiceDTO {
	    externalId: string;
	    status: string;
	    amountDue: MoneyDTO;
	    amountPaid: MoneyDTO;
	    issuedAt: string;
	    dueAt: string;
	    paidAt: string;
	    attempts: number;
	    nextAttemptAt: string;
	    failureReason: string;
	    pastDue: boolean;
	}
	export interface HistoryEventDTO {
	    at: string;
	    kind: string;
	    source: string;
	    title: string;
	    detail: string;
	}
	export interface MismatchDTO {
	    kind: string;
	    label: string;
	    salesbricks: string;
	    stripe: string;
	    explain: string;
	}
	export interface ContractRowDTO {
	    key: string;
	    accountId: number;
	    customer: string;
	    domain: string;
	    email: string;
	    accountRows: number;
	    product: string;
	    status: string;
	    source: string;
	    amount: MoneyDTO;
	    mrr: MoneyDTO;
	    arr: MoneyDTO;
	    interval: string;
	    renewalAt: string;
	    daysToRenewal?: number;
	    trialEnd: string;
	    cancelAtEnd: boolean;
	    paymentStatus: string;
	    mismatches: MismatchDTO[];
	    routed?: RoutedDTO;
	}
	export interface ContractDetailDTO {
	    meta: MetaDTO;
	    row: ContractRowDTO;
	    records: RevenueSourceDTO[];
	    history: HistoryEventDTO[];
	    invoices: InvoiceDTO[];
	    retries: RetryDTO[];
	    linked: LinkedRequestDTO[];
	}
	export interface ContractRequest {
	    key: string;
	}
	
	export interface ContractsQuery {
	    search: string;
	    status: string;
	    source: string;
	    mismatched: boolean;
	    sort: string;
	    desc: boolean;
	    offset: number;
	    limit: number;
	}
	export interface ContractsExportRequest {
	    query: ContractsQuery;
	    format: string;
	}
	export interface ContractsListDTO {
	    meta: MetaDTO;
	    rows: ContractRowDTO[];
	    total: number;
	    offset: number;
	}
	
	export interface CurrencyTotalDTO {
	    currency: string;
	    contracts: number;
	    mrr: MoneyDTO;
	    arr: MoneyDTO;
	}
	export interface ContractsSummaryDTO {
	    meta: MetaDTO;
	    total: number;
	    salesbricks: number;
	    stripe: number;
	    merged: number;
	    active: number;
	    trialing: number;
	    pastDue: number;
	    expiring30: number;
	    canceled: number;
	    expired: number;
	    pending: number;
	    draft: number;
	    mismatched: number;
	    activeMrr: MoneyDTO;
	    activeArr: MoneyDTO;
	    byCurrency: CurrencyTotalDTO[];
	    fxNote: string;
	}
	export interface ConvertQuery {
	    search: string;
	    source: string;
	    likelihood: string;
	    sort: string;
	    desc: boolean;
	    offset: number;
	    limit: number;
	}
	export interface ConvertExportRequest {
	    query: ConvertQuery;
	    format: string;
	}
	export interface ConvertListDTO {
	    meta: MetaDTO;
	    rows: ConvertRowDTO[];
	    total: number;
	    offset: number;
	}
	
	
	export interface ConvertSettingsValues {
	    includeSalesbricks: boolean;
	    includeStripe: boolean;
	    statuses: string[];
	    excludeDomains: string[];
	    excludeFreeMail: boolean;
	    excludePaying: boolean;
	    minValueMinor: number;
	    urgencyDays: number;
	    highCutoff: number;
	    mediumCutoff: number;
	}
	export interface ConvertSettingsDTO {
	    meta: MetaDTO;
	    settings: ConvertSettingsValues;
	    defaults: ConvertSettingsValues;
	    baseCurrency: string;
	}
	
	export interface ConvertSummaryDTO {
	    meta: MetaDTO;
	    total: number;
	    high: number;
	    medium: number;
	    low: number;
	    endingSoon: number;
	    urgencyDays: number;
	    estimatedValue: MoneyDTO;
	    fxNote: string;
	    lastSyncedAt: string;
	}
	
	export interface RouteDTO {
	    id: number;
	    from: string;
	    fromLabel: string;
	    to: string;
	    toLabel: string;
	    reason: string;
	    at: string;
	    active: boolean;
	}
	export interface DealDTO {
	    externalId: string;
	    name: string;
	    source: string;
	    stage: string;
	    status: string;
	    value: MoneyDTO;
	    owner: string;
	    closeDate: string;
	    lostAt: string;
	    lostReason: string;
	}
	export interface FieldDTO {
	    name: string;
	    value: string;
	}
	export interface EnrichmentDTO {
	    source: string;
	    sourceLabel: string;
	    industry: string;
	    employees: number;
	    location: string;
	    custom: FieldDTO[];
	    updatedAt: string;
	}
	export interface MetricsDTO {
	    activeUsers?: number;
	    licensedUsers: number;
	    trendPct?: number;
	    arr: MoneyDTO;
	    mrr: MoneyDTO;
	    lastActivityAt: string;
	    lastSeenAt: string;
	    renewalAt: string;
	    daysToRenewal?: number;
	    paymentStatus: string;
	}
	export interface MissingDTO {
	    category: string;
	    reason: string;
	}
	export interface ScoreDTO {
	    score: number;
	    level: string;
	    factors: FactorDTO[];
	    missing: MissingDTO[];
	    computedAt: string;
	}
	export interface CustomerDTO {
	    meta: MetaDTO;
	    account: AccountDTO;
	    sourceBadge: string;
	    score?: ScoreDTO;
	    metrics: MetricsDTO;
	    revenue: RevenueSourceDTO[];
	    invoices: InvoiceDTO[];
	    enrichment: EnrichmentDTO[];
	    usage: UsagePointDTO[];
	    deals: DealDTO[];
	    route?: RouteDTO;
	    routeHistory: RouteDTO[];
	}
	export interface CustomerRequest {
	    domain: string;
	    accountId: number;
	}
	export interface CutoffsDTO {
	    critical: number;
	    atRisk: number;
	}
	
	export interface DemoBuildDTO {
	    building: boolean;
	    accounts: number;
	    written: number;
	    snapshots: number;
	    scored: number;
	    failed: string;
	}
	export interface DemoBuildRequest {
	
	}
	export interface DisconnectDTO {
	    source: string;
	    removed: SourceRowsDTO;
	}
	export interface DisconnectRequest {
	    source: string;
	    removeData: boolean;
	}
	
	
	export interface ExportDTO {
	    path: string;
	    filename: string;
	    format: string;
	    rows: number;
	    content: string;
	}
	export interface FactorChangeDTO {
	    code: string;
	    label: string;
	    before: number;
	    after: number;
	}
	
	
	export interface FindAccountsDTO {
	    accounts: AccountOptionDTO[];
	}
	export interface FindAccountsRequest {
	    query: string;
	    limit: number;
	}
	export interface InputFlagDTO {
	    category: string;
	    source: string;
	    state: string;
	    detail: string;
	}
	export interface HealthRowDTO {
	    accountId: number;
	    domain: string;
	    name: string;
	    primaryEmail: string;
	    tracked: boolean;
	    score: number;
	    level: string;
	    activeUsers?: number;
	    licensedUsers: number;
	    arr: MoneyDTO;
	    arrBase: MoneyDTO;
	    renewalAt: string;
	    daysToRenewal?: number;
	    paymentStatus: string;
	    factors: FactorDTO[];
	    missing: MissingDTO[];
	    routed?: RoutedDTO;
	    flags: InputFlagDTO[];
	}
	export interface HealthListDTO {
	    meta: MetaDTO;
	    rows: HealthRowDTO[];
	    total: number;
	    offset: number;
	}
	export interface HealthListRequest {
	    risk: string;
	    search: string;
	    includeUntracked: boolean;
	    sort: string;
	    desc: boolean;
	    offset: number;
	    limit: number;
	}
	
	export interface IntegrationStatusDTO {
	    source: string;
	    label: string;
	    status: string;
	    powers: string;
	    detail: string;
	    lastSuccessAt: string;
	}
	export interface WeightsDTO {
	    adoption: number;
	    payment: number;
	    renewal: number;
	    signals: number;
	}
	export interface HealthSettingsDTO {
	    meta: MetaDTO;
	    weights: WeightsDTO;
	    cutoffs: CutoffsDTO;
	    defaults: WeightsDTO;
	    defaultCutoffs: CutoffsDTO;
	    integrations: IntegrationStatusDTO[];
	}
	export interface LevelARRDTO {
	    level: string;
	    label: string;
	    count: number;
	    arr: MoneyDTO;
	}
	export interface HealthSummaryDTO {
	    meta: MetaDTO;
	    critical: number;
	    atRisk: number;
	    healthy: number;
	    renewing30: number;
	    accounts: number;
	    protectedArr: MoneyDTO;
	    byLevel: LevelARRDTO[];
	    fxNote: string;
	}
	export interface HealthSummaryRequest {
	    search: string;
	    includeUntracked: boolean;
	}
	export interface HistoryPointDTO {
	    at: string;
	    score: number;
	    level: string;
	    factors: FactorDTO[];
	    changes: FactorChangeDTO[];
	}
	export interface HistoryDTO {
	    points: HistoryPointDTO[];
	    cutoffs: CutoffsDTO;
	}
	
	
	export interface HistoryRequest {
	    accountId: number;
	    limit: number;
	}
	export interface UnmatchedDTO {
	    source: string;
	    sourceLabel: string;
	    key: string;
	    name: string;
	    email: string;
	    accountId: number;
	    revenue: number;
	    invoices: number;
	    activities: number;
	}
	export interface IdentityDTO {
	    accountId: number;
	    needsMatching: UnmatchedDTO[];
	}
	export interface SectionDTO {
	    id: string;
	    label: string;
	    built: boolean;
	    readiness: string;
	    routed: number;
	}
	export interface InfoDTO {
	    meta: MetaDTO;
	    version: string;
	    accounts: number;
	    sections: SectionDTO[];
	}
	export interface InfoRequest {
	
	}
	
	
	
	export interface SectionReadinessDTO {
	    section: string;
	    label: string;
	    readiness: string;
	    needs: string[];
	}
	export interface IntegrationsDTO {
	    mode: string;
	    running: boolean;
	    intervalMinutes: number;
	    integrations: IntegrationDTO[];
	    sections: SectionReadinessDTO[];
	    anyConnected: boolean;
	}
	export interface IntegrationsRequest {
	
	}
	export interface IntervalRequest {
	    minutes: number;
	}
	
	
	
	export interface MergeRequest {
	    keepId: number;
	    dropId: number;
	}
	
	
	
	
	export interface ModeDTO {
	    mode: string;
	}
	export interface ModeRequest {
	    mode: string;
	}
	
	export interface NeedsMatchingDTO {
	    records: UnmatchedDTO[];
	}
	export interface NeedsMatchingRequest {
	
	}
	export interface PaintedDTO {
	    sinceStartMs: number;
	}
	export interface PaintedRequest {
	    view: string;
	    rows: number;
	}
	export interface PreviewRowDTO {
	    accountId: number;
	    name: string;
	    score: number;
	    level: string;
	    scoreBefore: number;
	    rank: number;
	    rankBefore: number;
	}
	export interface PreviewDTO {
	    rows: PreviewRowDTO[];
	    critical: number;
	    atRisk: number;
	    healthy: number;
	}
	export interface PreviewRequest {
	    weights: WeightsDTO;
	    cutoffs: CutoffsDTO;
	    limit: number;
	}
	
	export interface PropertyDTO {
	    name: string;
	    label: string;
	    group: string;
	    custom: boolean;
	}
	export interface PropertiesDTO {
	    properties: PropertyDTO[];
	    chosen: string[];
	}
	
	export interface RateDTO {
	    currency: string;
	    rate: number;
	    inBook: boolean;
	}
	export interface RefreshDTO {
	    meta: MetaDTO;
	    accounts: number;
	    tookMs: number;
	}
	export interface RefreshRequest {
	
	}
	export interface RenewalDraftDTO {
	    to: string;
	    subject: string;
	    body: string;
	}
	export interface ReportingDTO {
	    base: string;
	    rates: RateDTO[];
	    choices: string[];
	    note: string;
	}
	
	
	
	export interface RouteRequest {
	    accountId: number;
	    from: string;
	    to: string;
	    reason: string;
	}
	
	export interface RoutedItemDTO {
	    accountId: number;
	    domain: string;
	    name: string;
	    routed: RoutedDTO;
	    score?: number;
	    level: string;
	}
	export interface RoutedListDTO {
	    meta: MetaDTO;
	    section: string;
	    label: string;
	    items: RoutedItemDTO[];
	}
	export interface SaveHealthSettingsRequest {
	    weights: WeightsDTO;
	    cutoffs: CutoffsDTO;
	}
	export interface SaveReportingRequest {
	    base: string;
	    rates: RateDTO[];
	}
	
	
	
	export interface SectionRequest {
	    section: string;
	}
	export interface SetOptionsRequest {
	    source: string;
	    options: {[key: string]: string};
	}
	
	export interface SourceRequest {
	    source: string;
	}
	
	export interface SplitRequest {
	    source: string;
	    key: string;
	}
	export interface SyncRequest {
	    sources: string[];
	}
	export interface SyncStartedDTO {
	    started: boolean;
	}
	
	export interface SyncTrialsDTO {
	    meta: MetaDTO;
	    phases: string[];
	    candidates: number;
	    lastSyncedAt: string;
	    warnings: string[];
	}
	export interface SyncTrialsRequest {
	
	}
	export interface TrackDTO {
	    accountId: number;
	    tracked: boolean;
	}
	export interface TrackRequest {
	    accountId: number;
	    tracked: boolean;
	}
	export interface UndoRouteDTO {
	    accountId: number;
	    route?: RouteDTO;
	}
	export interface UndoRouteRequest {
	    routeId: number;
	}
	
	

}

