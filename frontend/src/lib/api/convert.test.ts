import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './core';
import {
  convertCandidate,
  convertSettings,
  exportConvert,
  listConvert,
  onConvertPhase,
  saveConvertSettings,
  syncTrials,
  type ConvertQuery,
} from './convert';

type W = { go?: unknown; runtime?: unknown };

function bind(methods: Record<string, (arg: unknown) => Promise<unknown>>) {
  (window as unknown as W).go = { app: { ConvertService: methods } };
}

afterEach(() => {
  delete (window as unknown as W).go;
  delete (window as unknown as W).runtime;
});

const query: ConvertQuery = { search: 'hoo', source: 'stripe', likelihood: '', sort: 'value', desc: true, offset: 0, limit: 100 };

describe('api/convert', () => {
  it('passes each request to its bound method in the fixed shape', async () => {
    const List = vi.fn(async () => ({ rows: [], total: 0 }));
    const SyncTrials = vi.fn(async () => ({ phases: [] }));
    const Candidate = vi.fn(async () => ({}));
    const Settings = vi.fn(async () => ({}));
    const Export = vi.fn(async () => ({ rows: 3, path: '/x/convert.csv' }));
    bind({ List, SyncTrials, Candidate, Settings, Export });

    await listConvert(query);
    await syncTrials();
    await convertCandidate('rs:7');
    await convertSettings();
    const out = await exportConvert(query, 'csv');

    expect(List).toHaveBeenCalledWith(query);
    expect(SyncTrials).toHaveBeenCalledWith({});
    expect(Candidate).toHaveBeenCalledWith({ key: 'rs:7' });
    expect(Settings).toHaveBeenCalledWith({});
    expect(Export).toHaveBeenCalledWith({ query, format: 'csv' });
    expect(out.path).toBe('/x/convert.csv');
  });

  it('turns a refused save into an ApiError with the backend message', async () => {
    bind({
      SaveSettings: async () => {
        throw JSON.stringify({ code: 'invalid', message: 'High must be above Medium.' });
      },
    });
    const err = await saveConvertSettings({
      includeSalesbricks: true,
      includeStripe: true,
      statuses: ['trialing'],
      excludeDomains: [],
      excludeFreeMail: true,
      excludePaying: true,
      minValueMinor: 0,
      urgencyDays: 7,
      highCutoff: 40,
      mediumCutoff: 70,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'invalid', message: 'High must be above Medium.' });
  });

  it('subscribes to convert:phase, fills missing fields and unsubscribes', () => {
    const off = vi.fn();
    let handler: ((d: unknown) => void) | undefined;
    const EventsOnMultiple = vi.fn((_name: string, cb: (d: unknown) => void) => {
      handler = cb;
      return off;
    });
    (window as unknown as W).runtime = { EventsOnMultiple };
    const seen: unknown[] = [];
    const stop = onConvertPhase((p) => seen.push(p));
    expect(EventsOnMultiple).toHaveBeenCalledWith('convert:phase', expect.any(Function), -1);
    handler!({ phase: 'orders', label: 'Fetching orders…', seq: 3 });
    handler!({ phase: 'done', seq: 1.5 });
    handler!(null);
    expect(seen).toEqual([
      { phase: 'orders', label: 'Fetching orders…', seq: 3 },
      { phase: 'done', label: '', seq: 0 },
      { phase: '', label: '', seq: 0 },
    ]);
    stop();
    expect(off).toHaveBeenCalled();
  });

  it('does nothing without the Wails runtime', () => {
    const cb = vi.fn();
    const stop = onConvertPhase(cb);
    expect(() => stop()).not.toThrow();
    expect(cb).not.toHaveBeenCalled();
  });
});
