// State of the activity feed: one kind filter, pages of 30, per-kind totals.
import { customerActivity } from '../api/customer';
import { toApiError, type ApiError } from '../api/core';
import { KINDS, type KindFilter } from './activity';
import type { ActivityDTO } from './labels';

export const PAGE_SIZE = 30;

export class ActivityState {
  items = $state.raw<ActivityDTO[]>([]);
  total = $state(0);
  kind = $state<KindFilter>('all');
  loading = $state(false);
  loadingMore = $state(false);
  error = $state.raw<ApiError | null>(null);
  /** counts per kind (null until known); decides which optional filters show. */
  counts = $state.raw<Record<string, number> | null>(null);
  readonly accountId: number;
  #seq = 0;

  constructor(accountId: number) {
    this.accountId = accountId;
  }

  get hasMore(): boolean {
    return this.items.length < this.total;
  }

  #request(offset: number) {
    return customerActivity({
      accountId: this.accountId,
      kinds: this.kind === 'all' ? [] : [this.kind],
      offset,
      limit: PAGE_SIZE,
    });
  }

  /** load replaces the list with the first page of the current filter. */
  async load(): Promise<void> {
    const seq = ++this.#seq;
    this.loading = true;
    this.loadingMore = false;
    this.error = null;
    try {
      const page = await this.#request(0);
      if (seq !== this.#seq) return;
      this.items = page.items ?? [];
      this.total = page.total ?? 0;
    } catch (e) {
      if (seq !== this.#seq) return;
      this.items = [];
      this.total = 0;
      this.error = toApiError(e);
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  /** more appends the next page; a failure keeps what is shown and sets error. */
  async more(): Promise<void> {
    if (this.loading || this.loadingMore || !this.hasMore) return;
    const seq = this.#seq;
    this.loadingMore = true;
    this.error = null;
    try {
      const page = await this.#request(this.items.length);
      if (seq !== this.#seq) return;
      const seen = new Set(this.items.map((a) => a.id));
      this.items = [...this.items, ...(page.items ?? []).filter((a) => !seen.has(a.id))];
      this.total = page.total ?? this.total;
    } catch (e) {
      if (seq === this.#seq) this.error = toApiError(e);
    } finally {
      if (seq === this.#seq) this.loadingMore = false;
    }
  }

  setKind(k: KindFilter): Promise<void> {
    this.kind = k;
    return this.load();
  }

  /** loadCounts asks for each kind's total (the server counts them in one request). Failures leave counts unknown. */
  async loadCounts(): Promise<void> {
    try {
      const page = await customerActivity({ accountId: this.accountId, kinds: [], offset: 0, limit: 1 });
      const counts: Record<string, number> = {};
      for (const k of KINDS) counts[k] = page.counts?.[k] ?? 0;
      this.counts = counts;
    } catch {
      this.counts = null;
    }
  }
}
