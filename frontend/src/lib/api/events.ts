// The only module that imports the Wails runtime. Every subscription is safe
// to make where no runtime exists (Vitest, a plain browser): it does nothing.
import { EventsOn } from '../../../wailsjs/runtime/runtime';

export const EVENT_DATA_CHANGED = 'data:changed';
export const EVENT_SYNC_PROGRESS = 'sync:progress';
export const EVENT_SYNC_FINISHED = 'sync:finished';

export interface DataChanged {
  /** what changed: health | routes | tracking | sync | integrations | mode */
  what?: string;
}

/** SyncProgress is one step of a sync run. Source is "" for run-wide phases. */
export interface SyncProgress {
  source: string;
  phase: string;
  /** records written in the source's current pass */
  done: number;
  /** the source's estimate; 0 when unknown */
  total: number;
  /** orders the sync events as the backend sent them (see SyncFinished.seq) */
  seq?: number;
}

export type SyncOutcome = 'idle' | 'failed' | 'reconnect' | 'canceled' | 'not_connected';

export interface SyncFinishedSource {
  source: string;
  status: SyncOutcome | string;
  items: number;
  code?: string;
  message?: string;
}

export interface SyncFinished {
  sources: SyncFinishedSource[];
  finishedAt: string;
  /**
   * numbers the progress and finished events in the order the backend sent
   * them; they may arrive in another order, and a progress numbered below
   * the last finished run's is stale.
   */
  seq?: number;
}

function hasRuntime(): boolean {
  return typeof window !== 'undefined' && !!(window as unknown as { runtime?: unknown }).runtime;
}

/** on subscribes to a backend event and returns an unsubscribe function. */
export function on<T = unknown>(name: string, cb: (data: T) => void): () => void {
  if (!hasRuntime()) return () => {};
  try {
    const off = EventsOn(name, (data: T) => cb(data));
    return typeof off === 'function' ? off : () => {};
  } catch {
    return () => {};
  }
}

/** onDataChanged fires when the backend changed data the window shows (recompute, routes, tracking). */
export function onDataChanged(cb: (data: DataChanged) => void): () => void {
  return on<DataChanged | null>(EVENT_DATA_CHANGED, (d) => cb(d ?? {}));
}

/** onSyncProgress fires for each progress step of a sync run (at most ~10 a second). */
export function onSyncProgress(cb: (p: SyncProgress) => void): () => void {
  return on<Partial<SyncProgress> | null>(EVENT_SYNC_PROGRESS, (d) =>
    cb({ source: d?.source ?? '', phase: d?.phase ?? '', done: d?.done ?? 0, total: d?.total ?? 0 }),
  );
}

/** onSyncFinished fires once a sync run ends, with each source's outcome. */
export function onSyncFinished(cb: (f: SyncFinished) => void): () => void {
  return on<Partial<SyncFinished> | null>(EVENT_SYNC_FINISHED, (d) =>
    cb({ sources: d?.sources ?? [], finishedAt: d?.finishedAt ?? '' }),
  );
}
