import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../api/workspace', () => ({ workspaceInfo: vi.fn(), routeAccount: vi.fn(), undoRoute: vi.fn(), clearRoute: vi.fn() }));
vi.mock('../api/health', () => ({ setTracked: vi.fn(), listHealth: vi.fn(), healthSummary: vi.fn(), refreshHealth: vi.fn() }));
vi.mock('../api/settings', () => ({ integrations: vi.fn(), setMode: vi.fn() }));

import { clearRoute, routeAccount, workspaceInfo } from '../api/workspace';
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

describe('AppState.unroute', () => {
  const acme = { accountId: 7, domain: 'acme.io', name: 'Acme' };

  it('clears the route and Undo routes the account back as it was', async () => {
    vi.mocked(clearRoute).mockResolvedValue({} as never);
    vi.mocked(routeAccount).mockResolvedValue({ id: 9 } as never);
    const app = new AppState();
    expect(await app.unroute(acme, 'convert', { from: 'health', reason: 'Trial ends Friday' })).toBe(true);
    expect(clearRoute).toHaveBeenCalledWith(7);
    const toast = app.toasts.items.at(-1);
    expect(toast?.message).toBe('Acme is no longer routed to Convert.');
    await toast?.onAction?.();
    expect(routeAccount).toHaveBeenCalledWith({ accountId: 7, from: 'health', to: 'convert', reason: 'Trial ends Friday' });
  });

  it('says so when the route cannot be cleared', async () => {
    vi.mocked(clearRoute).mockRejectedValue({ code: 'unavailable', message: 'The book is busy.' });
    const app = new AppState();
    expect(await app.unroute(acme, 'contracts', { from: 'health', reason: '' })).toBe(false);
    expect(app.toasts.items.at(-1)?.message).toBe('Could not clear the route: The book is busy.');
    expect(app.toasts.items.at(-1)?.tone).toBe('error');
  });
});
