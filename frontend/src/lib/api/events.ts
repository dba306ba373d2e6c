// The only module that imports the Wails runtime. Every subscription is safe
// to make where no runtime exists (Vitest, a plain browser): it does nothing.
import { EventsOn } from '../../../wailsjs/runtime/runtime';

export const EVENT_DATA_CHANGED = 'data:changed';

export interface DataChanged {
  what?: string;
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
