import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/svelte';
import '../customer/test-setup';
import { ApiError } from '../api/core';

vi.mock('../api/identity', () => ({ needsMatching: vi.fn(), findAccounts: vi.fn(), attachRecord: vi.fn() }));
vi.mock('../api/workspace', () => ({ workspaceInfo: vi.fn(() => new Promise(() => {})) }));
vi.mock('../api/health', () => ({
  listHealth: vi.fn(() => new Promise(() => {})),
  healthSummary: vi.fn(() => new Promise(() => {})),
}));

import { attachRecord, findAccounts, needsMatching, type AccountOptionDTO, type UnmatchedDTO } from '../api/identity';
import { AppState } from '../state/app.svelte';
import NeedsMatching from './NeedsMatching.svelte';
import AttachDialog, { broughtText } from './AttachDialog.svelte';
import { XSS_NAME } from '../customer/test-fixtures';

function unmatched(over: Partial<UnmatchedDTO> = {}): UnmatchedDTO {
  return {
    source: 'stripe',
    sourceLabel: 'Stripe',
    key: 'cus_1',
    name: 'Erlich Bachman',
    email: 'erlich@gmail.com',
    accountId: 501,
    revenue: 1,
    invoices: 3,
    activities: 0,
    ...over,
  };
}

const bachman = unmatched();
const jian = unmatched({ source: 'salesbricks', sourceLabel: 'Salesbricks', key: 'SB-77', name: 'Jian-Yang', email: '', accountId: 502, revenue: 2, invoices: 0 });

const accounts: AccountOptionDTO[] = [
  { id: 7, name: 'Hooli', domain: 'hooli.com' },
  { id: 501, name: 'Erlich Bachman', domain: '' }, // the record's own placeholder
  { id: 9, name: 'Pied Piper', domain: 'piedpiper.com' },
  { id: 11, name: 'Raviga', domain: 'raviga.com' },
];

function renderSection(live = true) {
  const app = new AppState();
  render(NeedsMatching, { props: { live }, context: new Map([[Symbol.for('success-desk.app'), app]]) });
  return app;
}

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(needsMatching).mockResolvedValue({ records: [bachman, jian] });
  vi.mocked(findAccounts).mockResolvedValue({ accounts });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('broughtText', () => {
  it('says which rows a record brought', () => {
    expect(broughtText(bachman)).toBe('1 subscription, 3 invoices');
    expect(broughtText(jian)).toBe('2 contracts');
    expect(broughtText(unmatched({ revenue: 0, invoices: 1, activities: 12 }))).toBe('1 invoice, 12 activity events');
    expect(broughtText(unmatched({ revenue: 0, invoices: 0 }))).toBe('No rows yet');
  });
});

