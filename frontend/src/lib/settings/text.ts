// Plain-words text for Settings → Integrations. Pure functions: no state.
import type { Tone } from '../components/Badge.svelte';
import type { IntegrationDTO, SourceRowsDTO, SyncStateDTO } from '../api/settings';
import type { SyncFinishedSource } from '../api/events';
import type { ToastInput } from '../state/toasts.svelte';

import { formatCount, plural } from '../format';

export const n = formatCount;

/** The schedule's choices, in minutes. */
export const INTERVALS = [15, 30, 60, 120, 240, 1440];

export function intervalLabel(minutes: number): string {
  if (minutes === 1440) return 'Once a day';
  if (minutes === 60) return 'Every hour';
  if (minutes > 60 && minutes % 60 === 0) return `Every ${minutes / 60} hours`;
  return `Every ${minutes} minutes`;
}

/** rowsParts lists the non-zero kinds of rows: "1,000 accounts", "45 activity events". */
export function rowsParts(r: SourceRowsDTO): string[] {
  const parts: string[] = [];
  if (r.accounts) parts.push(plural(r.accounts, 'account', 'accounts'));
  if (r.subscriptions) parts.push(plural(r.subscriptions, 'subscription', 'subscriptions'));
  if (r.invoices) parts.push(plural(r.invoices, 'invoice', 'invoices'));
  if (r.activities) parts.push(plural(r.activities, 'activity event', 'activity events'));
  if (r.other) parts.push(plural(r.other, 'other record', 'other records'));
  return parts;
}

/** removeDataText is the disconnect checkbox's label. */
export function removeDataText(label: string, r: SourceRowsDTO): string {
  const parts = rowsParts(r);
  const detail = parts.length ? ` (${parts.join(', ')})` : '';
  return `Also delete the ${plural(r.total, 'row', 'rows')} ${label} synced${detail}`;
}

export function connectedMessage(i: IntegrationDTO): string {
  const who = i.account ? `: ${i.account}` : '';
  const mode = i.keyMode ? ` (${i.keyMode} mode)` : '';
  return `${i.label} connected${who}${mode}`;
}

export function removedMessage(label: string, removeData: boolean, removed: SourceRowsDTO): string {
  if (!removeData) return `${label} disconnected: its key is removed from this computer. The synced data stays.`;
  return `${label} disconnected: its key and ${plural(removed.total, 'synced row', 'synced rows')} are removed.`;
}

/** finishedMessage is the toast for one source's outcome of a sync this window started. */
export function finishedMessage(label: string, s: SyncFinishedSource): ToastInput {
  switch (s.status) {
    case 'idle':
      return { message: `${label} synced ${plural(s.items, 'item', 'items')}.`, tone: 'success' };
    case 'failed':
      return { message: `${label} sync failed: ${s.message || 'unknown error.'}`, tone: 'error' };
    case 'reconnect':
      return { message: `${label} needs a new key: ${s.message || 'the key was refused.'}`, tone: 'error' };
    case 'canceled':
      return { message: `${label} sync canceled. What was already synced stays.`, tone: 'info' };
    case 'not_connected':
      return { message: `${label} is not connected.`, tone: 'info' };
  }
  return { message: `${label} sync ended: ${s.status}.`, tone: 'info' };
}

export const integrationBadge: Record<string, { tone: Tone; label: string }> = {
  connected: { tone: 'emerald', label: 'Connected' },
  available: { tone: 'sky', label: 'Available' },
  missing: { tone: 'slate', label: 'Coming later' },
};

export const readinessBadge: Record<string, { tone: Tone; label: string }> = {
  ready: { tone: 'emerald', label: 'Ready' },
  partial: { tone: 'amber', label: 'Partial' },
  not_connected: { tone: 'slate', label: 'Not connected' },
  error: { tone: 'red', label: 'Error' },
};

/** syncStatusText says a source's sync state in plain words. */
export function syncStatusText(sync: SyncStateDTO | undefined, running: boolean): string {
  if (running) return 'Syncing now';
  switch (sync?.status) {
    case undefined:
      return 'Not synced yet';
    case 'idle':
      return 'Idle';
    case 'running':
      return 'Syncing now';
    case 'failed':
      return 'Last sync failed';
    case 'reconnect':
      return 'Stopped: the key no longer works';
  }
  return sync?.status ?? '';
}

/** untilText says how long until iso: "in 12 min", "in 2 h 5 min", "in 3 days", "due now". */
export function untilText(iso: string, now: Date = new Date()): string {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return '—';
  const ms = t - now.getTime();
  if (ms <= 0) return 'due now';
  // To the nearest minute (the page's clock ticks, so a run due in 30 min
  // may read 30.4), and never "in 0 min" while it is still ahead.
  const min = Math.max(1, Math.round(ms / 60_000));
  if (min < 60) return `in ${min} min`;
  if (min < 24 * 60) {
    const h = Math.floor(min / 60);
    const m = min % 60;
    return m ? `in ${h} h ${m} min` : `in ${h} h`;
  }
  const days = Math.round(min / (24 * 60));
  return days === 1 ? 'in 1 day' : `in ${days} days`;
}

/** nextRunText says when the schedule syncs a connected source next. */
export function nextRunText(sync: SyncStateDTO | undefined, running: boolean, now: Date = new Date()): string {
  if (running) return 'after this run';
  if (sync?.status === 'reconnect') return 'paused: waiting for a new key';
  if (!sync) return 'within a minute';
  if (!sync.nextRunAt) return 'not scheduled';
  return untilText(sync.nextRunAt, now);
}

export function keyKindText(kind: string): string {
  return kind ? kind[0].toUpperCase() + kind.slice(1) : 'Key';
}
