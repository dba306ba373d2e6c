// Column definitions of the Contracts table. TanStack Table owns the headers
// and the sort toggle cycle; rows come from the backend already sorted
// (manualSorting), so the page never sorts or filters.
import { rowSortingFeature, tableFeatures, type ColumnDef } from '@tanstack/svelte-table';
import type { ContractRowDTO } from '../api/contracts';
import type { SortKey } from './labels';

export interface ContractsColumnMeta {
  /** CSS grid track */
  track: string;
  align?: 'left' | 'right';
  /** the backend sort key; null for columns that do not sort */
  sortKey: SortKey | null;
}

export const features = tableFeatures({ rowSortingFeature, columnMeta: {} as ContractsColumnMeta });

export type ContractsColumn = ColumnDef<typeof features, ContractRowDTO>;

const money = (key: SortKey, header: string, track: string): ContractsColumn => ({
  id: key,
  header,
  accessorFn: (r) => r.amount?.amountMinor ?? 0,
  sortDescFirst: true,
  meta: { track, align: 'right', sortKey: key },
});

export const columns: ContractsColumn[] = [
  { id: 'customer', header: 'Customer', accessorFn: (r) => r.customer, meta: { track: 'minmax(200px,1.6fr)', sortKey: 'customer' } },
  { id: 'product', header: 'Product', accessorFn: (r) => r.product, meta: { track: 'minmax(110px,1fr)', sortKey: 'product' } },
  { id: 'status', header: 'Status', accessorFn: (r) => r.status, meta: { track: '84px', sortKey: 'status' } },
  { id: 'source', header: 'Source', accessorFn: (r) => r.source, meta: { track: '100px', sortKey: 'source' } },
  money('amount', 'Amount', '96px'),
  money('mrr', 'MRR', '84px'),
  money('arr', 'ARR', '88px'),
  { id: 'interval', header: 'Interval', accessorFn: (r) => r.interval, meta: { track: '76px', sortKey: 'interval' } },
  {
    id: 'renewal',
    header: 'Renewal',
    accessorFn: (r) => r.daysToRenewal ?? Number.MAX_SAFE_INTEGER,
    meta: { track: '112px', sortKey: 'renewal' },
  },
  { id: 'payment', header: 'Payment', accessorFn: (r) => r.paymentStatus, meta: { track: '84px', sortKey: 'payment' } },
  { id: 'actions', header: '', enableSorting: false, meta: { track: '36px', sortKey: null } },
];

export const gridTemplate = columns.map((c) => c.meta?.track ?? '1fr').join(' ');

export const sortKeys: SortKey[] = ['customer', 'product', 'status', 'source', 'amount', 'mrr', 'arr', 'interval', 'renewal', 'payment'];

export function isSortKey(s: string): s is SortKey {
  return (sortKeys as string[]).includes(s);
}
