// The TanStack Table behind a server-sorted table's header row (Health,
// Contracts): it owns the headers and the sort toggle cycle only. Rows come
// from the backend already sorted (manualSorting), so the table holds no data
// and never sorts or filters in the page.
import {
  createTable,
  type ColumnDef,
  type RowData,
  type SortingState,
  type SvelteTable,
  type TableFeatures,
  type TableOptions,
  type Updater,
} from '@tanstack/svelte-table';

export interface SortTableOptions<TFeatures extends TableFeatures, TData extends RowData, K extends string> {
  features: TFeatures;
  columns: ColumnDef<TFeatures, TData>[];
  /** the backend query's order: one column, or none for the backend's default */
  sorting: () => SortingState;
  /** whether a column id is a backend sort key */
  isSortKey: (id: string) => id is K;
  /** a header click asks for this order */
  onSort: (key: K, desc: boolean) => void;
}

/**
 * createSortTable makes the table (call it while a component initialises:
 * the adapter syncs its options in an effect). Single-column sorting, no
 * removal (a click on the sorted column flips it), ascending first unless the
 * column says sortDescFirst. A click reports the new order through onSort
 * only; the table's state follows `sorting`, so the query stays the truth.
 */
export function createSortTable<TFeatures extends TableFeatures, TData extends RowData, K extends string>(
  o: SortTableOptions<TFeatures, TData, K>,
): SvelteTable<TFeatures, TData> {
  const options = {
    features: o.features,
    columns: o.columns,
    data: [] as TData[],
    state: {
      get sorting() {
        return o.sorting();
      },
    },
    onSortingChange: (u: Updater<SortingState>) => {
      const next = typeof u === 'function' ? u(o.sorting()) : u;
      const s = next[0];
      if (s && o.isSortKey(s.id)) o.onSort(s.id, s.desc);
    },
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    sortDescFirst: false,
  };
  // The sorting options exist only with rowSortingFeature, which a generic
  // TFeatures cannot promise: the callers' features include it.
  return createTable(options as unknown as TableOptions<TFeatures, TData>);
}
