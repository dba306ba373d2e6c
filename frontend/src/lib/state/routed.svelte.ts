// Accounts routed into a section that has no page of its own yet.
import { clearRoute, routedTo, type RoutedListDTO } from '../api/workspace';
import { toApiError, type ApiError } from '../api/core';

export class RoutedState {
  data = $state.raw<RoutedListDTO | null>(null);
  loading = $state(false);
  error = $state.raw<ApiError | null>(null);
  #seq = 0;

  constructor(readonly section: string) {}

  items = $derived(this.data?.items ?? []);

  async load() {
    const seq = ++this.#seq;
    this.loading = true;
    try {
      const dto = await routedTo(this.section);
      if (seq !== this.#seq) return;
      this.data = dto;
      this.error = null;
    } catch (e) {
      if (seq !== this.#seq) return;
      this.error = toApiError(e);
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  /** clear unpins an account from this section; the caller shows errors. */
  async clear(accountId: number) {
    await clearRoute(accountId);
    await this.load();
  }
}
