// Labels, colour classes and small pure helpers of the Convert page. Every
// class string is written out in full so Tailwind's source scan finds it.
import type { app } from '../../../wailsjs/go/models';
import type { Tone } from '../components/Badge.svelte';

export type Likelihood = 'high' | 'medium' | 'low';
export type SourceFilter = '' | 'salesbricks' | 'stripe';
export type LikelihoodFilter = '' | Likelihood;

export const likelihoodLabel: Record<string, string> = { high: 'High', medium: 'Medium', low: 'Low' };
export const likelihoodTone: Record<string, Tone> = { high: 'emerald', medium: 'amber', low: 'slate' };
export const likelihoodDot: Record<string, string> = {
  high: 'bg-emerald-500',
  medium: 'bg-amber-500',
  low: 'bg-slate-400',
};
export const likelihoodText: Record<string, string> = {
  high: 'text-emerald-600',
  medium: 'text-amber-600',
  low: 'text-slate-600',
};

export const sourceLabels: Record<string, string> = { salesbricks: 'Salesbricks', stripe: 'Stripe' };

export const statusLabels: Record<string, string> = {
  trialing: 'Trialing',
  pending: 'Pending',
  draft: 'Draft',
  active: 'Active',
  past_due: 'Past due',
  canceled: 'Canceled',
  expired: 'Expired',
};

/** The candidate statuses Settings can include, in the order shown. */
export const candidateStatuses: { value: string; label: string; hint: string }[] = [
  { value: 'trialing', label: 'Trialing', hint: 'Stripe subscriptions in a trial' },
  { value: 'pending', label: 'Pending', hint: 'Salesbricks orders sent, not yet signed' },
  { value: 'draft', label: 'Draft', hint: 'Salesbricks orders still being drafted' },
];

/** Factor categories of the convert score, in the order the sheet groups them. */
export const factorCategories: { id: string; label: string }[] = [
  { id: 'usage', label: 'Usage' },
  { id: 'seats', label: 'Seats' },
  { id: 'signals', label: 'Signals' },
  { id: 'fit', label: 'Fit' },
  { id: 'urgency', label: 'Urgency' },
];

export const intervalSuffix: Record<string, string> = {
  monthly: '/mo',
  month: '/mo',
  quarterly: '/qtr',
  annual: '/yr',
  year: '/yr',
  yearly: '/yr',
};

/** label looks a value up in a map and falls back to the raw value (rendered as text). */
export function label(map: Record<string, string>, key: string): string {
  return map[key] ?? key;
}

/** trialDaysText renders trial days remaining: "12 days", "1 day", "Ends today", "Ended 3 days ago", "—". */
export function trialDaysText(days: number | null | undefined): string {
  if (days === null || days === undefined || !Number.isFinite(days)) return '—';
  if (days === 0) return 'Ends today';
  if (days > 0) return days === 1 ? '1 day' : `${days} days`;
  return days === -1 ? 'Ended 1 day ago' : `Ended ${-days} days ago`;
}

/** isUrgent reports whether a trial ends within the urgency window (or has ended). */
export function isUrgent(days: number | null | undefined, urgencyDays: number): boolean {
  return days !== null && days !== undefined && Number.isFinite(days) && days <= urgencyDays;
}

/** trialDaysClass colours the trial-days cell: ended, ending within the window, later, unknown. */
export function trialDaysClass(days: number | null | undefined, urgencyDays: number): string {
  if (days === null || days === undefined) return 'text-slate-400';
  if (days < 0) return 'text-red-700 font-medium';
  if (days <= urgencyDays) return 'text-red-600 font-semibold';
  return 'text-slate-700';
}

export interface FactorGroup {
  id: string;
  label: string;
  points: number;
  factors: app.FactorDTO[];
}

/** groupFactors groups factors by category in the sheet's order; unknown categories follow. */
export function groupFactors(factors: app.FactorDTO[]): FactorGroup[] {
  const groups = new Map<string, FactorGroup>();
  for (const c of factorCategories) groups.set(c.id, { id: c.id, label: c.label, points: 0, factors: [] });
  for (const f of factors) {
    let g = groups.get(f.category);
    if (!g) {
      const name = f.category || 'other';
      g = { id: name, label: name.charAt(0).toUpperCase() + name.slice(1), points: 0, factors: [] };
      groups.set(name, g);
    }
    g.factors.push(f);
    g.points += f.points;
  }
  return [...groups.values()].filter((g) => g.factors.length > 0);
}

/** pointsTotal sums the factors' signed points. */
export function pointsTotal(factors: app.FactorDTO[]): number {
  return factors.reduce((s, f) => s + f.points, 0);
}

/** parseDomains reads one domain a line (commas and spaces also separate), lower-cased, without duplicates. */
export function parseDomains(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/[\s,;]+/)) {
    const d = raw
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/^@/, '')
      .replace(/\/.*$/, '');
    if (d && !out.includes(d)) out.push(d);
  }
  return out;
}
