// A window cache over a backend's sorted, filtered list, for tables that
// virtualize their rows (Health, Contracts). Rows are fetched in pages keyed
// by offset for the current query; the table asks for the range its
// virtualizer shows and only missing pages are fetched. Answers to an older
// query are dropped.
import { SvelteMap } from 'svelte/reactivity';
import { toApiError, type ApiError } from '../api/core';
import type { app } from '../../../wailsjs/go/models';

export type ListStatus = 'loading' | 'ready' | 'error';

/** One page of the list as the backend answers it. */
export interface ListPage<R> {
  rows: R[] | null;
  total: number;
  meta: app.MetaDTO;
}

export interface WindowedListOptions<Q, R> {
  pageSize: number;
  /** the query a new list starts with (copied) */
  initial: Q;
  /** whether two queries ask for the same rows */
  same: (a: Q, b: Q) => boolean;
  /** fetches limit rows from offset for the query */
  fetchPage: (query: Q, offset: number, limit: number) => Promise<ListPage<R>>;
}

export class WindowedList<Q extends object, R> {
  query: Q;
  /** rows matching the query in all (sizes the scroller) */
  total = $state(0);
  status = $state<ListStatus>('loading');
  error = $state.raw<ApiError | null>(null);
  meta = $state.raw<app.MetaDTO | null>(null);
  /** bumps on every new query (the table scrolls to the top on change) */
  generation = $state(0);

  #opts: WindowedListOptions<Q, R>;
  #pages = new SvelteMap<number, R[]>();
  #inflight = new Set<number>();
  #range = { start: 0, end: 0 };
  #reloading = 0;

  constructor(opts: WindowedListOptions<Q, R>) {
    this.#opts = opts;
    this.query = $state({ ...opts.initial });
  }

  /** rowAt returns the cached row at index i, or undefined while its page loads. */
  rowAt(i: number): R | undefined {
    const off = this.#pageOf(i);
    return this.#pages.get(off)?.[i - off];
  }

  /** loadedPages lists the cached page offsets (for tests and diagnostics). */
  loadedPages(): number[] {
    return [...this.#pages.keys()].sort((a, b) => a - b);
  }

  /** setQuery replaces part of the query and starts over from the first page. */
  setQuery(patch: Partial<Q>) {
    const next = { ...this.query, ...patch };
    if (this.#opts.same(next, this.query) && this.status !== 'error') return;
    this.query = next;
    this.#restart();
  }

  /**
   * load fetches the first page of the current query (first load, Retry);
   * the promise settles once it is in (or failed, with status 'error').
   */
  load(): Promise<void> {
    return this.#restart();
  }

  /** ensureRange fetches the pages covering rows start..end that are not cached or in flight. */
  ensureRange(start: number, end: number) {
    this.#range = { start, end };
    if (this.status === 'error') return;
    const size = this.#opts.pageSize;
    for (let off = this.#pageOf(Math.max(0, start)); off <= this.#pageOf(Math.max(0, end)); off += size) {
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
    const size = this.#opts.pageSize;
    const offs: number[] = [];
    for (let off = this.#pageOf(this.#range.start); off <= this.#pageOf(this.#range.end); off += size) offs.push(off);
    try {
      const res = await Promise.all(offs.map((o) => this.#opts.fetchPage(q, o, size)));
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

  #restart(): Promise<void> {
    this.generation++;
    this.#reloading++;
    this.#pages.clear();
    this.#inflight.clear();
    this.#range = { start: 0, end: 0 };
    this.status = 'loading';
    this.error = null;
    return this.#fetch(0);
  }

  async #fetch(offset: number) {
    const gen = this.generation;
    this.#inflight.add(offset);
    try {
      const dto = await this.#opts.fetchPage(this.query, offset, this.#opts.pageSize);
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

  #pageOf(i: number): number {
    const size = this.#opts.pageSize;
    return Math.floor(i / size) * size;
  }
}
