import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import '../customer/test-setup';

vi.mock('../api/settings', () => ({ disconnectPreview: vi.fn(), disconnectSource: vi.fn(), integrations: vi.fn() }));
vi.mock('../api/events', () => ({ onSyncProgress: vi.fn(), onSyncFinished: vi.fn(), onDataChanged: vi.fn() }));

import { disconnectPreview, disconnectSource } from '../api/settings';
import { IntegrationsState } from '../state/integrations.svelte';
import { ToastState } from '../state/toasts.svelte';
import DisconnectDialog from './DisconnectDialog.svelte';
import { noRows, pageFixture, stripe, stripeRows } from './test-fixtures';

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(disconnectPreview).mockResolvedValue(stripeRows);
});

function setup() {
  const toasts = new ToastState();
  const state = new IntegrationsState({ toasts, reloadDelay: 60_000 });
  state.data = pageFixture({ integrations: [stripe()], anyConnected: true });
  const onClose = vi.fn();
  render(DisconnectDialog, {
    props: {
      target: stripe(),
      preview: (s: string) => state.previewDisconnect(s),
      onConfirm: (s: string, remove: boolean) => state.disconnect(s, remove),
      onClose,
    },
  });
  return { toasts, onClose };
}

describe('DisconnectDialog', () => {
  it('counts what the source synced and offers to delete exactly that', async () => {
    setup();
    expect(disconnectPreview).toHaveBeenCalledWith('stripe');
    expect(await screen.findByTestId('disconnect-text')).toHaveTextContent(
      "Disconnecting removes the Stripe key from this computer's keyring.",
    );
    expect(await screen.findByTestId('remove-data-label')).toHaveTextContent(
      'Also delete the 12,345 rows Stripe synced (1,000 accounts, 10,000 subscriptions, 1,300 invoices, 45 activity events)',
    );
    expect(screen.getByTestId('remove-data')).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /Also delete the 12,345 rows/ })).toBe(screen.getByTestId('remove-data'));
  });

  it('disconnects with the data by default and says what was removed', async () => {
    const { toasts, onClose } = setup();
    vi.mocked(disconnectSource).mockResolvedValue({ source: 'stripe', removed: stripeRows });
    await screen.findByTestId('remove-data');
    await fireEvent.click(screen.getByTestId('disconnect-confirm'));
    expect(disconnectSource).toHaveBeenCalledWith('stripe', true);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(toasts.items[0].message).toBe('Stripe disconnected: its key and 12,345 synced rows are removed.');
  });

  it('keeps the data when the box is cleared', async () => {
    const { toasts } = setup();
    vi.mocked(disconnectSource).mockResolvedValue({ source: 'stripe', removed: noRows });
    await fireEvent.click(await screen.findByTestId('remove-data'));
    await fireEvent.click(screen.getByTestId('disconnect-confirm'));
    expect(disconnectSource).toHaveBeenCalledWith('stripe', false);
    await waitFor(() => expect(toasts.items).toHaveLength(1));
    expect(toasts.items[0].message).toContain('The synced data stays.');
  });
});
