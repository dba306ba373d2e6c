// The Health table's data: a window cache over the backend's sorted, filtered
// list. Rows are fetched in pages of PAGE_SIZE keyed by offset for the current
// query; the table asks for the range its virtualizer shows and only missing
// pages are fetched. Responses for an older query are dropped.
import { SvelteMap } from 'svelte/reactivity';
import { listHealth, type HealthRowDTO } from '../api/health';
import { toApiError, type ApiError } from '../api/core';
import type { app } from '../../../wailsjs/go/models';

export const PAGE_SIZE = 200;

export type Risk = '' | 'critical' | 'at_risk' | 'healthy';
export type SortKey = 'account' | 'score' | 'level' | 'activeUsers' | 'arr' | 'renewal' | 'factors';

export interface HealthQuery {
  risk: Risk;
  search: string;
  includeUntracked: boolean;
  sort: SortKey;
  desc: boolean;
}

export const defaultQuery: HealthQuery = { risk: '', search: '', includeUntracked: false, sort: 'score', desc: false };

export type ListStatus = 'loading' | 'ready' | 'error';

export class HealthListState {
  query = $state<HealthQuery>({ ...defaultQuery });
  /** rows matching the query in all (sizes the scroller) */
  total = $state(0);
  status = $state<ListStatus>('loading');
  error = $state.raw<ApiError | null>(null);
  meta = $state.raw<app.MetaDTO | null>(null);
  /** bumps on every new query (the table scrolls to the top on change) */
  generation = $state(0);

  #pages = new SvelteMap<number, HealthRowDTO[]>();
  #inflight = new Set<number>();
  #range = { start: 0, end: 0 };
  #reloading = 0;

  /** rowAt returns the cached row at index i, or undefined while its page loads. */
  rowAt(i: number): HealthRowDTO | undefined {
    const off = pageOf(i);
    return this.#pages.get(off)?.[i - off];
  }

  /** loadedPages lists the cached page offsets (for tests and diagnostics). */
  loadedPages(): number[] {
    return [...this.#pages.keys()].sort((a, b) => a - b);
  }

  /** setQuery replaces part of the query and starts over from the first page. */
  setQuery(patch: Partial<HealthQuery>) {
    const next = { ...this.query, ...patch };
    if (sameQuery(next, this.query) && this.status !== 'error') return;
    this.query = next;
    this.#restart();
  }

  /** load fetches the first page of the current query (first load, Retry). */
  load() {
    this.#restart();
  }

  /** ensureRange fetches the pages covering rows start..end that are not cached or in flight. */
  ensureRange(start: number, end: number) {
    this.#range = { start, end };
    if (this.status === 'error') return;
    for (let off = pageOf(Math.max(0, start)); off <= pageOf(Math.max(0, end)); off += PAGE_SIZE) {
      if (off > 0 && off >= this.total) break;
      if (!this.#pages.has(off) && !this.#inflight.has(off)) void this.#fetch(off);
    }
  }

  /**
   * reload refetches the pages in view after the data changed, keeping the
   * current rows on screen until the new ones arrive (no flash of skeletons).
   */
  async reload() {
    const gen = ++this.#reloading;
    const q = { ...this.query };
    const qgen = this.generation;
    const offs: number[] = [];
    for (let off = pageOf(this.#range.start); off <= pageOf(this.#range.end); off += PAGE_SIZE) offs.push(off);
    try {
      const res = await Promise.all(offs.map((o) => listHealth({ ...q, offset: o, limit: PAGE_SIZE })));
      if (gen !== this.#reloading || qgen !== this.generation) return;
      this.#inflight.clear();
      this.#pages.clear();
      res.forEach((r, i) => this.#pages.set(offs[i], r.rows ?? []));
      this.total = res[0]?.total ?? 0;
      this.meta = res[0]?.meta ?? this.meta;
      this.status = 'ready';
      this.error = null;
      // The total may have grown into the visible range.
      this.ensureRange(this.#range.start, this.#range.end);
    } catch (e) {
      if (gen !== this.#reloading || qgen !== this.generation) return;
      this.error = toApiError(e);
      this.status = 'error';
    }
  }

  #restart() {
    this.generation++;
    this.#reloading++;
    this.#pages.clear();
    this.#inflight.clear();
    this.#range = { start: 0, end: 0 };
    this.status = 'loading';
    this.error = null;
    void this.#fetch(0);
  }

  async #fetch(offset: number) {
    const gen = this.generation;
    this.#inflight.add(offset);
    try {
      const dto = await listHealth({ ...this.query, offset, limit: PAGE_SIZE });
      if (gen !== this.generation) return; // an answer to an older query
      this.#pages.set(offset, dto.rows ?? []);
      this.total = dto.total;
      this.meta = dto.meta;
      this.status = 'ready';
    } catch (e) {
      if (gen !== this.generation) return;
      this.error = toApiError(e);
      this.status = 'error';
    } finally {
      if (gen === this.generation) this.#inflight.delete(offset);
    }
  }
}

function pageOf(i: number): number {
  return Math.floor(i / PAGE_SIZE) * PAGE_SIZE;
}

function sameQuery(a: HealthQuery, b: HealthQuery): boolean {
  return (
    a.risk === b.risk &&
    a.search === b.search &&
    a.includeUntracked === b.includeUntracked &&
    a.sort === b.sort &&
    a.desc === b.desc
  );
}
