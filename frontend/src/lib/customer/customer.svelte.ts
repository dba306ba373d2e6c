// State of one Customer Detail view: the CustomerDTO, loading and error.
// The activity feed and score history load separately (activity.svelte.ts,
// ScoreHistory.svelte) because they page on their own.
import { getCustomer } from '../api/customer';
import { setTracked } from '../api/health';
import { toApiError, type ApiError } from '../api/core';
import type { CustomerDTO, RouteDTO } from './labels';

export type CustomerKey = { domain: string } | { accountId: number };

export class CustomerState {
  data = $state.raw<CustomerDTO | null>(null);
  error = $state.raw<ApiError | null>(null);
  loading = $state(false);
  readonly key: CustomerKey;
  #seq = 0;

  constructor(key: CustomerKey) {
    this.key = key;
  }

  /** notFound is true when the account does not exist (show Back, not Retry). */
  get notFound(): boolean {
    return this.error?.code === 'not_found';
  }

  /** load fetches the account. Data already shown stays visible while it reloads. */
  async load(): Promise<void> {
    const seq = ++this.#seq;
    this.loading = true;
    this.error = null;
    try {
      const d = await getCustomer(this.key);
      if (seq !== this.#seq) return;
      this.data = d;
    } catch (e) {
      if (seq !== this.#seq) return;
      const err = toApiError(e);
      this.error = err;
      if (err.code === 'not_found') this.data = null;
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  reload = (): Promise<void> => this.load();

  /** applyRoute records a route the user just made as the active one. */
  applyRoute(r: RouteDTO): void {
    const d = this.data;
    if (!d) return;
    const history = (d.routeHistory ?? []).map((h) => ({ ...h, active: false }));
    this.data = { ...d, route: { ...r, active: true }, routeHistory: [{ ...r, active: true }, ...history] };
  }

  /** clearActiveRoute mirrors WorkspaceService.ClearRoute: no route stays active. */
  clearActiveRoute(): void {
    const d = this.data;
    if (!d) return;
    this.data = { ...d, route: undefined, routeHistory: (d.routeHistory ?? []).map((h) => ({ ...h, active: false })) };
  }

  /**
   * undoRoute mirrors WorkspaceService.UndoRoute: the newest route leaves the
   * history and restored (the route it replaced, if any) is active again.
   */
  undoRoute(restored: RouteDTO | null): void {
    const d = this.data;
    if (!d) return;
    const history = (d.routeHistory ?? []).slice(1).map((h) => ({ ...h, active: restored != null && h.id === restored.id }));
    this.data = { ...d, route: restored ? { ...restored, active: true } : undefined, routeHistory: history };
  }

  /** setTracked includes or excludes the account from monitoring. Throws ApiError. */
  async setTracked(tracked: boolean): Promise<void> {
    const d = this.data;
    if (!d) return;
    const res = await setTracked(d.account.id, tracked);
    const cur = this.data;
    if (cur && cur.account.id === d.account.id) {
      this.data = { ...cur, account: { ...cur.account, tracked: res?.tracked ?? tracked } };
    }
  }
}
