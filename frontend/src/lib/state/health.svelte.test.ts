import { describe, expect, it, vi } from 'vitest';
import type { HealthListDTO, HealthSummaryDTO } from '../api/health';

vi.mock('../api/health', () => ({ listHealth: vi.fn(), healthSummary: vi.fn(), refreshHealth: vi.fn() }));

import { healthSummary, listHealth } from '../api/health';
import { ApiError } from '../api/core';
import { HealthPageState } from './health.svelte';
import { deferred } from '../testing/deferred';

const meta = { mode: 'demo', readiness: 'demo', lastSyncedAt: '', lastUpdatedAt: '2026-01-01T00:00:00Z' };

describe('HealthPageState.start', () => {
  it('asks once for the first page and the cards, and settles when both are in', async () => {
    const list = deferred<HealthListDTO>();
    const cards = deferred<HealthSummaryDTO>();
    vi.mocked(listHealth).mockReturnValue(list.promise);
    vi.mocked(healthSummary).mockReturnValue(cards.promise);
    const s = new HealthPageState();
    let done = false;
    const first = s.start().then(() => (done = true));
    expect(s.start()).toBe(s.start()); // main.ts and the page share one request
    expect(s.started).toBe(true);
    expect(listHealth).toHaveBeenCalledTimes(1);
    expect(healthSummary).toHaveBeenCalledTimes(1);

    list.resolve({ meta, rows: [], total: 0, offset: 0 } as unknown as HealthListDTO);
    await new Promise((r) => setTimeout(r, 0));
    expect(done).toBe(false); // the cards are still out
    expect(s.list.status).toBe('ready');

    cards.resolve({ meta } as unknown as HealthSummaryDTO);
    await first;
    expect(s.summary.data).not.toBeNull();
  });

  it('settles, without throwing, when a request fails: the page shows the error', async () => {
    vi.mocked(listHealth).mockRejectedValue(new ApiError('unavailable', 'The database is locked.'));
    vi.mocked(healthSummary).mockRejectedValue(new ApiError('unavailable', 'The database is locked.'));
    const s = new HealthPageState();
    await expect(s.start()).resolves.toBeUndefined();
    expect(s.list.status).toBe('error');
    expect(s.list.error?.message).toBe('The database is locked.');
  });
});