describe('NeedsMatching', () => {
  it('shows a skeleton, then a row per record with its source, name, e-mail and rows', async () => {
    renderSection();
    const section = screen.getByTestId('needs-matching');
    expect(within(section).getByRole('status', { name: 'Loading the records that need matching' })).toBeInTheDocument();

    const row = await screen.findByTestId('unmatched-stripe-cus_1');
    expect(row).toHaveTextContent('Stripe');
    expect(row).toHaveTextContent('Erlich Bachman');
    expect(row).toHaveTextContent('cus_1');
    expect(row).toHaveTextContent('erlich@gmail.com');
    expect(within(row).getByTestId('unmatched-rows')).toHaveTextContent('1 subscription, 3 invoices');
    expect(within(row).getByTestId('attach-stripe-cus_1')).toHaveTextContent('Attach to account…');

    const other = screen.getByTestId('unmatched-salesbricks-SB-77');
    expect(other).toHaveTextContent('Salesbricks');
    expect(other).toHaveTextContent('No e-mail');
    expect(other).toHaveTextContent('2 contracts');
    expect(screen.getByTestId('needs-matching-count')).toHaveTextContent('2 to match');
  });

  it('shows a record name as plain text', async () => {
    vi.mocked(needsMatching).mockResolvedValue({ records: [unmatched({ name: XSS_NAME })] });
    renderSection();
    const row = await screen.findByTestId('unmatched-stripe-cus_1');
    expect(within(row).getByTestId('unmatched-name').textContent).toBe(XSS_NAME);
    expect(row.querySelector('img, script')).toBeNull();
  });

  it('says when every record matched a company', async () => {
    vi.mocked(needsMatching).mockResolvedValue({ records: [] });
    renderSection();
    expect(await screen.findByTestId('needs-matching-empty')).toHaveTextContent('Every synced record matched a company.');
    expect(screen.queryByTestId('needs-matching-count')).toBeNull();
  });

  it('shows an error with Retry', async () => {
    vi.mocked(needsMatching).mockRejectedValueOnce(new ApiError('unavailable', 'The live book is locked.'));
    renderSection();
    const section = screen.getByTestId('needs-matching');
    expect(await within(section).findByText('The live book is locked.')).toBeInTheDocument();
    expect(within(section).getByText('Could not load the records that need matching')).toBeInTheDocument();
    await fireEvent.click(within(section).getByTestId('retry-button'));
    expect(await screen.findByTestId('unmatched-stripe-cus_1')).toBeInTheDocument();
    expect(needsMatching).toHaveBeenCalledTimes(2);
  });

  it('in the demo book says matching applies to live data and asks for nothing', () => {
    renderSection(false);
    expect(screen.getByTestId('needs-matching-demo')).toHaveTextContent('Matching applies to live data');
    expect(needsMatching).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: /Attach/ })).toBeNull();
  });

  it('reloads when the backend says accounts changed', async () => {
    const app = renderSection();
    await screen.findByTestId('unmatched-stripe-cus_1');
    vi.mocked(needsMatching).mockResolvedValue({ records: [jian] });
    app.dataChanged('accounts');
    await waitFor(() => expect(screen.queryByTestId('unmatched-stripe-cus_1')).toBeNull());
    expect(screen.getByTestId('unmatched-salesbricks-SB-77')).toBeInTheDocument();
    expect(needsMatching).toHaveBeenCalledTimes(2);
  });

  it('attaches a record to the chosen account and shows the list the answer carries', async () => {
    const app = renderSection();
    await fireEvent.click(await screen.findByTestId('attach-stripe-cus_1'));
    const dialog = await screen.findByRole('dialog', { name: 'Attach Erlich Bachman to an account' });
    expect(findAccounts).toHaveBeenCalledWith('', 20);
    await within(dialog).findByTestId('attach-option-7');
    // the record's own placeholder account is not offered
    expect(within(dialog).queryByTestId('attach-option-501')).toBeNull();
    expect(within(dialog).getByTestId('attach-confirm')).toBeDisabled();

    await fireEvent.click(within(dialog).getByTestId('attach-option-9'));
    expect(within(dialog).getByTestId('attach-option-9')).toHaveAttribute('aria-selected', 'true');
    expect(within(dialog).getByTestId('attach-choice')).toHaveTextContent('Attach to Pied Piper (piedpiper.com).');

    // Reloads after the change stay pending: what shows comes from the answer.
    vi.mocked(needsMatching).mockReturnValue(new Promise(() => {}));
    vi.mocked(attachRecord).mockResolvedValue({ accountId: 9, needsMatching: [jian] });
    await fireEvent.click(within(dialog).getByTestId('attach-confirm'));

    expect(attachRecord).toHaveBeenCalledWith('stripe', 'cus_1', 9);
    await waitFor(() => expect(screen.queryByTestId('attach-dialog')).toBeNull());
    expect(screen.queryByTestId('unmatched-stripe-cus_1')).toBeNull();
    expect(screen.getByTestId('unmatched-salesbricks-SB-77')).toBeInTheDocument();
    expect(app.toasts.items.map((t) => t.message)).toEqual(['Attached Erlich Bachman to Pied Piper.']);
  });

  it('keeps the dialog open with the reason when an attach is refused', async () => {
    const app = renderSection();
    await fireEvent.click(await screen.findByTestId('attach-stripe-cus_1'));
    const dialog = await screen.findByTestId('attach-dialog');
    await fireEvent.click(await within(dialog).findByTestId('attach-option-7'));
    vi.mocked(attachRecord).mockRejectedValue(
      new ApiError('invalid', 'Accounts can be matched in the live book only: switch to live data first.'),
    );
    await fireEvent.click(within(dialog).getByTestId('attach-confirm'));
    const err = await within(dialog).findByTestId('attach-error');
    expect(err).toHaveTextContent('Accounts can be matched in the live book only: switch to live data first.');
    expect(err).toHaveAttribute('role', 'alert');
    expect(within(dialog).getByTestId('attach-option-7')).toHaveAttribute('aria-selected', 'true');
    expect(within(dialog).getByTestId('attach-confirm')).toBeEnabled();
    expect(screen.getByTestId('unmatched-stripe-cus_1')).toBeInTheDocument();
    expect(app.toasts.items).toEqual([]);
  });
});

