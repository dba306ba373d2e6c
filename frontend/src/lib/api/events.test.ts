import { afterEach, describe, expect, it, vi } from 'vitest';
import { onDataChanged, onSyncFinished, onSyncProgress } from './events';

afterEach(() => {
  delete (window as unknown as { runtime?: unknown }).runtime;
});

describe('events', () => {
  it('does nothing, and does not throw, without the Wails runtime', () => {
    const off = onDataChanged(() => {});
    expect(typeof off).toBe('function');
    expect(() => off()).not.toThrow();
  });

  it('subscribes to data:changed through the runtime and unsubscribes', () => {
    const off = vi.fn();
    const EventsOnMultiple = vi.fn((_name: string, cb: (d: unknown) => void) => {
      cb({ what: 'routes' });
      cb(null);
      return off;
    });
    (window as unknown as { runtime: unknown }).runtime = { EventsOnMultiple };
    const seen: unknown[] = [];
    const stop = onDataChanged((d) => seen.push(d));
    expect(EventsOnMultiple).toHaveBeenCalledWith('data:changed', expect.any(Function), -1);
    expect(seen).toEqual([{ what: 'routes' }, {}]);
    stop();
    expect(off).toHaveBeenCalled();
  });

  it('delivers sync progress and the end of a run with defaults for missing fields', () => {
    const handlers = new Map<string, (d: unknown) => void>();
    const EventsOnMultiple = vi.fn((name: string, cb: (d: unknown) => void) => {
      handlers.set(name, cb);
      return () => {};
    });
    (window as unknown as { runtime: unknown }).runtime = { EventsOnMultiple };
    const progress: unknown[] = [];
    const finished: unknown[] = [];
    onSyncProgress((p) => progress.push(p));
    onSyncFinished((f) => finished.push(f));
    handlers.get('sync:progress')!({ source: 'stripe', phase: 'Fetching subscriptions…', done: 5, total: 10 });
    handlers.get('sync:progress')!({ phase: 'Tallying…' });
    handlers.get('sync:finished')!({ sources: [{ source: 'stripe', status: 'idle', items: 5 }], finishedAt: 'x' });
    handlers.get('sync:finished')!(null);
    expect(progress).toEqual([
      { source: 'stripe', phase: 'Fetching subscriptions…', done: 5, total: 10 },
      { source: '', phase: 'Tallying…', done: 0, total: 0 },
    ]);
    expect(finished).toEqual([
      { sources: [{ source: 'stripe', status: 'idle', items: 5 }], finishedAt: 'x' },
      { sources: [], finishedAt: '' },
    ]);
  });
});
