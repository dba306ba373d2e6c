import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/core';
import type { DataChanged, SyncFinished, SyncProgress } from '../api/events';

const h = vi.hoisted(() => ({
  progress: null as ((p: SyncProgress) => void) | null,
  finished: null as ((f: SyncFinished) => void) | null,
  changed: null as ((d: DataChanged) => void) | null,
}));

vi.mock('../api/settings', () => ({
  integrations: vi.fn(),
  connectSource: vi.fn(),
  disconnectPreview: vi.fn(),
  disconnectSource: vi.fn(),
  syncNow: vi.fn(),
  cancelSync: vi.fn(),
  setMode: vi.fn(),
  setSyncInterval: vi.fn(),
}));
vi.mock('../api/events', () => ({
  onSyncProgress: vi.fn((cb) => ((h.progress = cb), () => (h.progress = null))),
  onSyncFinished: vi.fn((cb) => ((h.finished = cb), () => (h.finished = null))),
  onDataChanged: vi.fn((cb) => ((h.changed = cb), () => (h.changed = null))),
}));

import { connectSource, integrations, setMode, setSyncInterval, syncNow } from '../api/settings';
import { IntegrationsState } from './integrations.svelte';
import { ToastState } from './toasts.svelte';
import { pageFixture, posthog, stripe, syncFixture } from '../settings/test-fixtures';

const settle = () => new Promise((r) => setTimeout(r, 0));
const connectedPage = () =>
  pageFixture({ integrations: [stripe(), posthog()], anyConnected: true });

const stops: (() => void)[] = [];

function setup() {
  const toasts = new ToastState();
  const onModeChanged = vi.fn();
  const s = new IntegrationsState({ toasts, onModeChanged, reloadDelay: 0 });
  stops.push(s.start());
  return { s, toasts, onModeChanged };
}

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(integrations).mockResolvedValue(connectedPage());
});

