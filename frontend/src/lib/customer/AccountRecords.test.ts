import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/svelte';
import './test-setup';
import { ApiError } from '../api/core';

vi.mock('../api/identity', () => ({
  accountRecords: vi.fn(),
  splitRecord: vi.fn(),
  mergeAccounts: vi.fn(),
  findAccounts: vi.fn(),
}));
vi.mock('../api/customer', () => ({ getCustomer: vi.fn(), customerActivity: vi.fn(), customerHistory: vi.fn() }));
vi.mock('../api/workspace', () => ({
  workspaceInfo: vi.fn(() => new Promise(() => {})),
  routeAccount: vi.fn(),
  undoRoute: vi.fn(),
}));
vi.mock('../api/health', () => ({
  setTracked: vi.fn(),
  listHealth: vi.fn(() => new Promise(() => {})),
  healthSummary: vi.fn(() => new Promise(() => {})),
}));
vi.mock('./echarts-lib', () => ({
  initChart: vi.fn(() => ({ setOption: vi.fn(), on: vi.fn(), resize: vi.fn(), dispose: vi.fn() })),
}));

import { accountRecords, findAccounts, mergeAccounts, splitRecord, type AccountRecordDTO } from '../api/identity';
import { customerActivity, customerHistory, getCustomer } from '../api/customer';
import { AppState } from '../state/app.svelte';
import { CustomerState } from './customer.svelte';
import AccountRecords from './AccountRecords.svelte';
import CustomerView from './CustomerView.svelte';
import { XSS_NAME, customerFixture, historyFixture } from './test-fixtures';
import type { CustomerDTO } from './labels';

function record(over: Partial<AccountRecordDTO> = {}): AccountRecordDTO {
  return {
    source: 'stripe',
    sourceLabel: 'Stripe',
    key: 'cus_1',
    name: 'Hooli',
    domain: 'hooli.com',
    email: 'billing@hooli.com',
    byPerson: false,
    ...over,
  };
}

const hooliStripe = record();
const gavinStripe = record({ key: 'cus_2', name: 'Gavin Belson', domain: '', email: 'gavin@gmail.com', byPerson: true });
const hooliSalesbricks = record({ source: 'salesbricks', sourceLabel: 'Salesbricks', key: 'SB-9', email: '' });

const ctx = (app: AppState) => new Map([[Symbol.for('success-desk.app'), app]]);
const hooli = customerFixture().account;

function renderRecords() {
  const app = new AppState();
  render(AccountRecords, { props: { account: hooli, from: 'health' }, context: ctx(app) });
  return app;
}

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(accountRecords).mockResolvedValue({ records: [hooliStripe, gavinStripe, hooliSalesbricks] });
  vi.mocked(findAccounts).mockResolvedValue({
    accounts: [
      { id: 7, name: 'Hooli', domain: 'hooli.com' },
      { id: 12, name: 'Hooli XYZ', domain: 'hooli.xyz' },
      { id: 13, name: 'Gavin Belson', domain: '' },
    ],
  });
  vi.mocked(customerActivity).mockResolvedValue({ items: [], total: 0, counts: {} });
  vi.mocked(customerHistory).mockResolvedValue({ points: historyFixture, cutoffs: { critical: 40, atRisk: 70 } });
});

