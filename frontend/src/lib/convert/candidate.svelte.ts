// The candidate sheet's data: one candidate by key (the newest request wins).
import { convertCandidate, type CandidateDTO } from '../api/convert';
import { Resource } from '../state/resource.svelte';

export class CandidateState extends Resource<CandidateDTO> {
  constructor(readonly key: string) {
    super();
  }

  load(): Promise<void> {
    return this.fetchLatest(() => convertCandidate(this.key));
  }
}
