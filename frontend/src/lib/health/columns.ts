// Column definitions of the Health table. TanStack Table owns the headers and
// the sorting state's toggle cycle; the rows come from the backend already
// sorted (manualSorting), so the table never sorts or filters in the page.
import { rowSortingFeature, tableFeatures, type ColumnDef } from '@tanstack/svelte-table';
import type { HealthRowDTO } from '../api/health';
import type { SortKey } from '../state/healthList.svelte';

export interface HealthColumnMeta {
  /** CSS grid track */
  track: string;
  align?: 'left' | 'right';
  /** the backend sort key; null for columns that do not sort */
  sortKey: SortKey | null;
}

export const features = tableFeatures({ rowSortingFeature, columnMeta: {} as HealthColumnMeta });

export type HealthColumn = ColumnDef<typeof features, HealthRowDTO>;

export const columns: HealthColumn[] = [
  { id: 'account', header: 'Account', accessorFn: (r) => r.name, meta: { track: 'minmax(200px,1fr)', sortKey: 'account' } },
  { id: 'score', header: 'Health', accessorFn: (r) => r.score, meta: { track: '68px', align: 'right', sortKey: 'score' } },
  { id: 'level', header: 'Risk level', accessorFn: (r) => r.score, meta: { track: '92px', sortKey: 'level' } },
  {
    id: 'activeUsers',
    header: 'Active users',
    accessorFn: (r) => r.activeUsers ?? -1,
    sortDescFirst: true,
    meta: { track: '92px', align: 'right', sortKey: 'activeUsers' },
  },
  {
    id: 'arr',
    header: 'ARR',
    accessorFn: (r) => r.arrBase?.amountMinor ?? 0,
    sortDescFirst: true,
    meta: { track: '100px', align: 'right', sortKey: 'arr' },
  },
  {
    id: 'renewal',
    header: 'Renewal',
    accessorFn: (r) => r.daysToRenewal ?? Number.MAX_SAFE_INTEGER,
    meta: { track: '112px', align: 'right', sortKey: 'renewal' },
  },
  {
    id: 'factors',
    header: 'Risk factors',
    accessorFn: (r) => r.factors?.length ?? 0,
    sortDescFirst: true,
    meta: { track: 'minmax(236px,1.5fr)', sortKey: 'factors' },
  },
  { id: 'actions', header: '', enableSorting: false, meta: { track: '44px', sortKey: null } },
];

export const gridTemplate = columns.map((c) => c.meta?.track ?? '1fr').join(' ');

export const sortKeys: SortKey[] = ['account', 'score', 'level', 'activeUsers', 'arr', 'renewal', 'factors'];

export function isSortKey(s: string): s is SortKey {
  return (sortKeys as string[]).includes(s);
}
