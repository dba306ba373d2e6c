// The Health table's data: a window cache over the backend's sorted, filtered
// list, in pages of PAGE_SIZE (see WindowedList).
import { listHealth, type HealthRowDTO } from '../api/health';
import { WindowedList } from './windowedList.svelte';

/**
 * PAGE_SIZE is the rows one request asks for: a screen of rows and the
 * virtualizer's overscan (about 30) with room to scroll, and no more, as the
 * first page is on the way to the window's first paint: it is built, sent,
 * parsed and made reactive before the table can draw.
 */
export const PAGE_SIZE = 50;

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

export type { ListStatus } from './windowedList.svelte';

export class HealthListState extends WindowedList<HealthQuery, HealthRowDTO> {
  constructor() {
    super({
      pageSize: PAGE_SIZE,
      initial: defaultQuery,
      same: sameQuery,
      fetchPage: (q, offset, limit) => listHealth({ ...q, offset, limit }),
    });
  }
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
