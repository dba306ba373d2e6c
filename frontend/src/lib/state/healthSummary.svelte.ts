// The Health cards and the ARR-by-risk chart for the visible portfolio.
import { healthSummary, type HealthSummaryDTO } from '../api/health';
import { toApiError, type ApiError } from '../api/core';

export class HealthSummaryState {
  data = $state.raw<HealthSummaryDTO | null>(null);
  loading = $state(false);
  error = $state.raw<ApiError | null>(null);
  #seq = 0;
  #last = { search: '', includeUntracked: false };

  async load(search = this.#last.search, includeUntracked = this.#last.includeUntracked) {
    this.#last = { search, includeUntracked };
    const seq = ++this.#seq;
    this.loading = true;
    try {
      const dto = await healthSummary({ search, includeUntracked });
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
