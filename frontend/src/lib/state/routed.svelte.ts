// Accounts routed into a section that has no page of its own yet.
import { clearRoute, routedTo, type RoutedListDTO } from '../api/workspace';
import { Resource } from './resource.svelte';

export class RoutedState extends Resource<RoutedListDTO> {
  constructor(readonly section: string) {
    super();
  }

  items = $derived(this.data?.items ?? []);

  load(): Promise<void> {
    return this.fetchLatest(() => routedTo(this.section));
  }

  /** clear unpins an account from this section; the caller shows errors. */
  async clear(accountId: number) {
    await clearRoute(accountId);
    await this.load();
  }
}
