import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import '../customer/test-setup';
import type { ContractRowDTO, ContractsQuery } from '../api/contracts';

vi.mock('../api/contracts', () => ({
  listContracts: vi.fn(),
  contractsSummary: vi.fn(),
  contractDetail: vi.fn(),
  renewalDraft: vi.fn(),
  exportContracts: vi.fn(),
}));
vi.mock('../api/workspace', () => ({
  workspaceInfo: vi.fn(() => new Promise(() => {})),
  routedTo: vi.fn(),
  clearRoute: vi.fn(),
  routeAccount: vi.fn(),
  undoRoute: vi.fn(),
  reportPainted: vi.fn(() => Promise.resolve({ sinceStartMs: 1 })),
}));
vi.mock('../api/settings', () => ({ setMode: vi.fn(() => Promise.resolve({ mode: 'demo' })), integrations: vi.fn() }));

import { contractDetail, contractsSummary, exportContracts, listContracts } from '../api/contracts';
import { clearRoute, routedTo } from '../api/workspace';
import { setMode } from '../api/settings';
import { ApiError } from '../api/core';
import { AppState } from '../state/app.svelte';
import ContractsPage from './ContractsPage.svelte';
import { contractRow, detailFixture, listPage, meta, summaryFixture } from './test-fixtures';

const list = vi.mocked(listContracts);
const summary = vi.mocked(contractsSummary);

let rows: (i: number) => ContractRowDTO = contractRow;
let total = 30;
let readiness = 'demo';

function renderPage() {
  const app = new AppState();
  render(ContractsPage, { context: new Map([[Symbol.for('success-desk.app'), app]]) });
  return app;
}

const lastQuery = (): ContractsQuery => list.mock.calls.at(-1)![0];
const rowEls = () => screen.getAllByTestId('contract-row');
const cell = (row: HTMLElement, col: string) => row.querySelector(`[data-col="${col}"]`)?.textContent;
const rowByKey = async (key: string) => {
  await waitFor(() => expect(document.querySelector(`[data-testid="contract-row"][data-key="${key}"]`)).not.toBeNull());
  return document.querySelector(`[data-testid="contract-row"][data-key="${key}"]`) as HTMLElement;
};

let restore: PropertyDescriptor | undefined;
beforeAll(() => {
  // jsdom has no layout: give the scroller a height so the virtualizer renders a window.
  restore = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight');
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 600 });
});
afterAll(() => {
  if (restore) Object.defineProperty(HTMLElement.prototype, 'offsetHeight', restore);
});

beforeEach(() => {
  vi.clearAllMocks();
  rows = contractRow;
  total = 30;
  readiness = 'demo';
  list.mockImplementation(async (q) => listPage(q, total, rows, readiness));
  summary.mockResolvedValue(summaryFixture());
  vi.mocked(routedTo).mockResolvedValue({ meta: meta(), section: 'contracts', label: 'Contracts', items: [] });
  vi.mocked(contractDetail).mockImplementation(async (key) => detailFixture(contractRow(0, { key })));
});

