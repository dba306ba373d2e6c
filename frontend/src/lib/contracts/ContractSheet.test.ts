import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import '../customer/test-setup';

vi.mock('../api/contracts', () => ({ contractDetail: vi.fn(), renewalDraft: vi.fn() }));

import { contractDetail, renewalDraft } from '../api/contracts';
import { ApiError } from '../api/core';
import ContractSheet from './ContractSheet.svelte';
import RenewalDraftDialog from './RenewalDraftDialog.svelte';
import { contractRow, detailFixture } from './test-fixtures';

const writeText = vi.fn<(text: string) => Promise<void>>();

beforeEach(() => {
  vi.clearAllMocks();
  writeText.mockResolvedValue(undefined);
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
  vi.mocked(renewalDraft).mockResolvedValue({
    to: 'finance@initech.com',
    subject: 'Your Growth plan renews on Mar 3, 2026',
    body: 'Hi Peter,\n\nYour Growth plan renews on Mar 3, 2026 at $1,200/mo.',
  });
});

describe('ContractSheet', () => {
  it('shows the row at once, then history, invoices, retries and linked requests', async () => {
    const row = contractRow(0, { customer: 'Initech', daysToRenewal: undefined, renewalAt: '', cancelAtEnd: true });
    let release!: () => void;
    vi.mocked(contractDetail).mockReturnValue(
      new Promise((resolve) => {
        release = () =>
          resolve(
            detailFixture(row, {
              linked: [{ id: 'req-1', title: 'SSO <script>alert(1)</script> support', at: '2026-01-10T00:00:00Z' }],
            }),
          );
      }),
    );
    const onOpenAccount = vi.fn();
    render(ContractSheet, { row, onClose: () => {}, onOpenAccount });
    const sheet = await screen.findByTestId('contract-sheet');
    expect(sheet).toHaveAttribute('role', 'dialog');
    expect(within(sheet).getByRole('heading', { name: 'Initech' })).toBeInTheDocument();
    expect(within(sheet).getByTestId('sheet-status')).toHaveTextContent('Active');
    expect(within(sheet).getByTestId('sheet-mrr')).toHaveTextContent('$1,200');
    expect(within(sheet).getByTestId('sheet-currency')).toHaveTextContent('USD');
    expect(within(sheet).getByTestId('sheet-renewal-days')).toHaveTextContent('Unknown');
    expect(within(sheet).getByTestId('sheet-cancels')).toBeInTheDocument();
    expect(within(sheet).getAllByTestId('sheet-section-loading').length).toBeGreaterThan(0);
    expect(within(sheet).queryByTestId('sheet-reconciliation')).toBeNull(); // no mismatches

    release();
    const invoices = await within(sheet).findAllByTestId('invoice');
    expect(invoices[0]).toHaveTextContent('in_1');
    expect(invoices[0]).toHaveTextContent('Failed');
    expect(invoices[0]).toHaveTextContent('Card declined');
    const retries = within(sheet).getAllByTestId('retry');
    expect(retries.map((r) => r.dataset.outcome)).toEqual(['failed', 'scheduled']);
    expect(retries[1]).toHaveTextContent('Attempt #2');
    expect(retries[1]).toHaveTextContent('Scheduled');
    expect(within(sheet).getByTestId('history-event')).toHaveTextContent('Term started');
    expect(within(sheet).getAllByTestId('revenue-card')).toHaveLength(1);
    const linked = within(sheet).getByTestId('linked-request');
    expect(linked).toHaveTextContent('SSO <script>alert(1)</script> support');
    expect(linked.querySelector('script')).toBeNull();

    await fireEvent.click(within(sheet).getByTestId('sheet-account-open'));
    expect(onOpenAccount).toHaveBeenCalledWith(expect.objectContaining({ accountId: 1, domain: 'c0.com' }));
  });

  it("says a canceled record is not in the account's contract value, not in its own", async () => {
    const row = contractRow(0, { customer: 'Initech', status: 'canceled' });
    vi.mocked(contractDetail).mockResolvedValue(detailFixture(row));
    render(ContractSheet, { row, onClose: () => {}, onOpenAccount: () => {} });
    const note = await screen.findByTestId('revenue-uncounted');
    expect(note).toHaveTextContent("Canceled: not counted in the account's contract value");
  });

  it('keeps the row on screen when the detail fails, with Retry', async () => {
    const row = contractRow(0);
    vi.mocked(contractDetail).mockRejectedValueOnce(new ApiError('unavailable', 'Stripe is slow.'));
    render(ContractSheet, { row, onClose: () => {}, onOpenAccount: () => {} });
    expect(await screen.findByTestId('detail-error')).toHaveTextContent('Stripe is slow.');
    expect(screen.getByTestId('sheet-arr')).toHaveTextContent('$14,400');
    vi.mocked(contractDetail).mockResolvedValue(detailFixture(row));
    await fireEvent.click(screen.getByTestId('detail-retry'));
    expect(await screen.findAllByTestId('invoice')).toHaveLength(2);
    expect(screen.queryByTestId('detail-error')).toBeNull();
  });

  it('opens the renewal draft over the sheet; closing the draft leaves the sheet open', async () => {
    const row = contractRow(0);
    vi.mocked(contractDetail).mockResolvedValue(detailFixture(row));
    const onClose = vi.fn();
    render(ContractSheet, { row, onClose, onOpenAccount: () => {} });
    await fireEvent.click(await screen.findByTestId('renewal-draft-button'));
    const dialog = await screen.findByTestId('renewal-draft-dialog');
    expect(renewalDraft).toHaveBeenCalledWith('rs:1');
    expect(await within(dialog).findByTestId('renewal-to')).toHaveValue('finance@initech.com');
    await fireEvent.click(within(dialog).getByTestId('renewal-subject'));
    await fireEvent.click(within(dialog).getByTestId('renewal-close'));
    await waitFor(() => expect(screen.queryByTestId('renewal-draft-dialog')).toBeNull());
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByTestId('contract-sheet')).toBeInTheDocument();
  });
});