describe('AccountRecords', () => {
  it('lists the source records that make up the account', async () => {
    renderRecords();
    const panel = await screen.findByTestId('account-records');
    expect(accountRecords).toHaveBeenCalledWith(7);
    expect(panel).toHaveTextContent('3 source records make up this account');
    const row = within(panel).getByTestId('record-stripe-cus_2');
    expect(row).toHaveTextContent('Stripe');
    expect(row).toHaveTextContent('Gavin Belson');
    expect(row).toHaveTextContent('gavin@gmail.com');
    expect(within(row).getByText('cus_2')).toHaveClass('font-mono');
    expect(within(row).getByTestId('matched-by-you-stripe-cus_2')).toHaveTextContent('matched by you');
    expect(within(panel).queryByTestId('matched-by-you-stripe-cus_1')).toBeNull();
    expect(within(panel).getByTestId('record-salesbricks-SB-9')).toHaveTextContent('Salesbricks');
  });

  it('shows a record name as plain text', async () => {
    vi.mocked(accountRecords).mockResolvedValue({ records: [record({ name: XSS_NAME }), gavinStripe] });
    renderRecords();
    const row = await screen.findByTestId('record-stripe-cus_1');
    expect(row).toHaveTextContent(XSS_NAME);
    expect(row.querySelector('img, script')).toBeNull();
  });

  it('hides once the account has no records left, reloading when data changes', async () => {
    const app = renderRecords();
    expect(await screen.findByTestId('account-records')).toBeInTheDocument();
    vi.mocked(accountRecords).mockResolvedValue({ records: [] });
    app.dataChanged('accounts');
    await waitFor(() => expect(screen.queryByTestId('account-records')).toBeNull());
    expect(accountRecords).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId('merge-open')).toBeNull();
  });

  it('offers no split for an account made of one record', async () => {
    vi.mocked(accountRecords).mockResolvedValue({ records: [hooliStripe] });
    renderRecords();
    expect(await screen.findByTestId('split-stripe-cus_1')).toBeDisabled();
  });

  it('splits a record off after a confirm, and the toast opens the new account in the side sheet', async () => {
    const app = renderRecords();
    await fireEvent.click(await screen.findByTestId('split-stripe-cus_2'));
    const box = screen.getByTestId('split-confirm-box');
    expect(box).toHaveTextContent('Split Gavin Belson off into a new account of its own?');
    expect(box).toHaveTextContent('leave Hooli');
    expect(splitRecord).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('split-confirm')));

    vi.mocked(accountRecords).mockReturnValue(new Promise(() => {}));
    vi.mocked(splitRecord).mockResolvedValue({ accountId: 99, needsMatching: [] });
    await fireEvent.click(screen.getByTestId('split-confirm'));
    expect(splitRecord).toHaveBeenCalledWith('stripe', 'cus_2');
    await waitFor(() => expect(screen.queryByTestId('record-stripe-cus_2')).toBeNull());
    expect(screen.queryByTestId('split-confirm-box')).toBeNull();

    const toast = app.toasts.items[0];
    expect(toast.message).toBe('Split Gavin Belson off from Hooli into an account of its own.');
    expect(toast.actionLabel).toBe('Open');

    // A split-off account without a domain opens in the side sheet.
    vi.mocked(getCustomer).mockResolvedValue(customerFixture({ account: { ...hooli, id: 99, domain: '', name: 'Gavin Belson' } }));
    await app.toasts.act(toast.id);
    expect(getCustomer).toHaveBeenCalledWith({ accountId: 99 });
    expect(app.sheet).toEqual({ accountId: 99, from: 'health' });
  });

  it('opens a split-off account that has a domain on its own page', async () => {
    const app = renderRecords();
    const open = vi.spyOn(app, 'openAccount');
    await fireEvent.click(await screen.findByTestId('split-stripe-cus_1'));
    vi.mocked(splitRecord).mockResolvedValue({ accountId: 98, needsMatching: [] });
    await fireEvent.click(screen.getByTestId('split-confirm'));
    await waitFor(() => expect(app.toasts.items).toHaveLength(1));
    vi.mocked(getCustomer).mockResolvedValue(customerFixture({ account: { ...hooli, id: 98, domain: 'hooli.io' } }));
    await app.toasts.act(app.toasts.items[0].id);
    expect(open).toHaveBeenCalledWith({ accountId: 98, domain: 'hooli.io', name: 'Hooli' }, 'health');
    expect(app.sheet).toBeNull();
  });

  it('keeps the confirm open with the reason when a split is refused, and Cancel backs out', async () => {
    const app = renderRecords();
    await fireEvent.click(await screen.findByTestId('split-stripe-cus_2'));
    vi.mocked(splitRecord).mockRejectedValue(new ApiError('invalid', 'Accounts can be matched in the live book only.'));
    await fireEvent.click(screen.getByTestId('split-confirm'));
    expect(await screen.findByTestId('split-error')).toHaveTextContent('Accounts can be matched in the live book only.');
    expect(screen.getByTestId('record-stripe-cus_2')).toBeInTheDocument();
    expect(app.toasts.items).toEqual([]);
    await fireEvent.click(screen.getByTestId('split-cancel'));
    expect(screen.queryByTestId('split-confirm-box')).toBeNull();
  });

  it('merges another account in after naming both and what moves', async () => {
    const app = renderRecords();
    await fireEvent.click(await screen.findByTestId('merge-open'));
    const dialog = await screen.findByRole('dialog', { name: 'Merge another account into Hooli' });
    await within(dialog).findByTestId('merge-option-12');
    expect(within(dialog).queryByTestId('merge-option-7')).toBeNull(); // not itself
    const confirm = within(dialog).getByTestId('merge-confirm');
    expect(confirm).toBeDisabled();
    expect(within(dialog).queryByTestId('merge-warning')).toBeNull();

    await fireEvent.keyDown(within(dialog).getByTestId('merge-search'), { key: 'ArrowDown' });
    await fireEvent.keyDown(within(dialog).getByTestId('merge-search'), { key: 'Enter' });
    const warning = within(dialog).getByTestId('merge-warning');
    expect(warning).toHaveTextContent('Merge Hooli XYZ into Hooli? This cannot be undone.');
    expect(warning).toHaveTextContent(
      "Moves to Hooli: Hooli XYZ's source records with everything synced under them (subscriptions and contracts, invoices, usage and activity), its contacts, deals, CRM details and route history.",
    );
    expect(warning).toHaveTextContent('hooli.xyz becomes a further domain of Hooli.');
    expect(warning).toHaveTextContent('Hooli keeps its own name and domain (hooli.com).');
    expect(warning).toHaveTextContent("Hooli XYZ's score history is deleted and Hooli XYZ is removed");
    expect(confirm).toBeEnabled();
    expect(confirm).toHaveTextContent('Merge and remove Hooli XYZ');
    expect(confirm).toHaveClass('bg-red-600');

    vi.mocked(mergeAccounts).mockResolvedValue({ accountId: 7, needsMatching: [] });
    await fireEvent.click(confirm);
    expect(mergeAccounts).toHaveBeenCalledWith(7, 12);
    await waitFor(() => expect(screen.queryByTestId('merge-dialog')).toBeNull());
    expect(app.toasts.items.map((t) => t.message)).toEqual(['Merged Hooli XYZ into Hooli.']);
    await waitFor(() => expect(accountRecords).toHaveBeenCalledTimes(2)); // reloads after the change
  });

  it('shows a refused merge inline and keeps the dialog open', async () => {
    const app = renderRecords();
    await fireEvent.click(await screen.findByTestId('merge-open'));
    const dialog = await screen.findByTestId('merge-dialog');
    await fireEvent.click(await within(dialog).findByTestId('merge-option-13'));
    expect(within(dialog).getByTestId('merge-warning')).not.toHaveTextContent('further domain');
    vi.mocked(mergeAccounts).mockRejectedValue(new ApiError('not_found', 'The account no longer exists.'));
    await fireEvent.click(within(dialog).getByTestId('merge-confirm'));
    expect(await within(dialog).findByTestId('merge-error')).toHaveTextContent('The account no longer exists.');
    expect(mergeAccounts).toHaveBeenCalledWith(7, 13);
    expect(app.toasts.items).toEqual([]);
  });
});

describe('Customer Detail records', () => {
  function renderView(d: CustomerDTO) {
    const s = new CustomerState({ domain: d.account.domain });
    s.data = d;
    render(CustomerView, { props: { customer: s, from: 'health' }, context: ctx(new AppState()) });
  }

  it('shows the records panel in the live book', async () => {
    renderView(customerFixture({ meta: { mode: 'live', readiness: 'ready', lastSyncedAt: '', lastUpdatedAt: '' } }));
    expect(await screen.findByTestId('account-records')).toBeInTheDocument();
    expect(accountRecords).toHaveBeenCalledWith(7);
  });

  it('has no records panel, split or merge in the demo book', async () => {
    renderView(customerFixture());
    expect(await screen.findByTestId('customer-view')).toBeInTheDocument();
    expect(screen.queryByTestId('account-records')).toBeNull();
    expect(screen.queryByTestId('merge-open')).toBeNull();
    expect(accountRecords).not.toHaveBeenCalled();
  });
});
