import { afterEach, describe, expect, it, vi } from 'vitest';
import { onDataChanged } from './events';

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
});
