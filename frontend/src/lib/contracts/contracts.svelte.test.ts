import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContractsListDTO, ContractsQuery } from '../api/contracts';

vi.mock('../api/contracts', () => ({
  listContracts: vi.fn(),
  contractsSummary: vi.fn(),
  contractDetail: vi.fn(),
  renewalDraft: vi.fn(),
  exportContracts: vi.fn(),
}));
vi.mock('../api/workspace', () => ({ routedTo: vi.fn(), clearRoute: vi.fn() }));

import { contractsSummary, exportContracts, listContracts, renewalDraft } from '../api/contracts';
import { routedTo } from '../api/workspace';
import { ApiError } from '../api/core';
import { ToastState } from '../state/toasts.svelte';
import { ContractsListState, ContractsPageState, PAGE_SIZE, RenewalDraftState, SEARCH_DELAY } from './contracts.svelte';
import { contractRow, listPage, summaryFixture } from './test-fixtures';
import { renewalText, statusCounts } from './labels';

const list = vi.mocked(listContracts);
const summary = vi.mocked(contractsSummary);

/** A backend whose List answers the test releases by hand. */
function deferredList() {
  const calls: { q: ContractsQuery; resolve: (d: ContractsListDTO) => void }[] = [];
  list.mockImplementation((q) => new Promise<ContractsListDTO>((resolve) => calls.push({ q, resolve })));
  return calls;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  vi.clearAllMocks();
  list.mockImplementation(async (q) => listPage(q, 250));
  summary.mockResolvedValue(summaryFixture());
  vi.mocked(routedTo).mockResolvedValue({ meta: { mode: 'demo', readiness: 'demo', lastSyncedAt: '', lastUpdatedAt: '' }, section: 'contracts', label: 'Contracts', items: [] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ContractsListState', () => {
  it('fetches pages of 100 by offset, only the ones in view', async () => {
    const s = new ContractsListState();
    s.load();
    await settle();
    expect(list).toHaveBeenCalledTimes(1);
    expect(list.mock.calls[0][0]).toMatchObject({ offset: 0, limit: PAGE_SIZE, status: '', source: '', mismatched: false, sort: '' });
    expect(s.total).toBe(250);
    s.ensureRange(90, 130);
    await settle();
    expect(list.mock.calls.map((c) => c[0].offset)).toEqual([0, 100]);
    expect(s.rowAt(130)?.key).toBe('rs:131');
    expect(s.rowAt(230)).toBeUndefined();
    expect(s.loadedPages()).toEqual([0, 100]);
  });

  it('drops the answer to an older query', async () => {
    const calls = deferredList();
    const s = new ContractsListState();
    s.load();
    s.setQuery({ status: 'past_due' });
    expect(calls.map((c) => c.q.status)).toEqual(['', 'past_due']);
    calls[1].resolve(listPage(calls[1].q, 3, (i) => contractRow(i, { status: 'past_due' })));
    await settle();
    calls[0].resolve(listPage(calls[0].q, 250));
    await settle();
    expect(s.total).toBe(3);
    expect(s.rowAt(0)?.status).toBe('past_due');
  });

  it('keeps the error and retries with the same query', async () => {
    list.mockRejectedValueOnce(new ApiError('unavailable', 'The book is locked.'));
    const s = new ContractsListState();
    s.setQuery({ source: 'stripe' });
    await settle();
    expect(s.status).toBe('error');
    expect(s.error?.message).toBe('The book is locked.');
    s.load();
    await settle();
    expect(s.status).toBe('ready');
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ source: 'stripe' }));
  });
});

