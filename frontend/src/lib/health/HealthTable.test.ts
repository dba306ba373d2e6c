import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { HealthListRequest, HealthRowDTO } from '../api/health';

vi.mock('../api/health', () => ({ listHealth: vi.fn() }));

import { listHealth } from '../api/health';
import { HealthListState } from '../state/healthList.svelte';
import HealthTable from './HealthTable.svelte';

const TOTAL = 100_000;
const mocked = vi.mocked(listHealth);

function row(i: number): HealthRowDTO {
  return {
    accountId: i + 1,
    domain: `a${i}.com`,
    name: `Account ${i}`,
    primaryEmail: '',
    tracked: true,
    score: 50,
    level: 'at_risk',
    licensedUsers: 10,
    arr: { amountMinor: 100_00, currency: 'USD' },
    arrBase: { amountMinor: 100_00, currency: 'USD' },
    renewalAt: '',
    paymentStatus: 'active',
    factors: [],
    missing: [],
    flags: [],
  };
}

let restore: PropertyDescriptor | undefined;
beforeAll(() => {
  // jsdom has no layout: give the scroller a height so the virtualizer renders a window.
  restore = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight');
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 440 });
  mocked.mockImplementation(async (req: HealthListRequest) => ({
    meta: { mode: 'demo', readiness: 'demo', lastSyncedAt: '', lastUpdatedAt: '' },
    rows: Array.from({ length: Math.min(req.limit, TOTAL - req.offset) }, (_, k) => row(req.offset + k)),
    total: TOTAL,
    offset: req.offset,
  }));
});
afterAll(() => {
  if (restore) Object.defineProperty(HTMLElement.prototype, 'offsetHeight', restore);
});

const noop = () => {};

describe('HealthTable', () => {
  it('renders a window of a 100,000-row book, fetched one page at a time, with sortable headers', async () => {
    const list = new HealthListState();
    const onSort = vi.fn();
    list.load();
    render(HealthTable, { list, onOpen: noop, onRoute: noop, onToggleTracked: noop, onSort });

    await waitFor(() => expect(screen.getAllByTestId('health-row').length).toBeGreaterThan(0));
    expect(screen.getAllByTestId('health-row').length).toBeLessThan(40);
    expect(screen.getByTestId('health-table')).toHaveAttribute('data-total', String(TOTAL));
    expect(mocked.mock.calls.map((c) => c[0].offset)).toEqual([0]);

    const header = (key: string) => screen.getByTestId(`col-header-${key}`).closest('[role="columnheader"]');
    expect(header('score')).toHaveAttribute('aria-sort', 'ascending');
    expect(header('arr')).toHaveAttribute('aria-sort', 'none');

    await fireEvent.click(screen.getByTestId('col-header-arr'));
    expect(onSort).toHaveBeenLastCalledWith('arr', true); // money sorts biggest first
    await fireEvent.click(screen.getByTestId('col-header-score'));
    expect(onSort).toHaveBeenLastCalledWith('score', true); // toggles the current direction
    await fireEvent.click(screen.getByTestId('col-header-account'));
    expect(onSort).toHaveBeenLastCalledWith('account', false);
  });

  it('moves the focus ring with j/k and opens the active row with Enter', async () => {
    const list = new HealthListState();
    const onOpen = vi.fn();
    list.load();
    render(HealthTable, { list, onOpen, onRoute: noop, onToggleTracked: noop, onSort: noop });
    await waitFor(() => expect(screen.getAllByTestId('health-row').length).toBeGreaterThan(0));
    const grid = screen.getByTestId('health-table');
    await fireEvent.focus(grid);
    await fireEvent.keyDown(grid, { key: 'j' });
    await fireEvent.keyDown(grid, { key: 'j' });
    await fireEvent.keyDown(grid, { key: 'k' });
    const active = screen.getAllByTestId('health-row').filter((r) => r.getAttribute('aria-selected') === 'true');
    expect(active).toHaveLength(1);
    expect(grid).toHaveAttribute('aria-activedescendant', active[0].id);
    await fireEvent.keyDown(grid, { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ accountId: Number(active[0].dataset.accountId) }));
  });
});
