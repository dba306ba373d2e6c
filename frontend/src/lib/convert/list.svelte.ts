// The Convert queue: the backend's sorted, filtered list read in pages of
// PAGE_SIZE ("Load more" appends the next one). Routed accounts come first
// from the backend. Answers to an older query are dropped.
import { listConvert, type ConvertQuery, type ConvertRowDTO } from '../api/convert';
import { toApiError, type ApiError } from '../api/core';
import type { app } from '../../../wailsjs/go/models';
import type { LikelihoodFilter, SourceFilter } from './text';

export const PAGE_SIZE = 100;
/** the most rows one reload asks for (the backend's limit) */
const MAX_LIMIT = 1000;

export type SortKey = 'score' | 'company' | 'source' | 'likelihood' | 'trialDays' | 'value';

/** the direction a column sorts in on its first click */
export const firstDesc: Record<SortKey, boolean> = {
  score: true,
  company: false,
  source: false,
  likelihood: true,
  trialDays: false,
  value: true,
};

export interface ConvertFilters {
  search: string;
  source: SourceFilter;
  likelihood: LikelihoodFilter;
  sort: SortKey;
  desc: boolean;
}

export const defaultFilters: ConvertFilters = { search: '', source: '', likelihood: '', sort: 'score', desc: true };

export type ListStatus = 'loading' | 'ready' | 'error';

export function toQuery(f: ConvertFilters, offset = 0, limit = PAGE_SIZE): ConvertQuery {
  return { search: f.search, source: f.source, likelihood: f.likelihood, sort: f.sort, desc: f.desc, offset, limit };
}

export class ConvertListState {
  query = $state<ConvertFilters>({ ...defaultFilters });
  rows = $state.raw<ConvertRowDTO[]>([]);
  total = $state(0);
  status = $state<ListStatus>('loading');
  error = $state.raw<ApiError | null>(null);
  meta = $state.raw<app.MetaDTO | null>(null);
  loadingMore = $state(false);
  moreError = $state('');
  /** bumps on every new query (the table returns to the top) */
  generation = $state(0);

  hasMore = $derived(this.rows.length < this.total);
  filtered = $derived(this.query.search !== '' || this.query.source !== '' || this.query.likelihood !== '');

  #reloading = 0;

  /** setQuery replaces part of the query and starts over from the first page. */
  setQuery(patch: Partial<ConvertFilters>) {
    const next = { ...this.query, ...patch };
    if (sameFilters(next, this.query) && this.status !== 'error') return;
    this.query = next;
    void this.load();
  }

  /** toggleSort sorts by key: the current column flips direction, another starts in its own. */
  toggleSort(key: SortKey) {
    if (this.query.sort === key) this.setQuery({ desc: !this.query.desc });
    else this.setQuery({ sort: key, desc: firstDesc[key] });
  }

  /** load fetches the first page of the current query (first load, a new query, Retry). */
  async load() {
    const gen = ++this.generation;
    this.#reloading++;
    this.rows = [];
    this.total = 0;
    this.status = 'loading';
    this.error = null;
    this.moreError = '';
    this.loadingMore = false;
    try {
      const dto = await listConvert(toQuery(this.query));
      if (gen !== this.generation) return;
      this.rows = dto.rows ?? [];
      this.total = dto.total ?? 0;
      this.meta = dto.meta ?? null;
      this.status = 'ready';
    } catch (e) {
      if (gen !== this.generation) return;
      this.error = toApiError(e);
      this.status = 'error';
    }
  }

  /** loadMore appends the next page. */
  async loadMore() {
    if (this.loadingMore || !this.hasMore || this.status !== 'ready') return;
    const gen = this.generation;
    const reloading = this.#reloading;
    this.loadingMore = true;
    this.moreError = '';
    try {
      const dto = await listConvert(toQuery(this.query, this.rows.length));
      if (gen !== this.generation || reloading !== this.#reloading) return;
      const seen = new Set(this.rows.map((r) => r.key));
      this.rows = [...this.rows, ...(dto.rows ?? []).filter((r) => !seen.has(r.key))];
      this.total = dto.total ?? this.total;
      this.meta = dto.meta ?? this.meta;
    } catch (e) {
      if (gen !== this.generation || reloading !== this.#reloading) return;
      this.moreError = toApiError(e).message;
    } finally {
      if (gen === this.generation && reloading === this.#reloading) this.loadingMore = false;
    }
  }

  /**
   * reload refetches as many rows as are shown after the data changed,
   * keeping the current rows on screen until the new ones arrive.
   */
  async reload() {
    if (this.status === 'loading' && this.rows.length === 0) {
      // The first page is still on its way: ask again for the newest data.
      void this.load();
      return;
    }
    const gen = this.generation;
    const seq = ++this.#reloading;
    this.loadingMore = false;
    const limit = Math.min(MAX_LIMIT, Math.max(PAGE_SIZE, this.rows.length));
    try {
      const dto = await listConvert(toQuery(this.query, 0, limit));
      if (gen !== this.generation || seq !== this.#reloading) return;
      this.rows = dto.rows ?? [];
      this.total = dto.total ?? 0;
      this.meta = dto.meta ?? this.meta;
      this.status = 'ready';
      this.error = null;
    } catch (e) {
      if (gen !== this.generation || seq !== this.#reloading) return;
      this.error = toApiError(e);
      this.status = 'error';
    }
  }
}

function sameFilters(a: ConvertFilters, b: ConvertFilters): boolean {
  return a.search === b.search && a.source === b.source && a.likelihood === b.likelihood && a.sort === b.sort && a.desc === b.desc;
}
