import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/core';

vi.mock('../api/customer', () => ({ getCustomer: vi.fn(), customerActivity: vi.fn(), customerHistory: vi.fn() }));
vi.mock('../api/health', () => ({ setTracked: vi.fn() }));

import { getCustomer, customerActivity } from '../api/customer';
import { setTracked } from '../api/health';
import { CustomerState } from './customer.svelte';
import { ActivityState, PAGE_SIZE } from './activity.svelte';
import { activityFixture, customerFixture } from './test-fixtures';

const getMock = vi.mocked(getCustomer);
const actMock = vi.mocked(customerActivity);

beforeEach(() => vi.clearAllMocks());

describe('CustomerState', () => {
  it('goes loading → data', async () => {
    let resolve!: (v: ReturnType<typeof customerFixture>) => void;
    getMock.mockReturnValue(new Promise((r) => (resolve = r)));
    const s = new CustomerState({ domain: 'hooli.com' });
    const p = s.load();
    expect(s.loading).toBe(true);
    expect(s.data).toBeNull();
    resolve(customerFixture());
    await p;
    expect(getMock).toHaveBeenCalledWith({ domain: 'hooli.com' });
    expect(s.loading).toBe(false);
    expect(s.error).toBeNull();
    expect(s.data?.account.name).toBe('Hooli');
  });

  it('reports not_found', async () => {
    getMock.mockRejectedValue(new ApiError('not_found', 'No account uses the domain nope.io.'));
    const s = new CustomerState({ domain: 'nope.io' });
    await s.load();
    expect(s.data).toBeNull();
    expect(s.notFound).toBe(true);
    expect(s.error?.message).toBe('No account uses the domain nope.io.');
    expect(s.loading).toBe(false);
  });

  it('normalizes raw rejections and keeps shown data on a failed reload', async () => {
    getMock.mockResolvedValueOnce(customerFixture());
    const s = new CustomerState({ accountId: 7 });
    await s.load();
    getMock.mockRejectedValueOnce(JSON.stringify({ code: 'unavailable', message: 'Database is busy.' }));
    await s.reload();
    expect(getMock).toHaveBeenLastCalledWith({ accountId: 7 });
    expect(s.error).toBeInstanceOf(ApiError);
    expect(s.error?.code).toBe('unavailable');
    expect(s.data?.account.id).toBe(7);
  });

  it('ignores a stale response that lands after a newer load', async () => {
    let first!: (v: ReturnType<typeof customerFixture>) => void;
    getMock.mockReturnValueOnce(new Promise((r) => (first = r)));
    getMock.mockResolvedValueOnce(customerFixture({ sourceBadge: 'stripe' }));
    const s = new CustomerState({ domain: 'hooli.com' });
    const p1 = s.load();
    await s.load();
    first(customerFixture({ sourceBadge: 'salesbricks' }));
    await p1;
    expect(s.data?.sourceBadge).toBe('stripe');
  });

  it('applies and clears routes locally', async () => {
    getMock.mockResolvedValue(customerFixture());
    const s = new CustomerState({ domain: 'hooli.com' });
    await s.load();
    const r = { id: 5, from: 'health', fromLabel: 'Health', to: 'convert', toLabel: 'Convert', reason: 'trial', at: '2026-03-02T10:00:00Z', active: true };
    s.applyRoute(r);
    expect(s.data?.route?.to).toBe('convert');
    expect(s.data?.routeHistory[0]).toMatchObject({ id: 5, active: true });
    s.clearActiveRoute();
    expect(s.data?.route == null).toBe(true);
    expect(s.data?.routeHistory[0].active).toBe(false);
  });

  it('untracks through the health API', async () => {
    getMock.mockResolvedValue(customerFixture());
    vi.mocked(setTracked).mockResolvedValue({ accountId: 7, tracked: false });
    const s = new CustomerState({ domain: 'hooli.com' });
    await s.load();
    await s.setTracked(false);
    expect(setTracked).toHaveBeenCalledWith(7, false);
    expect(s.data?.account.tracked).toBe(false);
  });
});

describe('ActivityState', () => {
  it('pages 30 at a time and filters by kind', async () => {
    actMock.mockImplementation(async (req) => ({
      items: activityFixture(Math.min(PAGE_SIZE, 45 - req.offset), req.offset),
      total: 45,
      counts: { call: 45 },
    }));
    const s = new ActivityState(7);
    await s.load();
    expect(actMock).toHaveBeenLastCalledWith({ accountId: 7, kinds: [], offset: 0, limit: 30 });
    expect(s.items).toHaveLength(30);
    expect(s.hasMore).toBe(true);
    await s.more();
    expect(actMock).toHaveBeenLastCalledWith({ accountId: 7, kinds: [], offset: 30, limit: 30 });
    expect(s.items).toHaveLength(45);
    expect(s.hasMore).toBe(false);
    await s.setKind('signal');
    expect(actMock).toHaveBeenLastCalledWith({ accountId: 7, kinds: ['signal'], offset: 0, limit: 30 });
  });

  it('takes each kind\'s total from one request', async () => {
    actMock.mockResolvedValue({ items: [], total: 9, counts: { call: 3, project: 3, payment: 3 } });
    const s = new ActivityState(7);
    await s.loadCounts();
    expect(s.counts).toMatchObject({ call: 3, email: 0, project: 3, payment: 3 });
    expect(actMock).toHaveBeenCalledTimes(1);
    expect(actMock).toHaveBeenCalledWith({ accountId: 7, kinds: [], offset: 0, limit: 1 });
  });

  it('keeps an error for Retry', async () => {
    actMock.mockRejectedValue(new ApiError('internal', 'Internal error.'));
    const s = new ActivityState(7);
    await s.load();
    expect(s.error?.message).toBe('Internal error.');
    expect(s.items).toEqual([]);
  });
});
