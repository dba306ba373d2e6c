import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HealthListDTO, HealthListRequest, HealthRowDTO } from '../api/health';

vi.mock('../api/health', () => ({ listHealth: vi.fn() }));

import { listHealth } from '../api/health';
import { ApiError } from '../api/core';
import { HealthListState, PAGE_SIZE } from './healthList.svelte';

const mocked = vi.mocked(listHealth);
const P = PAGE_SIZE;

function row(i: number, tag = ''): HealthRowDTO {
  return {
    accountId: i + 1,
    domain: `a${i}.com`,
    name: `Account ${i}${tag}`,
    primaryEmail: '',
    tracked: true,
    score: 50,
    level: 'at_risk',
    licensedUsers: 0,
    arr: { amountMinor: 0, currency: 'USD' },
    arrBase: { amountMinor: 0, currency: 'USD' },
    renewalAt: '',
    paymentStatus: 'active',
    factors: [],
    missing: [],
    flags: [],
  };
}

function page(req: HealthListRequest, total: number, tag = ''): HealthListDTO {
  const n = Math.max(0, Math.min(req.limit, total - req.offset));
  return {
    meta: { mode: 'demo', readiness: 'demo', lastSyncedAt: '', lastUpdatedAt: '2026-01-01T00:00:00Z' },
    rows: Array.from({ length: n }, (_, k) => row(req.offset + k, tag)),
    total,
    offset: req.offset,
  };
}

/** A backend whose answers the test releases by hand. */
function deferredBackend() {
  const calls: { req: HealthListRequest; resolve: (d: HealthListDTO) => void; reject: (e: unknown) => void }[] = [];
  mocked.mockImplementation(
    (req) =>
      new Promise<HealthListDTO>((resolve, reject) => {
        calls.push({ req, resolve, reject });
      }),
  );
  return calls;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  mocked.mockReset();
});

describe('HealthListState', () => {
  it('loads the first page for the query and sizes the list from the total', async () => {
    mocked.mockImplementation(async (req) => page(req, 100_000));
    const s = new HealthListState();
    s.load();
    expect(s.status).toBe('loading');
    await settle();
    expect(mocked).toHaveBeenCalledTimes(1);
    expect(mocked.mock.calls[0][0]).toEqual({
      risk: '',
      search: '',
      includeUntracked: false,
      sort: 'score',
      desc: false,
      offset: 0,
      limit: PAGE_SIZE,
    });
    expect(s.status).toBe('ready');
    expect(s.total).toBe(100_000);
    expect(s.rowAt(0)?.name).toBe('Account 0');
    expect(s.rowAt(P - 1)?.name).toBe(`Account ${P - 1}`);
    expect(s.rowAt(P)).toBeUndefined();
  });

  it('fetches only the missing windows as the view moves', async () => {
    mocked.mockImplementation(async (req) => page(req, 100_000));
    const s = new HealthListState();
    s.load();
    await settle();
    s.ensureRange(0, P - 10);
    expect(mocked).toHaveBeenCalledTimes(1); // page 0 is cached

    s.ensureRange(P - 20, P + 30);
    s.ensureRange(P - 15, P + 35); // page P is already in flight
    expect(mocked).toHaveBeenCalledTimes(2);
    expect(mocked.mock.calls[1][0].offset).toBe(P);
    await settle();
    expect(s.rowAt(P + 30)?.name).toBe(`Account ${P + 30}`);

    s.ensureRange(99_990, 99_999);
    const last = Math.floor(99_999 / P) * P;
    expect(mocked.mock.calls.slice(2).map((c) => c[0].offset)).toEqual([last]);
    await settle();
    expect(s.rowAt(99_999)?.name).toBe('Account 99999');
    expect(s.loadedPages()).toEqual([0, P, last]);

    s.ensureRange(P - 5, 2 * P - 5);
    expect(mocked).toHaveBeenCalledTimes(3);
  });

  it('never asks for a window past the end', async () => {
    mocked.mockImplementation(async (req) => page(req, P + P / 2));
    const s = new HealthListState();
    s.load();
    await settle();
    s.ensureRange(0, 5 * P);
    expect(mocked.mock.calls.map((c) => c[0].offset)).toEqual([0, P]);
  });

  it('drops the answer to an older query that arrives late', async () => {
    const calls = deferredBackend();
    const s = new HealthListState();
    s.load();
    s.setQuery({ risk: 'critical' });
    expect(calls).toHaveLength(2);
    expect(calls[1].req.risk).toBe('critical');

    calls[1].resolve(page(calls[1].req, 12, ' (critical)'));
    await settle();
    calls[0].resolve(page(calls[0].req, 5000, ' (all)'));
    await settle();

    expect(s.total).toBe(12);
    expect(s.rowAt(0)?.name).toBe('Account 0 (critical)');
  });

  it('drops an older answer even if it arrives first, and clears the cache on a new query', async () => {
    const calls = deferredBackend();
    const s = new HealthListState();
    s.load();
    calls[0].resolve(page(calls[0].req, 5000, ' (all)'));
    await settle();
    s.ensureRange(P + P / 2, P + P / 2 + 10);
    expect(calls[1].req.offset).toBe(P);

    s.setQuery({ search: 'hooli' });
    expect(s.rowAt(0)).toBeUndefined(); // old rows are gone at once
    calls[1].resolve(page(calls[1].req, 5000, ' (all)'));
    await settle();
    expect(s.loadedPages()).toEqual([]);
    expect(s.status).toBe('loading');

    calls[2].resolve(page(calls[2].req, 3, ' (hooli)'));
    await settle();
    expect(calls[2].req).toMatchObject({ search: 'hooli', offset: 0 });
    expect(s.loadedPages()).toEqual([0]);
    expect(s.total).toBe(3);
  });

  it('does not refetch when the query did not change', async () => {
    mocked.mockImplementation(async (req) => page(req, 10));
    const s = new HealthListState();
    s.load();
    await settle();
    s.setQuery({ risk: '' });
    expect(mocked).toHaveBeenCalledTimes(1);
    s.setQuery({ sort: 'arr', desc: true });
    expect(mocked).toHaveBeenCalledTimes(2);
    expect(mocked.mock.calls[1][0]).toMatchObject({ sort: 'arr', desc: true, offset: 0 });
  });

  it('reload keeps the rows on screen until the new ones arrive', async () => {
    const calls = deferredBackend();
    const s = new HealthListState();
    s.load();
    calls[0].resolve(page(calls[0].req, 10, ' v1'));
    await settle();
    s.ensureRange(0, 9);

    const done = s.reload();
    expect(s.rowAt(0)?.name).toBe('Account 0 v1');
    calls[1].resolve(page(calls[1].req, 9, ' v2'));
    await done;
    expect(s.rowAt(0)?.name).toBe('Account 0 v2');
    expect(s.total).toBe(9);
  });

  it('shows an error with its message, and load() retries', async () => {
    mocked.mockRejectedValueOnce(new ApiError('unavailable', 'The database is locked.'));
    const s = new HealthListState();
    s.load();
    await settle();
    expect(s.status).toBe('error');
    expect(s.error?.message).toBe('The database is locked.');

    mocked.mockImplementation(async (req) => page(req, 2));
    s.load();
    await settle();
    expect(s.status).toBe('ready');
    expect(s.error).toBeNull();
    expect(s.total).toBe(2);
  });
});