describe('AttachDialog', () => {
  function renderDialog() {
    const onConfirm = vi.fn(() => Promise.resolve());
    const onClose = vi.fn();
    render(AttachDialog, { props: { target: bachman, onConfirm, onClose } });
    return { onConfirm, onClose };
  }

  it('searches once typing pauses, then moves with the arrow keys and chooses with Enter', async () => {
    const { onConfirm } = renderDialog();
    const input = await screen.findByTestId('attach-search');
    await screen.findByTestId('attach-option-7');
    expect(findAccounts).toHaveBeenCalledTimes(1);

    vi.useFakeTimers();
    vi.mocked(findAccounts).mockResolvedValue({ accounts: [accounts[2], accounts[3]] });
    await fireEvent.input(input, { target: { value: 'p' } });
    await vi.advanceTimersByTimeAsync(100);
    await fireEvent.input(input, { target: { value: 'pi' } });
    await vi.advanceTimersByTimeAsync(199);
    expect(findAccounts).toHaveBeenCalledTimes(1); // still typing
    await vi.advanceTimersByTimeAsync(1);
    expect(findAccounts).toHaveBeenCalledTimes(2);
    expect(findAccounts).toHaveBeenLastCalledWith('pi', 20);
    vi.useRealTimers();

    await waitFor(() => expect(screen.queryByTestId('attach-option-7')).toBeNull());
    const piper = screen.getByTestId('attach-option-9');
    const raviga = screen.getByTestId('attach-option-11');
    expect(input).not.toHaveAttribute('aria-activedescendant');

    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input).toHaveAttribute('aria-activedescendant', piper.id);
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input).toHaveAttribute('aria-activedescendant', raviga.id);
    await fireEvent.keyDown(input, { key: 'ArrowDown' }); // stays on the last
    expect(input).toHaveAttribute('aria-activedescendant', raviga.id);
    await fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(input).toHaveAttribute('aria-activedescendant', piper.id);
    expect(screen.getByTestId('attach-confirm')).toBeDisabled();

    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(piper).toHaveAttribute('aria-selected', 'true');
    expect(raviga).toHaveAttribute('aria-selected', 'false');
    expect(screen.getByTestId('attach-confirm')).toBeEnabled();
    expect(onConfirm).not.toHaveBeenCalled(); // Enter chooses; it does not attach

    await fireEvent.click(screen.getByTestId('attach-confirm'));
    expect(onConfirm).toHaveBeenCalledWith(bachman, accounts[2]);
  });

  it('clears the choice when the search changes and says when nothing matches', async () => {
    renderDialog();
    const input = await screen.findByTestId('attach-search');
    await fireEvent.click(await screen.findByTestId('attach-option-7'));
    expect(screen.getByTestId('attach-confirm')).toBeEnabled();

    vi.useFakeTimers();
    vi.mocked(findAccounts).mockResolvedValue({ accounts: [] });
    await fireEvent.input(input, { target: { value: 'zzz' } });
    expect(screen.getByTestId('attach-confirm')).toBeDisabled();
    await vi.advanceTimersByTimeAsync(200);
    vi.useRealTimers();
    expect(await screen.findByTestId('attach-no-results')).toHaveTextContent('No account matches “zzz”.');
  });

  it('shows a busy confirm while the attach runs', async () => {
    let finish!: () => void;
    const onConfirm = vi.fn(() => new Promise<void>((res) => (finish = res)));
    const onClose = vi.fn();
    render(AttachDialog, { props: { target: bachman, onConfirm, onClose } });
    await fireEvent.click(await screen.findByTestId('attach-option-7'));
    await fireEvent.click(screen.getByTestId('attach-confirm'));
    expect(screen.getByTestId('attach-confirm')).toHaveTextContent('Attaching…');
    expect(screen.getByTestId('attach-confirm')).toBeDisabled();
    expect(screen.getByTestId('attach-cancel')).toBeDisabled();
    finish();
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });
});