describe('IntegrationsState', () => {
  it('loads the page and exposes cards, sections and the schedule', async () => {
    const { s } = setup();
    await s.load();
    expect(s.items.map((i) => i.source)).toEqual(['stripe', 'posthog']);
    expect(s.anyConnected).toBe(true);
    expect(s.data?.intervalMinutes).toBe(30);
    expect(s.running).toBe(false);
  });

  it('reduces progress events per source, and run-wide steps apply to every running source', async () => {
    const { s } = setup();
    await s.load();
    expect(s.progressFor('stripe')).toBeNull();

    h.progress!({ source: '', phase: 'Checking sources…', done: 0, total: 0 });
    expect(s.running).toBe(true);
    expect(s.isRunning('stripe')).toBe(false); // not known to be in the run yet

    h.progress!({ source: 'stripe', phase: 'Fetching subscriptions…', done: 100, total: 1000 });
    h.progress!({ source: 'stripe', phase: 'Fetching subscriptions…', done: 400, total: 1000 });
    h.progress!({ source: 'salesbricks', phase: 'Fetching orders…', done: 7, total: 0 });
    expect(s.isRunning('stripe')).toBe(true);
    expect(s.progressFor('stripe')).toMatchObject({ phase: 'Fetching subscriptions…', done: 400, total: 1000 });
    expect(s.progressFor('salesbricks')).toMatchObject({ phase: 'Fetching orders…', done: 7, total: 0 });
    expect(s.progressFor('posthog')).toBeNull();

    h.progress!({ source: '', phase: 'Tallying…', done: 0, total: 0 });
    expect(s.progressFor('stripe')).toMatchObject({ phase: 'Tallying…' });
    expect(s.progressFor('salesbricks')).toMatchObject({ phase: 'Tallying…' });
  });

  it('clears progress on sync:finished, toasts what this window started, and reloads', async () => {
    const { s, toasts } = setup();
    await s.load();
    vi.mocked(syncNow).mockResolvedValue({ started: true });
    await s.syncNow(['stripe']);
    expect(syncNow).toHaveBeenCalledWith(['stripe']);
    expect(s.isRunning('stripe')).toBe(true);
    expect(s.progressFor('stripe')).toBeNull(); // running, no step yet: indeterminate

    h.progress!({ source: 'stripe', phase: 'Fetching subscriptions…', done: 50, total: 100 });
    vi.mocked(integrations).mockResolvedValue(
      pageFixture({ integrations: [stripe({ sync: syncFixture({ itemsSynced: 99 }) }), posthog()], anyConnected: true }),
    );
    h.finished!({ sources: [{ source: 'stripe', status: 'idle', items: 99 }], finishedAt: '2026-03-02T12:00:00Z' });

    expect(s.progress).toEqual({});
    expect(s.runWide).toBeNull();
    expect(s.isRunning('stripe')).toBe(false);
    expect(s.running).toBe(false);
    expect(toasts.items.map((t) => t.message)).toEqual(['Stripe synced 99 items.']);
    // The card shows the new success before the reload lands.
    expect(s.integration('stripe')?.sync).toMatchObject({ status: 'idle', lastSuccessAt: '2026-03-02T12:00:00Z', lastError: '' });
    await settle();
    await settle();
    expect(integrations).toHaveBeenCalledTimes(2);
    expect(s.integration('stripe')?.sync?.itemsSynced).toBe(99);
  });

  it('drops a progress step that was sent before the run finished but arrives after it', async () => {
    const { s } = setup();
    await s.load();
    h.progress!({ source: 'posthog', phase: 'Fetching usage…', done: 10, total: 0, seq: 4 });
    h.finished!({ sources: [{ source: 'posthog', status: 'idle', items: 12 }], finishedAt: '', seq: 6 });
    h.progress!({ source: 'posthog', phase: 'Fetching usage…', done: 12, total: 0, seq: 5 }); // late
    expect(s.isRunning('posthog')).toBe(false);
    expect(s.progressFor('posthog')).toBeNull();
    expect(s.running).toBe(false);
    // The next run's steps come after it and show.
    h.progress!({ source: 'posthog', phase: 'Fetching usage…', done: 1, total: 0, seq: 8 });
    expect(s.progressFor('posthog')).toMatchObject({ done: 1 });
  });

  it('does not show a saved "running" status once the run finished', async () => {
    vi.mocked(integrations).mockResolvedValueOnce(
      pageFixture({ running: true, integrations: [stripe({ sync: syncFixture({ status: 'running' }) })], anyConnected: true }),
    );
    const { s } = setup();
    await s.load();
    expect(s.isRunning('stripe')).toBe(true);
    expect(s.running).toBe(true);
    h.finished!({ sources: [{ source: 'stripe', status: 'failed', items: 0, message: 'Stripe is down.' }], finishedAt: '' });
    expect(s.isRunning('stripe')).toBe(false);
    expect(s.running).toBe(false);
  });

  it('reloads on data:changed for sync, integrations and mode only', async () => {
    const { s } = setup();
    await s.load();
    vi.mocked(integrations).mockClear();
    h.changed!({ what: 'routes' });
    await settle();
    expect(integrations).not.toHaveBeenCalled();
    h.changed!({ what: 'integrations' });
    h.changed!({ what: 'mode' });
    await settle();
    expect(integrations).toHaveBeenCalledTimes(1); // coalesced
  });

  it('connect shows the account and mode, offers the live book and follows the first sync', async () => {
    const { s, toasts } = setup();
    vi.mocked(integrations).mockResolvedValue(pageFixture());
    await s.load();
    vi.mocked(connectSource).mockResolvedValue({ integration: stripe(), offerLive: true, syncing: true });
    const dto = await s.connect('stripe', 'rk_test_123');
    expect(connectSource).toHaveBeenCalledWith('stripe', 'rk_test_123', {});
    expect(dto.offerLive).toBe(true);
    expect(s.offerLive).toBe(true);
    expect(s.integration('stripe')?.status).toBe('connected');
    expect(s.isRunning('stripe')).toBe(true);
    expect(toasts.items[0]).toMatchObject({ message: 'Stripe connected: Pied Piper, Inc. (test mode)', tone: 'success' });
    expect(JSON.stringify(s.data)).not.toContain('rk_test_123');
  });

  it('connect rethrows a refusal for the dialog and changes nothing', async () => {
    const { s, toasts } = setup();
    vi.mocked(integrations).mockResolvedValue(pageFixture());
    await s.load();
    vi.mocked(connectSource).mockRejectedValue(new ApiError('unauthorized', 'Stripe refused this key.'));
    await expect(s.connect('stripe', 'sk_bad')).rejects.toThrow('Stripe refused this key.');
    expect(s.integration('stripe')?.status).toBe('available');
    expect(s.offerLive).toBe(false);
    expect(toasts.items).toEqual([]);
  });

  it('setMode switches books and tells the app to reload everything', async () => {
    const { s, onModeChanged } = setup();
    await s.load();
    s.offerLive = true;
    vi.mocked(setMode).mockResolvedValue({ mode: 'live' });
    expect(await s.setMode('live')).toBe(true);
    expect(setMode).toHaveBeenCalledWith('live');
    expect(onModeChanged).toHaveBeenCalledWith('live');
    expect(s.offerLive).toBe(false);
    expect(s.mode).toBe('live');
  });

  it('setMode hands the switch under way to whoever shows its progress', async () => {
    const onSwitching = vi.fn();
    const s = new IntegrationsState({ toasts: new ToastState(), onSwitching });
    let finish!: (v: { mode: string }) => void;
    vi.mocked(setMode).mockReturnValue(new Promise((resolve) => (finish = resolve)));
    const done = s.setMode('demo');
    expect(onSwitching).toHaveBeenCalledTimes(1);
    expect(onSwitching.mock.calls[0][0]).toBe('demo');
    expect(s.modeBusy).toBe(true);
    finish({ mode: 'demo' });
    await expect(onSwitching.mock.calls[0][1]).resolves.toEqual({ mode: 'demo' });
    expect(await done).toBe(true);
    expect(s.modeBusy).toBe(false);
  });

  it('a refused schedule change puts the saved one back', async () => {
    const { s, toasts } = setup();
    await s.load();
    vi.mocked(setSyncInterval).mockRejectedValue(new ApiError('invalid', 'Sync every 5 to 1440 minutes.'));
    const done = s.setInterval(120);
    expect(s.data?.intervalMinutes).toBe(120);
    await done;
    expect(s.data?.intervalMinutes).toBe(30);
    expect(toasts.items[0].message).toContain('Sync every 5 to 1440 minutes.');
  });

  it('a refused Sync now forgets the run it expected', async () => {
    const { s, toasts } = setup();
    await s.load();
    vi.mocked(syncNow).mockRejectedValue(new ApiError('conflict', 'A sync is already running.'));
    expect(await s.syncNow()).toBe(false);
    expect(syncNow).toHaveBeenCalledWith([]);
    expect(s.isRunning('stripe')).toBe(false);
    expect(toasts.items[0]).toMatchObject({ message: 'Sync: A sync is already running.', tone: 'error' });
  });
});

describe('IntegrationsState, a Sync now that never ran', () => {
  it('stops showing as running at a load once it is stale', async () => {
    vi.useFakeTimers();
    try {
      const { s } = setup();
      await s.load();
      vi.mocked(syncNow).mockResolvedValue({ started: true });
      await s.syncNow(['stripe']);
      await s.load();
      expect(s.isRunning('stripe')).toBe(true); // too early to tell
      vi.advanceTimersByTime(11_000);
      await s.load();
      expect(s.isRunning('stripe')).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
