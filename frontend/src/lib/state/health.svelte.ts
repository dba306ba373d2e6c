// The Health page controller: the table's window cache and the cards share
// one set of filters. Search input is debounced before it reaches either.
import { HealthListState, type Risk, type SortKey } from './healthList.svelte';
import { HealthSummaryState } from './healthSummary.svelte';
import { refreshHealth } from '../api/health';
import { toApiError } from '../api/core';
import { TypedSearch } from './typedSearch.svelte';

export { SEARCH_DELAY } from './typedSearch.svelte';

export class HealthPageState {
  list = new HealthListState();
  summary = new HealthSummaryState();
  /** what is typed in the search box (the query follows it after SEARCH_DELAY) */
  readonly search = new TypedSearch((search) => this.#applySearch(search));
  refreshing = $state(false);
  refreshError = $state('');
  #started: Promise<void> | null = null;

  /** whether start has run */
  get started(): boolean {
    return this.#started !== null;
  }

  /**
   * start loads the first page and the cards, once; later calls return the
   * same promise, which settles when both are in or failed (never rejects).
   */
  start(): Promise<void> {
    this.#started ??= Promise.all([
      this.list.load(),
      this.summary.load(this.list.query.search, this.list.query.includeUntracked),
    ]).then(() => {});
    return this.#started;
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
    void this.summary.load(search, this.list.query.includeUntracked);
  }

  setRisk(risk: Risk) {
    this.list.setQuery({ risk });
  }

  setIncludeUntracked(includeUntracked: boolean) {
    this.list.setQuery({ includeUntracked });
    void this.summary.load(this.list.query.search, includeUntracked);
  }

  setSort(sort: SortKey, desc: boolean) {
    this.list.setQuery({ sort, desc });
  }

  clearFilters() {
    this.search.reset();
    this.list.setQuery({ risk: '', search: '' });
    void this.summary.load('', this.list.query.includeUntracked);
  }

  /** reload refetches what is on screen after the data changed. */
  reload() {
    if (!this.started) return;
    void this.list.reload();
    void this.summary.load();
  }

  /** refresh asks the backend to recompute every score, then reloads. */
  async refresh() {
    if (this.refreshing) return;
    this.refreshing = true;
    this.refreshError = '';
    try {
      await refreshHealth();
      this.reload();
    } catch (e) {
      this.refreshError = toApiError(e).message;
    } finally {
      this.refreshing = false;
    }
  }
}
