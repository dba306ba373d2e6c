// Labels, tones and small formatters of the Contracts page. Every class
// string is written out in full so Tailwind's source scan finds it.
import type { Tone } from '../components/Badge.svelte';
import type { ContractsSummaryDTO } from '../api/contracts';
import { formatDate } from '../format';

/** The status filter values, in the order the toolbar and the count row show them. */
export type StatusFilter = '' | 'active' | 'trialing' | 'past_due' | 'expiring30' | 'canceled' | 'expired' | 'pending' | 'draft';
export type SourceFilter = '' | 'salesbricks' | 'stripe';
export type SortKey = 'customer' | 'product' | 'status' | 'source' | 'amount' | 'mrr' | 'arr' | 'interval' | 'renewal' | 'payment';

export const statusOptions: { value: StatusFilter; label: string }[] = [
  { value: '', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'trialing', label: 'Trialing' },
  { value: 'past_due', label: 'Past due' },
  { value: 'expiring30', label: 'Expiring in 30 days' },
  { value: 'canceled', label: 'Canceled' },
  { value: 'expired', label: 'Expired' },
  { value: 'pending', label: 'Pending' },
  { value: 'draft', label: 'Draft' },
];

export const sourceOptions: { value: SourceFilter; label: string }[] = [
  { value: '', label: 'All' },
  { value: 'salesbricks', label: 'Salesbricks' },
  { value: 'stripe', label: 'Stripe' },
];

export function isStatusFilter(s: string): s is StatusFilter {
  return statusOptions.some((o) => o.value === s);
}

export function isSourceFilter(s: string): s is SourceFilter {
  return sourceOptions.some((o) => o.value === s);
}

export const statusLabel: Record<string, string> = {
  active: 'Active',
  trialing: 'Trialing',
  past_due: 'Past due',
  canceled: 'Canceled',
  expired: 'Expired',
  pending: 'Pending',
  draft: 'Draft',
};

export const statusTone: Record<string, Tone> = {
  active: 'emerald',
  trialing: 'sky',
  past_due: 'red',
  canceled: 'slate',
  expired: 'slate',
  pending: 'amber',
  draft: 'amber',
};

export const sourceLabel: Record<string, string> = { salesbricks: 'Salesbricks', stripe: 'Stripe', merged: 'Merged' };

export { intervalLabel, intervalSuffix } from '../customer/labels';

export const paymentLabel: Record<string, string> = {
  paid: 'Paid',
  open: 'Open',
  past_due: 'Past due',
  failed: 'Failed',
  none: 'None',
};
export const paymentDot: Record<string, string> = {
  paid: 'bg-emerald-500',
  open: 'bg-slate-400',
  past_due: 'bg-red-500',
  failed: 'bg-red-500',
  none: 'bg-slate-300',
};

export const invoiceLabel: Record<string, string> = { paid: 'Paid', open: 'Open', failed: 'Failed', void: 'Void', draft: 'Draft', uncollectible: 'Uncollectible' };
export const invoiceTone: Record<string, Tone> = { paid: 'emerald', open: 'slate', failed: 'red', void: 'slate', draft: 'amber', uncollectible: 'red' };

export const retryLabel: Record<string, string> = { failed: 'Failed', succeeded: 'Succeeded', scheduled: 'Scheduled' };
export const retryTone: Record<string, Tone> = { failed: 'red', succeeded: 'emerald', scheduled: 'indigo' };

export const historyLabel: Record<string, string> = {
  term: 'Term',
  renewal: 'Renewal',
  amendment: 'Amendment',
  cancellation: 'Cancellation',
  status: 'Status change',
  order: 'Order',
};
export const historyDot: Record<string, string> = {
  term: 'bg-indigo-500',
  renewal: 'bg-emerald-500',
  amendment: 'bg-sky-500',
  cancellation: 'bg-red-500',
  status: 'bg-amber-500',
  order: 'bg-slate-400',
};

/** label looks a value up, falling back to the raw value (rendered as text). */
export function label(map: Record<string, string>, key: string): string {
  return map[key] ?? key;
}

/** relativeDays renders days to renewal: "today", "in 12 days", "3 days ago"; null is "Unknown". */
export function relativeDays(days: number | null | undefined): string {
  if (days === null || days === undefined) return 'Unknown';
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** renewalText is the Renewal cell: "Mar 3, 2026 · in 12 days", or "Unknown" without a day count. */
export function renewalText(renewalAt: string, days: number | null | undefined): string {
  if (days === null || days === undefined) return 'Unknown';
  return renewalAt ? `${formatDate(renewalAt)} · ${relativeDays(days)}` : relativeDays(days);
}

/** renewalClass colours the days to renewal by urgency. */
export function renewalClass(days: number | null | undefined): string {
  if (days === null || days === undefined) return 'text-slate-400';
  if (days < 0) return 'text-slate-500';
  if (days <= 7) return 'text-red-600 font-medium';
  if (days <= 30) return 'text-amber-600 font-medium';
  return 'text-slate-700';
}

/**
 * statusCounts gives the count row's numbers. The summary's Active counts
 * every contract that still bills (active + trialing + past due); the
 * "Active" status filter matches only status active, so its button shows
 * the difference.
 */
export function statusCounts(s: ContractsSummaryDTO | null): Record<StatusFilter, number | undefined> {
  return {
    '': s?.total,
    active: s ? Math.max(0, s.active - s.trialing - s.pastDue) : undefined,
    trialing: s?.trialing,
    past_due: s?.pastDue,
    expiring30: s?.expiring30,
    canceled: s?.canceled,
    expired: s?.expired,
    pending: s?.pending,
    draft: s?.draft,
  };
}

export { formatCount as n, plural } from '../format';
