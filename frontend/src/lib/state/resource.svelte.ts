// A value loaded from the backend, where only the newest request's answer
// counts: a slow reply to an older request never overwrites a newer one.
import { toApiError, type ApiError } from '../api/core';

export class Resource<T> {
  data = $state.raw<T | null>(null);
  loading = $state(false);
  error = $state.raw<ApiError | null>(null);
  #seq = 0;

  /**
   * fetchLatest runs fetch and keeps its result (or its error, with the last
   * good data left in place) unless a newer fetchLatest started meanwhile.
   */
  protected async fetchLatest(fetch: () => Promise<T>): Promise<void> {
    const seq = ++this.#seq;
    this.loading = true;
    try {
      const dto = await fetch();
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
}
