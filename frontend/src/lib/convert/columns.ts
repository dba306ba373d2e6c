// The Convert queue's columns. Rows come from the backend already sorted;
// a header click asks the backend for another order.
import type { SortKey } from './list.svelte';

export interface ConvertColumn {
  id: SortKey;
  label: string;
  /** CSS grid track */
  track: string;
  align?: 'right';
}

export const columns: ConvertColumn[] = [
  { id: 'company', label: 'Company', track: 'minmax(220px,1fr)' },
  { id: 'source', label: 'Source', track: '120px' },
  { id: 'score', label: 'Score', track: '72px', align: 'right' },
  { id: 'likelihood', label: 'Likelihood', track: '108px' },
  { id: 'trialDays', label: 'Trial days remaining', track: '164px', align: 'right' },
  { id: 'value', label: 'Estimated value', track: '136px', align: 'right' },
];

/** the columns plus the row menu's track */
export const gridTemplate = [...columns.map((c) => c.track), '44px'].join(' ');
