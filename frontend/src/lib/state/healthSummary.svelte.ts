// The Health cards and the ARR-by-risk chart for the visible portfolio.
import { healthSummary, type HealthSummaryDTO } from '../api/health';
import { Resource } from './resource.svelte';

export class HealthSummaryState extends Resource<HealthSummaryDTO> {
  #last = { search: '', includeUntracked: false };

  load(search = this.#last.search, includeUntracked = this.#last.includeUntracked): Promise<void> {
    this.#last = { search, includeUntracked };
    return this.fetchLatest(() => healthSummary({ search, includeUntracked }));
  }
}
