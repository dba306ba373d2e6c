import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../api/workspace', () => ({ workspaceInfo: vi.fn(), routeAccount: vi.fn(), undoRoute: vi.fn() }));
vi.mock('../api/health', () => ({ setTracked: vi.fn(), listHealth: vi.fn(), healthSummary: vi.fn(), refreshHealth: vi.fn() }));
vi.mock('../api/settings', () => ({ integrations: vi.fn(), setMode: vi.fn() }));

import { workspaceInfo } from '../api/workspace';
import { setMode } from '../api/settings';
import { AppState } from './app.svelte';

beforeEach(() => {
  vi.clearAllMocks();
  vi.useFakeTimers();
  vi.mocked(workspaceInfo).mockResolvedValue({
    meta: { mode: 'live', readiness: 'ready', lastSyncedAt: '', lastUpdatedAt: '' },
    version: '1',
    accounts: 0,
    sections: [],
  });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('AppState.dataChanged', () => {
  it('coalesces changes and rebuilds per-account views only when the book changed', async () => {
    const app = new AppState();
    const reload = vi.spyOn(app.health, 'reload');
    app.sheet = { accountId: 3, from: 'health' };

    app.dataChanged('routes');
    app.dataChanged('routes');
    await vi.advanceTimersByTimeAsync(30);
    expect(app.dataVersion).toBe(1);
    expect(app.modeVersion).toBe(0);
    expect(workspaceInfo).toHaveBeenCalledTimes(1);
    expect(reload).toHaveBeenCalledTimes(1);
    expect(app.sheet).not.toBeNull();

    app.dataChanged('sync');
    app.dataChanged('mode');
    await vi.advanceTimersByTimeAsync(30);
    expect(app.dataVersion).toBe(2);
    expect(app.modeVersion).toBe(1);
    expect(workspaceInfo).toHaveBeenCalledTimes(2);
    expect(reload).toHaveBeenCalledTimes(2);
    expect(app.sheet).toBeNull();
    expect(app.isLive).toBe(true);
  });

  it('switching books from Settings reloads everything', async () => {
    const app = new AppState();
    vi.mocked(setMode).mockResolvedValue({ mode: 'demo' });
    await app.integrations.setMode('demo');
    await vi.advanceTimersByTimeAsync(30);
    expect(setMode).toHaveBeenCalledWith('demo');
    expect(app.modeVersion).toBe(1);
    expect(workspaceInfo).toHaveBeenCalled();
  });
});

describe('AppState.start', () => {
  it('asks once for the workspace and Health, and settles when both are in', async () => {
    const { listHealth, healthSummary } = await import('../api/health');
    vi.mocked(listHealth).mockResolvedValue({
      meta: { mode: 'demo', readiness: 'demo', lastSyncedAt: '', lastUpdatedAt: '' },
      rows: [],
      total: 0,
      offset: 0,
    } as never);
    vi.mocked(healthSummary).mockResolvedValue({ meta: { mode: 'demo' } } as never);
    const app = new AppState();
    const first = app.start();
    expect(app.start()).toBe(first);
    await first;
    expect(workspaceInfo).toHaveBeenCalledTimes(1);
    expect(listHealth).toHaveBeenCalledTimes(1);
    expect(healthSummary).toHaveBeenCalledTimes(1);
    expect(app.workspace.info?.meta?.mode).toBe('live');
    expect(app.health.list.status).toBe('ready');
  });
});
