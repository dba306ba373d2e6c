import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import '../customer/test-setup';
import { ApiError } from '../api/core';

vi.mock('../api/settings', () => ({ connectSource: vi.fn(), integrations: vi.fn() }));
vi.mock('../api/events', () => ({ onSyncProgress: vi.fn(), onSyncFinished: vi.fn(), onDataChanged: vi.fn() }));

import { connectSource, type ConnectDTO } from '../api/settings';
import { IntegrationsState } from '../state/integrations.svelte';
import { ToastState } from '../state/toasts.svelte';
import ConnectDialog from './ConnectDialog.svelte';
import { availableStripe, posthog, stripe } from './test-fixtures';
import { deferred } from '../testing/deferred';

beforeEach(() => vi.clearAllMocks());

function setup(target = availableStripe()) {
  const toasts = new ToastState();
  const state = new IntegrationsState({ toasts, reloadDelay: 60_000 });
  const onClose = vi.fn();
  render(ConnectDialog, {
    props: { target, onSubmit: (s: string, t: string, o: Record<string, string>) => state.connect(s, t, o), onClose },
  });
  return { state, toasts, onClose };
}

describe('ConnectDialog', () => {
  it('asks for the source key in a password field that is not remembered or spell-checked', async () => {
    setup();
    expect(await screen.findByRole('dialog', { name: 'Connect Stripe' })).toBeInTheDocument();
    const input = screen.getByLabelText('Secret or restricted key');
    expect(input).toBe(screen.getByTestId('token-input'));
    expect(input).toHaveAttribute('type', 'password');
    expect(input).toHaveAttribute('autocomplete', 'off');
    expect(input).toHaveAttribute('spellcheck', 'false');
    expect(screen.getByText('Stripe Dashboard → Developers → API keys.')).toBeInTheDocument();
  });

  it('shows a refusal inline, stays open, keeps the value and puts focus back in the field', async () => {
    const { onClose, toasts } = setup();
    const call = deferred<ConnectDTO>();
    vi.mocked(connectSource).mockReturnValue(call.promise);
    const input = (await screen.findByTestId('token-input')) as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'sk_test_revoked' } });
    await fireEvent.click(screen.getByTestId('connect-submit'));

    expect(connectSource).toHaveBeenCalledWith('stripe', 'sk_test_revoked', {});
    expect(screen.getByTestId('connect-submit')).toHaveTextContent('Checking the key…');
    expect(screen.getByTestId('connect-submit')).toBeDisabled();

    call.reject(new ApiError('unauthorized', 'Stripe refused this key: it is invalid or was revoked.'));
    const err = await screen.findByTestId('connect-error');
    expect(err).toHaveTextContent('Stripe refused this key: it is invalid or was revoked.');
    expect(err).toHaveAttribute('role', 'alert');
    expect(screen.getByTestId('connect-dialog')).toBeInTheDocument();
    expect(input.value).toBe('sk_test_revoked');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('connect-submit')).toHaveTextContent('Connect');
    await waitFor(() => expect(document.activeElement).toBe(input));
    expect(onClose).not.toHaveBeenCalled();
    expect(toasts.items).toEqual([]);
  });

  it('on success clears the field, closes and says whose account it opened', async () => {
    const { onClose, toasts } = setup();
    vi.mocked(connectSource).mockResolvedValue({ integration: stripe(), offerLive: true, syncing: true });
    const input = (await screen.findByTestId('token-input')) as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'rk_test_good' } });
    await fireEvent.click(screen.getByTestId('connect-submit'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(input.value).toBe('');
    expect(toasts.items[0].message).toBe('Stripe connected: Pied Piper, Inc. (test mode)');
  });

  it("asks for a source's other settings beside the key and sends them with it", async () => {
    setup({ ...posthog(), built: true, status: 'available' });
    const host = (await screen.findByLabelText('PostHog host')) as HTMLInputElement;
    expect(host).toHaveAttribute('placeholder', 'https://us.posthog.com');
    expect(host.list?.querySelectorAll('option')).toHaveLength(2);
    vi.mocked(connectSource).mockReturnValue(new Promise(() => {}));
    await fireEvent.input(screen.getByTestId('token-input'), { target: { value: 'phx_personal' } });
    await fireEvent.input(host, { target: { value: 'https://eu.posthog.com' } });
    await fireEvent.click(screen.getByTestId('connect-submit'));
    expect(connectSource).toHaveBeenCalledWith('posthog', 'phx_personal', { host: 'https://eu.posthog.com' });
  });
});