describe('ContractsPageState', () => {
  it('debounces search into one List and one Summary call', async () => {
    vi.useFakeTimers();
    const p = new ContractsPageState();
    p.start();
    await vi.advanceTimersByTimeAsync(0);
    list.mockClear();
    summary.mockClear();
    p.setSearchText('a');
    p.setSearchText('ac');
    p.setSearchText('acme ');
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY - 1);
    expect(list).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(list).toHaveBeenCalledTimes(1);
    expect(list.mock.calls[0][0].search).toBe('acme');
    expect(summary).toHaveBeenCalledWith(expect.objectContaining({ search: 'acme', status: '', mismatched: false }));
    p.dispose();
  });

  it('narrows only the table by status and mismatches; source reloads the cards too', async () => {
    const p = new ContractsPageState();
    p.start();
    await settle();
    summary.mockClear();
    p.setStatus('expiring30');
    p.setMismatched(true);
    expect(summary).not.toHaveBeenCalled();
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'expiring30', mismatched: true }));
    p.setSource('salesbricks');
    expect(summary).toHaveBeenCalledWith(expect.objectContaining({ source: 'salesbricks', status: '' }));
    expect(p.filtered).toBe(true);
    p.clearFilters();
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ status: '', source: '', mismatched: false, search: '' }));
    expect(p.filtered).toBe(false);
  });

  it('exports the current query and tells where the file went', async () => {
    const toasts = new ToastState();
    vi.mocked(exportContracts).mockResolvedValue({ path: '/tmp/contracts.csv', filename: 'contracts.csv', format: 'csv', rows: 12, content: 'a,b' });
    const p = new ContractsPageState({ toasts });
    p.start();
    p.setStatus('past_due');
    const dto = await p.exportLedger('csv');
    expect(exportContracts).toHaveBeenCalledWith(expect.objectContaining({ status: 'past_due' }), 'csv');
    expect(dto?.content).toBe('a,b');
    expect(p.lastExport?.path).toBe('/tmp/contracts.csv');
    expect(toasts.items.at(-1)?.message).toBe('Exported 12 rows to /tmp/contracts.csv');
    vi.mocked(exportContracts).mockRejectedValueOnce(new ApiError('internal', 'Disk full.'));
    expect(await p.exportLedger('json')).toBeNull();
    expect(toasts.items.at(-1)).toMatchObject({ message: 'Could not export contracts: Disk full.', tone: 'error' });
    p.dispose();
  });

  it('reports not connected from the list meta or the error code', async () => {
    list.mockImplementation(async (q) => listPage(q, 0, undefined, 'not_connected'));
    const p = new ContractsPageState();
    p.start();
    await settle();
    expect(p.notConnected).toBe(true);
    list.mockRejectedValue(new ApiError('not_connected', 'Connect Stripe.'));
    summary.mockRejectedValue(new ApiError('not_connected', 'Connect Stripe.'));
    const q = new ContractsPageState();
    q.start();
    await settle();
    expect(q.notConnected).toBe(true);
  });
});

describe('RenewalDraftState', () => {
  it('prefills the editable fields and copies them as one message', async () => {
    vi.mocked(renewalDraft).mockResolvedValue({ to: 'ops@acme.com', subject: 'Renewal', body: 'Hi,\nthanks.' });
    const d = new RenewalDraftState('rs:1');
    await d.load();
    expect(renewalDraft).toHaveBeenCalledWith('rs:1');
    d.subject = 'Your renewal';
    expect(d.text).toBe('To: ops@acme.com\nSubject: Your renewal\n\nHi,\nthanks.');
  });
});

describe('labels', () => {
  it('shows Unknown for a null day count and dates with days otherwise', () => {
    expect(renewalText('2026-03-03T00:00:00Z', null)).toBe('Unknown');
    expect(renewalText('', undefined)).toBe('Unknown');
    expect(renewalText('2026-03-03T00:00:00Z', 12)).toBe('Mar 3, 2026 · in 12 days');
    expect(renewalText('2026-03-03T00:00:00Z', -3)).toBe('Mar 3, 2026 · 3 days ago');
    expect(renewalText('2026-03-03T00:00:00Z', 0)).toBe('Mar 3, 2026 · today');
  });

  it('counts status Active apart from trialing and past due', () => {
    const c = statusCounts(summaryFixture());
    expect(c.active).toBe(24);
    expect(c['']).toBe(42);
    expect(c.expiring30).toBe(6);
    expect(statusCounts(null).active).toBeUndefined();
  });
});
