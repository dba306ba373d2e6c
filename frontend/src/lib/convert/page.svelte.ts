// The Convert page controller: the queue, the cards, Sync trials, the
// Settings tab and exports share one set of filters. Search input is
// debounced before it reaches the backend. One controller lives per app
// window and book, so filters, a running sync and unsaved settings survive
// a visit to an account.
import { formatCount } from '../format';
import { convertSummary, exportConvert, type ConvertSummaryDTO, type ExportFormat } from '../api/convert';
import { toApiError } from '../api/core';
import type { ToastState } from '../state/toasts.svelte';
import { Resource } from '../state/resource.svelte';
import { TypedSearch } from '../state/typedSearch.svelte';
import { ConvertListState, toQuery, type ConvertFilters, type SortKey } from './list.svelte';
import { ConvertSyncState } from './sync.svelte';
import { ConvertSettingsState } from './settings.svelte';
import type { LikelihoodFilter, SourceFilter } from './text';

export { SEARCH_DELAY } from '../state/typedSearch.svelte';

export type ConvertTab = 'overview' | 'settings';

export class ConvertSummaryState extends Resource<ConvertSummaryDTO> {
  /** load reads the cards for the queue under the search and source filters (not the likelihood one). */
  load(f: Pick<ConvertFilters, 'search' | 'source'>): Promise<void> {
    return this.fetchLatest(() =>
      convertSummary(toQuery({ search: f.search, source: f.source, likelihood: '', sort: 'score', desc: true }, 0, 0)),
    );
  }
}

export interface ExportResult {
  ok: boolean;
  text: string;
}

export interface ConvertPageOptions {
  toasts?: ToastState;
  searchDelay?: number;
  saveDelay?: number;
}

export class ConvertPageState {
  list = new ConvertListState();
  summary = new ConvertSummaryState();
  sync = new ConvertSyncState(() => this.reload());
  settings: ConvertSettingsState;
  tab = $state<ConvertTab>('overview');
  /** what is typed in the search box (the query follows it after SEARCH_DELAY, or opts.searchDelay) */
  readonly search: TypedSearch;
  exporting = $state(false);
  exportResult = $state<ExportResult | null>(null);
  /** the candidate whose sheet is open */
  openKey = $state<string | null>(null);
  started = false;
  /** the app's data version this page last loaded at */
  seenDataVersion = 0;

  /** the queue's urgency window (the cards say which; 7 until known) */
  urgencyDays = $derived(this.summary.data?.urgencyDays || 7);
  /** the book's readiness for Convert, from the newest answer */
  readiness = $derived(this.list.meta?.readiness ?? this.summary.data?.meta?.readiness ?? '');


  constructor(readonly opts: ConvertPageOptions = {}) {
    this.settings = new ConvertSettingsState(() => this.reload(), opts.saveDelay);
    this.search = new TypedSearch((search) => this.#applySearch(search), opts.searchDelay);
  }

  /** start loads the first page and the cards once. */
  start(dataVersion = 0) {
    if (this.started) return;
    this.started = true;
    this.seenDataVersion = dataVersion;
    void this.list.load();
    void this.summary.load(this.list.query);
  }

  /** dataChanged reloads what is shown when the app's data version moved on. */
  dataChanged(dataVersion: number) {
    if (!this.started || dataVersion === this.seenDataVersion) return;
    this.seenDataVersion = dataVersion;
    this.reload();
  }

  /** reload re-tallies the cards and the queue in view (after a sync, a save, a route). */
  reload() {
    if (!this.started) return;
    void this.list.reload();
    void this.summary.load(this.list.query);
  }

  /** retry starts over after an error. */
  retry() {
    void this.list.load();
    void this.summary.load(this.list.query);
  }

  setTab(tab: ConvertTab) {
    if (tab === this.tab) return;
    if (this.tab === 'settings') void this.settings.flush();
    this.tab = tab;
    if (tab === 'settings' && !this.settings.dto && !this.settings.loading) void this.settings.load();
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
    void this.summary.load(this.list.query);
  }

  setSource(source: SourceFilter) {
    if (source === this.list.query.source) return;
    this.list.setQuery({ source });
    void this.summary.load(this.list.query);
  }

  setLikelihood(likelihood: LikelihoodFilter) {
    this.list.setQuery({ likelihood });
  }

  toggleSort(key: SortKey) {
    this.list.toggleSort(key);
  }

  clearFilters() {
    this.search.reset();
    const cardsChange = this.list.query.search !== '' || this.list.query.source !== '';
    this.list.setQuery({ search: '', source: '', likelihood: '' });
    if (cardsChange) void this.summary.load(this.list.query);
  }

  /** exportAs saves the queue exactly as filtered and says where. */
  async exportAs(format: ExportFormat) {
    if (this.exporting) return;
    this.exporting = true;
    try {
      const dto = await exportConvert(toQuery(this.list.query, 0, 0), format);
      const n = dto.rows ?? 0;
      const text = `Exported ${formatCount(n)} ${n === 1 ? 'row' : 'rows'} to ${dto.path}`;
      this.exportResult = { ok: true, text };
      this.opts.toasts?.push({ message: `${text}.`, tone: 'success' });
    } catch (e) {
      const text = `Export failed: ${toApiError(e).message}`;
      this.exportResult = { ok: false, text };
      this.opts.toasts?.push({ message: text, tone: 'error' });
    } finally {
      this.exporting = false;
    }
  }

  /** resetSettings puts the defaults back, with Undo in a toast. */
  resetSettings() {
    const before = this.settings.resetToDefaults();
    if (!before) return;
    this.opts.toasts?.push({
      message: 'Convert settings reset to their defaults.',
      tone: 'success',
      actionLabel: 'Undo',
      onAction: () => this.settings.restore(before),
    });
  }

  dispose() {
    this.search.dispose();
  }
}

const pages = new WeakMap<object, { book: number; page: ConvertPageState }>();

/**
 * convertPageFor returns the window's Convert controller for the book shown
 * (`book` is the app's mode version): a new one after a switch of books.
 */
export function convertPageFor(owner: object, book: number, opts: ConvertPageOptions = {}): ConvertPageState {
  const hit = pages.get(owner);
  if (hit && hit.book === book) return hit.page;
  hit?.page.dispose();
  hit?.page.settings.dispose();
  const page = new ConvertPageState(opts);
  pages.set(owner, { book, page });
  return page;
}