describe('RenewalDraftDialog', () => {
  it('is prefilled from RenewalDraft, editable, and copies the edited message', async () => {
    const draft = await renewalDraft('rs:7');
    vi.mocked(renewalDraft).mockClear();
    let release!: () => void;
    vi.mocked(renewalDraft).mockReturnValueOnce(new Promise((resolve) => (release = () => resolve(draft))));
    render(RenewalDraftDialog, { props: { target: { key: 'rs:7', customer: 'Initech' }, onClose: () => {} } });
    const dialog = await screen.findByTestId('renewal-draft-dialog');
    expect(within(dialog).getByRole('heading', { name: 'Renewal draft' })).toBeInTheDocument();
    expect(within(dialog).getByTestId('renewal-draft-loading')).toBeInTheDocument();
    expect(within(dialog).getByTestId('renewal-copy')).toBeDisabled(); // nothing to copy yet
    release();
    const to = await within(dialog).findByLabelText('To');
    const subject = within(dialog).getByLabelText('Subject');
    const body = within(dialog).getByLabelText('Body');
    expect(renewalDraft).toHaveBeenCalledWith('rs:7');
    expect(to).toHaveValue('finance@initech.com');
    expect(subject).toHaveValue('Your Growth plan renews on Mar 3, 2026');
    expect(body.tagName).toBe('TEXTAREA');
    expect(body).toHaveValue('Hi Peter,\n\nYour Growth plan renews on Mar 3, 2026 at $1,200/mo.');

    await fireEvent.input(subject, { target: { value: 'Renewing together' } });
    await fireEvent.input(body, { target: { value: 'Hi Peter, shall we talk?' } });
    await fireEvent.click(within(dialog).getByTestId('renewal-copy'));
    expect(writeText).toHaveBeenCalledWith('To: finance@initech.com\nSubject: Renewing together\n\nHi Peter, shall we talk?');
    expect(await within(dialog).findByTestId('renewal-copied')).toHaveTextContent('Copied to the clipboard');
  });

  it('says so when the clipboard refuses, and when the draft cannot be built', async () => {
    writeText.mockRejectedValueOnce(new Error('denied'));
    vi.mocked(renewalDraft).mockRejectedValueOnce(new ApiError('not_found', 'That contract is gone.'));
    render(RenewalDraftDialog, { props: { target: { key: 'rs:7', customer: 'Initech' }, onClose: () => {} } });
    expect(await screen.findByTestId('renewal-draft-error')).toHaveTextContent('That contract is gone.');
    await fireEvent.click(within(screen.getByTestId('renewal-draft-error')).getByRole('button', { name: 'Retry' }));
    await screen.findByLabelText('To');
    await fireEvent.click(screen.getByTestId('renewal-copy'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not copy to the clipboard');
  });
});
