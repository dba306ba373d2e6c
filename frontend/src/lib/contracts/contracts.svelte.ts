// The Contracts page's data. The table is a window cache over the backend's
// sorted, filtered ledger (pages of PAGE_SIZE keyed by offset; only the pages
// the virtualizer shows are fetched, and answers to an older query are
// dropped). The cards follow search and source only; status and the
// mismatch filter narrow the table, never the cards.
import { formatCount } from '../format';
import {
  contractDetail,
  contractsSummary,
  exportContracts,
  listContracts,
  renewalDraft,
  type ContractDetailDTO,
  type ContractRowDTO,
  type ContractsQuery,
  type ContractsSummaryDTO,
  type ExportDTO,
  type ExportFormat,
  type RenewalDraftDTO,
} from '../api/contracts';
import { toApiError } from '../api/core';
import { Resource } from '../state/resource.svelte';
import { RoutedState } from '../state/routed.svelte';
import { TypedSearch } from '../state/typedSearch.svelte';
import { WindowedList } from '../state/windowedList.svelte';
import type { ToastState } from '../state/toasts.svelte';
import type { SortKey, SourceFilter, StatusFilter } from './labels';

export const PAGE_SIZE = 100;
export { SEARCH_DELAY } from '../state/typedSearch.svelte';

export interface ContractsFilter {
  search: string;
  status: StatusFilter;
  source: SourceFilter;
  mismatched: boolean;
  /** '' is the backend's default order: renewal soonest first */
  sort: SortKey | '';
  desc: boolean;
}

export const defaultFilter: ContractsFilter = { search: '', status: '', source: '', mismatched: false, sort: '', desc: false };

export type { ListStatus } from '../state/windowedList.svelte';

/** toQuery turns the filter into the backend's query for one window. */
export function toQuery(f: ContractsFilter, offset = 0, limit = PAGE_SIZE): ContractsQuery {
  return { search: f.search, status: f.status, source: f.source, mismatched: f.mismatched, sort: f.sort, desc: f.desc, offset, limit };
}

function sameFilter(a: ContractsFilter, b: ContractsFilter): boolean {
  return (
    a.search === b.search &&
    a.status === b.status &&
    a.source === b.source &&
    a.mismatched === b.mismatched &&
    a.sort === b.sort &&
    a.desc === b.desc
  );
}

export class ContractsListState extends WindowedList<ContractsFilter, ContractRowDTO> {
  constructor() {
    super({
      pageSize: PAGE_SIZE,
      initial: defaultFilter,
      same: sameFilter,
      fetchPage: (q, offset, limit) => listContracts(toQuery(q, offset, limit)),
    });
  }
}

/** The cards and the status-count row. */
export class ContractsSummaryState extends Resource<ContractsSummaryDTO> {
  #last = { search: '', source: '' as SourceFilter };

  load(search = this.#last.search, source = this.#last.source): Promise<void> {
    this.#last = { search, source };
    return this.fetchLatest(() => contractsSummary(toQuery({ ...defaultFilter, search, source }, 0, 0)));
  }
}

/** One row's detail sheet. */
export class ContractDetailState extends Resource<ContractDetailDTO> {
  constructor(readonly key: string) {
    super();
  }

  load(): Promise<void> {
    return this.fetchLatest(() => contractDetail(this.key));
  }
}

/** The renewal e-mail draft of one row, editable once loaded. */
export class RenewalDraftState extends Resource<RenewalDraftDTO> {
  to = $state('');
  subject = $state('');
  body = $state('');

  constructor(readonly key: string) {
    super();
  }

  async load(): Promise<void> {
    await this.fetchLatest(() => renewalDraft(this.key));
    if (this.data) {
      this.to = this.data.to;
      this.subject = this.data.subject;
      this.body = this.data.body;
    }
  }

  /** text is the draft as one plain-text message for the clipboard. */
  get text(): string {
    return `To: ${this.to}\nSubject: ${this.subject}\n\n${this.body}`;
  }
}

/** The page controller: filters shared by the table and the cards, search debounce, export. */
export class ContractsPageState {
  list = new ContractsListState();
  summary = new ContractsSummaryState();
  routed = new RoutedState('contracts');
  /** what is typed in the search box (the query follows it after SEARCH_DELAY) */
  readonly search = new TypedSearch((search) => this.#applySearch(search));
  exporting = $state<ExportFormat | null>(null);
  lastExport = $state.raw<ExportDTO | null>(null);
  #toasts: ToastState | undefined;

  constructor(opts: { toasts?: ToastState } = {}) {
    this.#toasts = opts.toasts;
  }

  /** filtered reports whether any filter narrows the ledger (the empty state offers to clear them). */
  get filtered(): boolean {
    const q = this.list.query;
    return q.search !== '' || q.status !== '' || q.source !== '' || q.mismatched;
  }

  /** notConnected: the live book has no contract source (from the list, the cards or the error code). */
  get notConnected(): boolean {
    return (
      this.list.meta?.readiness === 'not_connected' ||
      this.summary.data?.meta?.readiness === 'not_connected' ||
      this.list.error?.code === 'not_connected'
    );
  }

  start() {
    this.list.load();
    void this.summary.load(this.list.query.search, this.list.query.source);
    void this.routed.load();
  }

  dispose() {
    this.search.dispose();
  }

  get searchText(): string {
    return this.search.text;
  }

  setSearchText(text: string) {
    this.search.set(text);
  }

  clearSearch() {
    this.search.clear();
  }

  #applySearch(search: string) {
    if (search === this.list.query.search) return;
    this.list.setQuery({ search });
    void this.summary.load(search, this.list.query.source);
  }

  setStatus(status: StatusFilter) {
    this.list.setQuery({ status });
  }

  setSource(source: SourceFilter) {
    if (source === this.list.query.source) return;
    this.list.setQuery({ source });
    void this.summary.load(this.list.query.search, source);
  }

  setMismatched(mismatched: boolean) {
    this.list.setQuery({ mismatched });
  }

  setSort(sort: SortKey, desc: boolean) {
    this.list.setQuery({ sort, desc });
  }

  clearFilters() {
    this.search.reset();
    const reloadCards = this.list.query.search !== '' || this.list.query.source !== '';
    this.list.setQuery({ search: '', status: '', source: '', mismatched: false });
    if (reloadCards) void this.summary.load('', '');
  }

  /** retry starts over after a failed load (the table, the cards and the banner). */
  retry() {
    this.list.load();
    void this.summary.load();
    void this.routed.load();
  }

  /** reload refetches what is on screen after the data changed. */
  reload() {
    void this.list.reload();
    void this.summary.load();
    void this.routed.load();
  }

  /** exportLedger saves the ledger exactly as filtered and says where it went. */
  async exportLedger(format: ExportFormat): Promise<ExportDTO | null> {
    if (this.exporting) return null;
    this.exporting = format;
    try {
      const dto = await exportContracts(toQuery(this.list.query, 0, 0), format);
      this.lastExport = dto;
      this.#toasts?.push({ message: exportMessage(dto), tone: 'success' });
      return dto;
    } catch (e) {
      this.#toasts?.push({ message: `Could not export contracts: ${toApiError(e).message}`, tone: 'error' });
      return null;
    } finally {
      this.exporting = null;
    }
  }
}

export function exportMessage(dto: ExportDTO): string {
  return `Exported ${formatCount(dto.rows)} ${dto.rows === 1 ? 'row' : 'rows'} to ${dto.path}`;
}