describe('ContractsPage', () => {
  it('renders the four cards and the status-count row from Summary', async () => {
    renderPage();
    expect(await screen.findByTestId('card-total-value')).toHaveTextContent('42');
    expect(screen.getByTestId('card-total-hint')).toHaveTextContent('30 Stripe · 20 Salesbricks · 8 merged');
    expect(screen.getByTestId('card-active-value')).toHaveTextContent('31');
    expect(screen.getByTestId('card-active-hint')).toHaveTextContent('24 active · 4 trialing · 3 past due');
    expect(screen.getByTestId('card-expiring-value')).toHaveTextContent('6');
    expect(screen.getByTestId('card-mrr-value')).toHaveTextContent('$48,250');
    expect(screen.getByTestId('card-arr-value')).toHaveTextContent('ARR $579,000');
    expect(screen.getByTestId('card-fx-note')).toHaveTextContent('Totals in USD at 1 EUR = 1.08 USD');
    expect(screen.getByTestId('card-mrr-currencies')).toHaveTextContent('€7,640');
    const count = (s: string) => within(screen.getByTestId(`status-count-${s}`)).getByTestId('status-count-value').textContent?.trim();
    expect(count('all')).toBe('42');
    expect(count('active')).toBe('24');
    expect(count('past_due')).toBe('3');
    expect(count('expiring30')).toBe('6');
    expect(count('draft')).toBe('1');
    expect(screen.getByTestId('mismatch-count')).toHaveTextContent('7');
    expect(summary).toHaveBeenCalledWith(expect.objectContaining({ search: '', source: '', status: '', mismatched: false }));
  });

  it('shows every column of a row as displayed text', async () => {
    rows = (i) =>
      i === 0
        ? contractRow(0, {
            customer: 'Acme <b>Corp</b>',
            accountRows: 3,
            product: 'Scale annual',
            status: 'past_due',
            source: 'merged',
            amount: { amountMinor: 24_000_00, currency: 'EUR' },
            mrr: { amountMinor: 2_000_00, currency: 'EUR' },
            arr: { amountMinor: 24_000_00, currency: 'EUR' },
            interval: 'annual',
            renewalAt: '2026-03-03T00:00:00Z',
            daysToRenewal: 12,
            paymentStatus: 'failed',
          })
        : contractRow(i);
    renderPage();
    const row = await rowByKey('rs:1');
    expect(cell(row, 'customer')).toBe('Acme <b>Corp</b>'); // text, never markup
    expect(row.querySelector('b')).toBeNull();
    expect(within(row).getByTestId('multi-contract')).toHaveTextContent('3 contracts');
    expect(within(row).getByTestId('contract-contact')).toHaveTextContent('billing@c0.com');
    expect(cell(row, 'product')).toBe('Scale annual');
    expect(cell(row, 'status')).toBe('Past due');
    expect(cell(row, 'source')).toBe('Merged');
    expect(cell(row, 'amount')).toBe('€24,000/yr');
    expect(cell(row, 'mrr')).toBe('€2,000');
    expect(cell(row, 'arr')).toBe('€24,000');
    expect(cell(row, 'interval')).toBe('Annual');
    expect(cell(row, 'renewal')).toBe('Mar 3, 2026 · in 12 days');
    expect(cell(row, 'payment')).toBe('Failed');
    expect(screen.getByTestId('contracts-total')).toHaveTextContent('30 contracts');
  });

  it('shows "Unknown" renewal for a row without a day count', async () => {
    rows = (i) => contractRow(i, i === 1 ? { daysToRenewal: undefined, renewalAt: '' } : {});
    renderPage();
    expect(cell(await rowByKey('rs:2'), 'renewal')).toBe('Unknown');
    expect(cell(await rowByKey('rs:1'), 'renewal')).toBe('Mar 3, 2026 · in 12 days');
  });

  it('lists the chosen status from the Status select, and the source from Source; only source reloads the cards', async () => {
    renderPage();
    await rowByKey('rs:1');
    summary.mockClear();
    await fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'past_due' } });
    expect(lastQuery()).toMatchObject({ status: 'past_due', offset: 0, limit: 100 });
    expect(summary).not.toHaveBeenCalled();
    await fireEvent.change(screen.getByLabelText('Source'), { target: { value: 'salesbricks' } });
    expect(lastQuery()).toMatchObject({ status: 'past_due', source: 'salesbricks' });
    expect(summary).toHaveBeenCalledWith(expect.objectContaining({ source: 'salesbricks', status: '' }));
  });

  it('filters by a status count, and a second press clears it', async () => {
    renderPage();
    await rowByKey('rs:1');
    const btn = await screen.findByTestId('status-count-expiring30');
    await fireEvent.click(btn);
    expect(lastQuery().status).toBe('expiring30');
    expect(btn).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByLabelText('Status')).toHaveValue('expiring30');
    await fireEvent.click(btn);
    expect(lastQuery().status).toBe('');
    await fireEvent.click(screen.getByTestId('status-count-canceled'));
    expect(lastQuery().status).toBe('canceled');
    await fireEvent.click(screen.getByTestId('card-total'));
    expect(lastQuery().status).toBe('');
  });

  it('sorts by the backend key of a header, and a second click toggles to descending', async () => {
    renderPage();
    await rowByKey('rs:1');
    const header = (key: string) => screen.getByTestId(`col-header-${key}`).closest('[role="columnheader"]');
    expect(header('renewal')).toHaveAttribute('aria-sort', 'none'); // the default order is upcoming renewals, no one column
    await fireEvent.click(screen.getByTestId('col-header-customer'));
    expect(lastQuery()).toMatchObject({ sort: 'customer', desc: false });
    await waitFor(() => expect(header('customer')).toHaveAttribute('aria-sort', 'ascending'));
    await fireEvent.click(screen.getByTestId('col-header-customer'));
    expect(lastQuery()).toMatchObject({ sort: 'customer', desc: true });
    await waitFor(() => expect(header('customer')).toHaveAttribute('aria-sort', 'descending'));
    await fireEvent.click(screen.getByTestId('col-header-arr'));
    expect(lastQuery()).toMatchObject({ sort: 'arr', desc: true }); // money sorts biggest first
    await fireEvent.click(screen.getByTestId('col-header-renewal'));
    expect(lastQuery()).toMatchObject({ sort: 'renewal', desc: false });
  });

  it('the Mismatches toggle keeps only rows where the sources disagree', async () => {
    renderPage();
    await rowByKey('rs:1');
    const toggle = screen.getByTestId('mismatch-toggle');
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await fireEvent.click(toggle);
    expect(lastQuery().mismatched).toBe(true);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await fireEvent.click(toggle);
    expect(lastQuery().mismatched).toBe(false);
  });

  it('opens a mismatched row in the sheet with the Salesbricks and Stripe values side by side', async () => {
    const mismatched = contractRow(0, {
      source: 'merged',
      mismatches: [
        { kind: 'amount', label: 'Amount differs', salesbricks: '$1,200/mo', stripe: '$1,100/mo', explain: 'Stripe bills $100 less than the contract.' },
        { kind: 'renewal', label: 'Renewal differs', salesbricks: 'Mar 3, 2026', stripe: 'Mar 10, 2026', explain: 'Terms end a week apart.' },
      ],
    });
    rows = (i) => (i === 0 ? mismatched : contractRow(i));
    vi.mocked(contractDetail).mockResolvedValue(detailFixture(mismatched));
    renderPage();
    const row = await rowByKey('rs:1');
    const marker = within(row).getByTestId('mismatch-marker');
    expect(marker).toHaveTextContent('2');
    expect(marker.getAttribute('title')).toBe('Stripe bills $100 less than the contract.\nTerms end a week apart.');

    await fireEvent.click(row);
    const sheet = await screen.findByTestId('contract-sheet');
    expect(contractDetail).toHaveBeenCalledWith('rs:1');
    const found = within(sheet).getAllByTestId('mismatch');
    expect(found).toHaveLength(2);
    expect(within(found[0]).getByTestId('mismatch-label')).toHaveTextContent('Amount differs');
    expect(within(found[0]).getByTestId('mismatch-salesbricks')).toHaveTextContent('$1,200/mo');
    expect(within(found[0]).getByTestId('mismatch-stripe')).toHaveTextContent('$1,100/mo');
    expect(within(found[0]).getByTestId('mismatch-explain')).toHaveTextContent('Stripe bills $100 less than the contract.');
    expect(within(found[0]).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Salesbricks', 'Stripe']);
    expect(within(sheet).getByTestId('sheet-source')).toHaveTextContent('Merged');
    expect(within(sheet).getByTestId('sheet-arr')).toHaveTextContent('$14,400');
    expect(await within(sheet).findAllByTestId('invoice')).toHaveLength(2);
    expect(within(sheet).getAllByTestId('retry')[0]).toHaveTextContent('Attempt #1');
    expect(within(sheet).getByTestId('linked-empty')).toHaveTextContent(
      'No requests linked yet — Close the Loop links them when it matches a request to this contract.',
    );
  });

  it('exports the filtered ledger and shows the path and row count', async () => {
    vi.mocked(exportContracts).mockResolvedValue({
      path: '/Users/ana/Downloads/contracts-2026-01-05.csv',
      filename: 'contracts-2026-01-05.csv',
      format: 'csv',
      rows: 12,
      content: 'customer,product\n',
    });
    const app = renderPage();
    await rowByKey('rs:1');
    await fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'past_due' } });
    await fireEvent.click(screen.getByTestId('export-csv'));
    const result = await screen.findByTestId('export-result');
    expect(exportContracts).toHaveBeenCalledWith(expect.objectContaining({ status: 'past_due', search: '' }), 'csv');
    expect(result).toHaveTextContent('Exported 12 rows to /Users/ana/Downloads/contracts-2026-01-05.csv');
    expect(result).toHaveAttribute('data-rows', '12');
    expect(app.toasts.items.at(-1)?.message).toBe('Exported 12 rows to /Users/ana/Downloads/contracts-2026-01-05.csv');
  });

  it('offers Open Integrations and the demo book when Contracts is not connected', async () => {
    readiness = 'not_connected';
    total = 0;
    const app = renderPage();
    const openSettings = vi.spyOn(app, 'openSettings');
    const box = await screen.findByTestId('contracts-not-connected');
    expect(box).toHaveTextContent('Contracts is not connected yet');
    expect(screen.queryByTestId('contracts-table')).toBeNull();
    await fireEvent.click(within(box).getByRole('button', { name: 'Open Integrations' }));
    expect(openSettings).toHaveBeenCalledTimes(1);
    await fireEvent.click(within(box).getByRole('button', { name: 'Preview with demo data' }));
    expect(setMode).toHaveBeenCalledWith('demo');
  });

  it('a failed List shows a retryable warning with Retry, Preview with demo data and Open Integrations', async () => {
    list.mockRejectedValueOnce(new ApiError('unavailable', 'Stripe did not answer.'));
    const app = renderPage();
    const openSettings = vi.spyOn(app, 'openSettings');
    const box = await screen.findByTestId('contracts-load-failed');
    expect(box).toHaveTextContent('Stripe did not answer.');
    await fireEvent.click(within(box).getByRole('button', { name: 'Open Integrations' }));
    expect(openSettings).toHaveBeenCalled();
    await fireEvent.click(within(box).getByRole('button', { name: 'Preview with demo data' }));
    expect(setMode).toHaveBeenCalledWith('demo');
    await fireEvent.click(within(box).getByRole('button', { name: 'Retry' }));
    expect(await rowByKey('rs:1')).toBeInTheDocument();
    expect(screen.queryByTestId('contracts-load-failed')).toBeNull();
  });

  it('says when nothing matches and clears the filters', async () => {
    renderPage();
    await rowByKey('rs:1');
    total = 0;
    await fireEvent.click(screen.getByTestId('mismatch-toggle'));
    const empty = await screen.findByTestId('contracts-empty');
    expect(empty).toHaveTextContent('No contracts match');
    total = 30;
    await fireEvent.click(within(empty).getByTestId('clear-filters'));
    expect(lastQuery()).toMatchObject({ mismatched: false, status: '', source: '', search: '' });
    expect(await rowByKey('rs:1')).toBeInTheDocument();
  });

  it('focuses search with "/", moves with j/k, opens with Enter and closes the sheet with Esc', async () => {
    renderPage();
    await rowByKey('rs:1');
    await fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(screen.getByLabelText('Search contracts'));

    const grid = screen.getByTestId('contracts-table');
    grid.focus();
    await fireEvent.keyDown(grid, { key: 'j' });
    await fireEvent.keyDown(grid, { key: 'j' });
    await fireEvent.keyDown(grid, { key: 'k' });
    const active = rowEls().filter((r) => r.getAttribute('aria-selected') === 'true');
    expect(active).toHaveLength(1);
    expect(grid).toHaveAttribute('aria-activedescendant', active[0].id);
    await fireEvent.keyDown(grid, { key: 'Enter' });
    const sheet = await screen.findByTestId('contract-sheet');
    expect(contractDetail).toHaveBeenCalledWith(active[0].dataset.key);
    expect(within(sheet).getByTestId('sheet-open-account')).toBeInTheDocument();
    await fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('contract-sheet')).toBeNull());
  });

  it('shows routed accounts in a banner and on their rows, and clears a route from the row menu', async () => {
    const routed = { routeId: 9, from: 'health', fromLabel: 'Health', reason: 'Renewal at risk', at: '2026-01-02T00:00:00Z' };
    rows = (i) => contractRow(i, i === 0 ? { customer: 'Globex', routed } : {});
    vi.mocked(routedTo).mockResolvedValue({
      meta: meta(),
      section: 'contracts',
      label: 'Contracts',
      items: [{ accountId: 1, domain: 'c0.com', name: 'Globex', routed, level: 'at_risk', score: 41 }],
    });
    vi.mocked(clearRoute).mockResolvedValue({ accountId: 1 });
    renderPage();
    const banner = await screen.findByTestId('routed-banner');
    expect(banner).toHaveTextContent('1 account was routed to Contracts');
    expect(banner).toHaveTextContent('Globex');
    const row = await rowByKey('rs:1');
    expect(within(row).getByTestId('routed-badge')).toHaveTextContent('Routed from Health');
    expect(within(row).getByTestId('routed-reason')).toHaveTextContent('Renewal at risk');

    await fireEvent.click(within(row).getByTestId('row-menu-button'));
    const clear = await screen.findByTestId('row-menu-clear-route');
    await fireEvent.click(clear);
    await waitFor(() => expect(clearRoute).toHaveBeenCalledWith(1));
  });

  it('reloads the table and the cards when backend data changes', async () => {
    const app = renderPage();
    await rowByKey('rs:1');
    const lists = list.mock.calls.length;
    const sums = summary.mock.calls.length;
    rows = (i) => contractRow(i, { customer: `Renamed ${i}` });
    app.dataChanged();
    await waitFor(() => expect(cell(rowEls()[0], 'customer')).toBe('Renamed 0'));
    expect(list.mock.calls.length).toBeGreaterThan(lists);
    expect(summary.mock.calls.length).toBeGreaterThan(sums);
  });
});
