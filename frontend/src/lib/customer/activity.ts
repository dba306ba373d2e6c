// Pure helpers for the activity feed: kind filters, signal pills, day groups.
import type { ActivityDTO } from './labels';
import { dateFormat } from '../intl';

export type KindFilter = 'all' | 'call' | 'email' | 'project' | 'signal' | 'contract_change' | 'payment';

/** FILTERS in display order; optional ones show only when the account has such items. */
export const FILTERS: { id: KindFilter; label: string; optional?: boolean }[] = [
  { id: 'all', label: 'All' },
  { id: 'call', label: 'Calls' },
  { id: 'email', label: 'Emails', optional: true },
  { id: 'project', label: 'Projects', optional: true },
  { id: 'signal', label: 'Signals' },
  { id: 'contract_change', label: 'Contract changes' },
  { id: 'payment', label: 'Payments' },
];

export const KINDS: Exclude<KindFilter, 'all'>[] = ['call', 'email', 'project', 'signal', 'contract_change', 'payment'];

export const kindLabel: Record<string, string> = {
  call: 'Call',
  email: 'Email',
  project: 'Project',
  signal: 'Signal',
  contract_change: 'Contract change',
  payment: 'Payment',
};

const signalClass: Record<string, string> = {
  feature_request: 'bg-sky-50 text-sky-700 ring-sky-600/20',
  complaint: 'bg-amber-50 text-amber-800 ring-amber-600/25',
  escalation: 'bg-red-50 text-red-700 ring-red-600/20',
  praise: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
};

const signalText: Record<string, string> = {
  feature_request: 'Feature request',
  complaint: 'Complaint',
  escalation: 'Escalation',
  praise: 'Praise',
};

/** signalPill returns the pill text and classes of a signal item, or null for other items. */
export function signalPill(a: Pick<ActivityDTO, 'kind' | 'signal' | 'score'>): { text: string; cls: string } | null {
  if (a.kind !== 'signal' || !a.signal) return null;
  if (a.signal === 'nps') {
    const s = a.score;
    if (s == null) return { text: 'NPS', cls: 'bg-slate-100 text-slate-700 ring-slate-500/20' };
    const cls =
      s >= 9
        ? 'bg-emerald-50 text-emerald-700 ring-emerald-600/20'
        : s >= 7
          ? 'bg-slate-100 text-slate-700 ring-slate-500/20'
          : 'bg-red-50 text-red-700 ring-red-600/20';
    return { text: `NPS ${s}`, cls };
  }
  return {
    text: signalText[a.signal] ?? a.signal,
    cls: signalClass[a.signal] ?? 'bg-slate-100 text-slate-700 ring-slate-500/20',
  };
}

export interface DayGroup {
  key: string;
  label: string;
  items: ActivityDTO[];
}

function dayKey(d: Date): string {
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${m}-${day}`;
}

/**
 * groupByDay sorts items newest first and groups them by local calendar day.
 * Days are labelled Today, Yesterday, or "Mon, Nov 24, 2025". Items with an
 * unreadable date go last, under "Undated".
 */
export function groupByDay(items: ActivityDTO[], now: Date = new Date()): DayGroup[] {
  const time = (a: ActivityDTO) => {
    const t = new Date(a.occurredAt).getTime();
    return Number.isNaN(t) ? -Infinity : t;
  };
  const sorted = items.slice().sort((a, b) => time(b) - time(a) || b.id - a.id);
  const today = dayKey(now);
  const y = new Date(now);
  y.setDate(y.getDate() - 1);
  const yesterday = dayKey(y);
  const groups: DayGroup[] = [];
  for (const a of sorted) {
    const t = time(a);
    const d = new Date(t);
    const key = t === -Infinity ? 'undated' : dayKey(d);
    let g = groups[groups.length - 1];
    if (!g || g.key !== key) {
      const label =
        key === 'undated'
          ? 'Undated'
          : key === today
            ? 'Today'
            : key === yesterday
              ? 'Yesterday'
              : dateFormat({ weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(d);
      g = { key, label, items: [] };
      groups.push(g);
    }
    g.items.push(a);
  }
  return groups;
}
