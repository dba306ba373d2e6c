// Pure formatting helpers shared by every page. Money is exact minor units.

import { dateFormat, numberFormat, relativeFormat } from './intl';

export interface Money {
  amountMinor: number;
  currency: string;
}

/** DAY_MS is one day in milliseconds. */
/** formatCount writes a count the way the window shows numbers: "12,400"; nothing counts as 0. */
export const formatCount = (v: number | undefined | null): string => numberFormat().format(v ?? 0);

/** plural writes a count with its noun: "1 event", "2 events" (many defaults to one + "s"). */
export const plural = (count: number, one: string, many = `${one}s`): string =>
  `${formatCount(count)} ${count === 1 ? one : many}`;

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * ZERO_DECIMAL are the currencies whose amounts carry no minor unit (Stripe's
 * zero-decimal list): 30000 JPY is ¥30,000. It must match the backend's
 * domain.MinorDigits, which a Go test checks against this line.
 */
const ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);

/** minorDigits is how many decimal places currency's minor unit has: 0 for JPY and the like, 2 otherwise. */
export function minorDigits(currency: string): number {
  return ZERO_DECIMAL.has(currency.toUpperCase()) ? 0 : 2;
}

/** toMajor turns exact minor units into major units: 1250 USD → 12.5, 30000 JPY → 30000. */
export function toMajor(m: Money): number {
  return m.amountMinor / 10 ** minorDigits(m.currency);
}

/**
 * formatMoney renders minor units in the currency: cents below 1,000 ("$999.50"), whole units from 1,000
 * ("$12,400") and for zero ("$0"); a currency without minor units never shows any ("¥30,000").
 */
export function formatMoney(m: Money | null | undefined, opts: { compact?: boolean } = {}): string {
  if (!m || !m.currency) return '—';
  const major = toMajor(m);
  const whole = minorDigits(m.currency) === 0 || major === 0 || Math.abs(major) >= 1000;
  return numberFormat({
    style: 'currency',
    currency: m.currency,
    notation: opts.compact ? 'compact' : 'standard',
    maximumFractionDigits: opts.compact ? 1 : whole ? 0 : 2,
    minimumFractionDigits: opts.compact || whole ? 0 : 2,
  }).format(major);
}

/** formatPoints renders signed points with a true minus sign: "−8", "+5". */
export function formatPoints(p: number): string {
  if (p > 0) return `+${p}`;
  if (p < 0) return `−${Math.abs(p)}`;
  return '0';
}

/** formatDate renders an RFC 3339 string as "Nov 25, 2026"; "" gives "—". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return dateFormat({ month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** formatDateTime renders an RFC 3339 string with the local time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return dateFormat({ month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(d);
}

/** relativeTime renders how long ago (or until) iso is from now: "2 days ago", "in 3 hours". */
export function relativeTime(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '—';
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return '—';
  const diff = t - now.getTime();
  const abs = Math.abs(diff);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 365 * 864e5],
    ['month', 30 * 864e5],
    ['week', 7 * 864e5],
    ['day', 864e5],
    ['hour', 36e5],
    ['minute', 6e4],
  ];
  const rtf = relativeFormat();
  for (const [unit, ms] of units) {
    if (abs >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return 'just now';
}

/** formatDays renders days to renewal: "Today", "in 12 days", "3 days ago", "Unknown". */
export function formatDays(days: number | null | undefined): string {
  if (days === null || days === undefined) return 'Unknown';
  if (days === 0) return 'Today';
  if (days === 1) return 'Tomorrow';
  if (days > 0) return `${days} days`;
  if (days === -1) return 'Yesterday';
  return `${-days} days ago`;
}

/** formatPct renders a percentage change with a sign: "+12%", "−8%". */
export function formatPct(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return '—';
  const r = Math.round(p);
  return r > 0 ? `+${r}%` : r < 0 ? `−${Math.abs(r)}%` : '0%';
}

export type Level = 'critical' | 'at_risk' | 'healthy';

export const levelLabel: Record<string, string> = { critical: 'Critical', at_risk: 'At risk', healthy: 'Healthy' };

/** initials returns up to two letters for a company monogram. */
export function initials(name: string): string {
  const words = name
    .replace(/<[^>]*>/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length === 0) return '?';
  return (words[0][0] + (words[1]?.[0] ?? '')).toUpperCase();
}

/** daysFrom says how far iso's UTC day is from now's: "today", "tomorrow", "in 20 days", "57 days ago"; "" when iso is not a date. */
export function daysFrom(iso: string, now: Date = new Date()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const d = Math.floor(t / DAY_MS) - Math.floor(now.getTime() / DAY_MS);
  if (d === 0) return 'today';
  if (d === 1) return 'tomorrow';
  if (d === -1) return 'yesterday';
  return d > 0 ? `in ${d} days` : `${-d} days ago`;
}

/**
 * warmFormats makes, ahead of need, the formatters the first screen uses:
 * counts, dates, times, relative times and money in currency (whole,
 * with cents and compact). Making one takes far longer than using it, so the
 * window makes them while it waits for its first data rather than while it
 * draws the first rows.
 */
export function warmFormats(currency = 'USD'): void {
  const at = new Date(0).toISOString();
  formatCount(0);
  formatDate(at);
  formatDateTime(at);
  relativeTime(at);
  for (const amountMinor of [0, 100, 100_000]) formatMoney({ amountMinor, currency });
  formatMoney({ amountMinor: 0, currency }, { compact: true });
}
