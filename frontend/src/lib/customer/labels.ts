// Labels and colour classes for Customer Detail. Every class string is
// written out in full so Tailwind's source scan finds it.
import type { app } from '../../../wailsjs/go/models';

export type CustomerDTO = app.CustomerDTO;
export type RouteDTO = app.RouteDTO;
export type ActivityDTO = app.ActivityDTO;
export type HistoryPointDTO = app.HistoryPointDTO;
export type FactorChangeDTO = app.FactorChangeDTO;
export type FactorDTO = app.FactorDTO;
export type MissingDTO = app.MissingDTO;
export type RevenueSourceDTO = app.RevenueSourceDTO;
export type InvoiceDTO = app.InvoiceDTO;
export type EnrichmentDTO = app.EnrichmentDTO;
export type DealDTO = app.DealDTO;
export type UsagePointDTO = app.UsagePointDTO;
export type MetricsDTO = app.MetricsDTO;

export type SectionId = 'health' | 'convert' | 'contracts' | 'pipeline' | 'reengage' | 'loop';

/** Route bar order: forward sections first, then back to triage. */
export const ROUTE_TARGETS: { id: SectionId; label: string }[] = [
  { id: 'convert', label: 'Convert' },
  { id: 'pipeline', label: 'Pipeline' },
  { id: 'contracts', label: 'Contracts' },
  { id: 'reengage', label: 'Re-engage' },
  { id: 'loop', label: 'Close the Loop' },
  { id: 'health', label: 'Health' },
];

const sectionLabels: Record<SectionId, string> = {
  health: 'Health',
  convert: 'Convert',
  contracts: 'Contracts',
  pipeline: 'Pipeline',
  reengage: 'Re-engage',
  loop: 'Close the Loop',
};

/** sectionId returns from as a section id, or health (the default landing) when it is not one. */
export function sectionId(from: string): SectionId {
  return from in sectionLabels ? (from as SectionId) : 'health';
}

export function sectionLabel(from: string): string {
  return sectionLabels[sectionId(from)];
}

export const levelBadge: Record<string, string> = {
  critical: 'bg-red-50 text-red-700 ring-red-600/20',
  at_risk: 'bg-amber-50 text-amber-800 ring-amber-600/25',
  healthy: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
};

export const levelStroke: Record<string, string> = {
  critical: 'stroke-red-500',
  at_risk: 'stroke-amber-500',
  healthy: 'stroke-emerald-500',
};

export const levelText: Record<string, string> = {
  critical: 'text-red-600',
  at_risk: 'text-amber-600',
  healthy: 'text-emerald-600',
};

export const sourceBadgeLabel: Record<string, string> = {
  salesbricks: 'Salesbricks',
  stripe: 'Stripe',
  merged: 'Merged',
  none: 'No billing source',
};

const sourceLabels: Record<string, string> = {
  salesbricks: 'Salesbricks',
  stripe: 'Stripe',
  posthog: 'PostHog',
  attio: 'Attio',
  hubspot: 'HubSpot',
  salesforce: 'Salesforce',
  buildbetter: 'BuildBetter',
  github: 'GitHub',
  rss: 'RSS',
  manual: 'Manual',
};

export function sourceLabel(s: string): string {
  return sourceLabels[s] ?? s;
}

export const statusLabel: Record<string, string> = {
  active: 'Active',
  trialing: 'Trialing',
  past_due: 'Past due',
  canceled: 'Canceled',
  expired: 'Expired',
  pending: 'Pending',
  draft: 'Draft',
  none: 'No billing',
};

export const statusBadge: Record<string, string> = {
  active: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  trialing: 'bg-sky-50 text-sky-700 ring-sky-600/20',
  past_due: 'bg-red-50 text-red-700 ring-red-600/20',
  canceled: 'bg-gray-100 text-gray-500 ring-gray-400/25',
  expired: 'bg-gray-100 text-gray-500 ring-gray-400/25',
  pending: 'bg-slate-100 text-slate-700 ring-slate-500/20',
  draft: 'bg-slate-100 text-slate-700 ring-slate-500/20',
};

export const neutralBadge = 'bg-slate-100 text-slate-600 ring-slate-500/20';

export const invoiceBadge: Record<string, string> = {
  paid: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  open: 'bg-slate-100 text-slate-700 ring-slate-500/20',
  failed: 'bg-red-50 text-red-700 ring-red-600/20',
  void: 'bg-gray-100 text-gray-500 ring-gray-400/25',
};

export const intervalLabel: Record<string, string> = { weekly: 'Weekly', monthly: 'Monthly', quarterly: 'Quarterly', annual: 'Annual' };
export const intervalSuffix: Record<string, string> = { weekly: '/wk', monthly: '/mo', quarterly: '/qtr', annual: '/yr' };

export const categoryLabel: Record<string, string> = {
  adoption: 'Adoption',
  payment: 'Payment',
  renewal: 'Renewal',
  signals: 'Signals',
};

export const evidenceLabel: Record<string, string> = {
  invoice: 'Invoice',
  usage: 'Usage',
  signal: 'Signal',
  contract: 'Contract',
};

/** label looks a value up in a map, falling back to the raw value shown as text. */
export function label(map: Record<string, string>, key: string): string {
  return map[key] ?? key;
}
