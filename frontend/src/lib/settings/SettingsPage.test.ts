import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/svelte';
import '../customer/test-setup';
import { ApiError } from '../api/core';

vi.mock('../api/settings', () => ({
  integrations: vi.fn(),
  connectSource: vi.fn(),
  setMode: vi.fn(),
  syncNow: vi.fn(),
  setSyncInterval: vi.fn(),
  reporting: vi.fn(() => new Promise(() => {})),
}));
vi.mock('../api/workspace', () => ({ workspaceInfo: vi.fn(() => new Promise(() => {})) }));

import { connectSource, integrations, setMode, setSyncInterval, syncNow } from '../api/settings';
import { AppState } from '../state/app.svelte';
import SettingsPage from './SettingsPage.svelte';
import { pageFixture, posthog, stripe } from './test-fixtures';

function renderPage() {
  const app = new AppState();
  render(SettingsPage, { context: new Map([[Symbol.for('success-desk.app'), app]]) });
  return app;
}

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(integrations).mockResolvedValue(pageFixture());
});

describe('SettingsPage', () => {
  it('shows skeleton cards, then a card per source, the schedule and section readiness', async () => {
    renderPage();
    expect(screen.getAllByTestId('integration-card-skeleton').length).toBeGreaterThan(0);
    expect(await screen.findByTestId('integration-card-stripe')).toBeInTheDocument();
    expect(screen.getByTestId('integration-card-posthog')).toBeInTheDocument();
    expect(screen.getByTestId('sync-interval')).toHaveValue('30');
    expect(screen.getByTestId('sync-all')).toBeDisabled(); // nothing connected
    const health = screen.getByTestId('readiness-health');
    expect(health).toHaveTextContent('Not connected');
    expect(health).toHaveTextContent('Needs Salesbricks, Stripe');
  });

  it('shows an error with Retry when the page cannot load', async () => {
    vi.mocked(integrations).mockRejectedValueOnce(new ApiError('unavailable', 'The live book is locked.'));
    renderPage();
    expect(await screen.findByText('The live book is locked.')).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId('retry-button'));
    expect(await screen.findByTestId('integration-card-stripe')).toBeInTheDocument();
  });

  it('connects from a card, then offers the live book', async () => {
    renderPage();
    await fireEvent.click(await screen.findByTestId('connect-stripe'));
    const dialog = await screen.findByRole('dialog', { name: 'Connect Stripe' });
    vi.mocked(connectSource).mockResolvedValue({ integration: stripe(), offerLive: true, syncing: false });
    await fireEvent.input(within(dialog).getByTestId('token-input'), { target: { value: 'rk_test_1' } });
    await fireEvent.click(within(dialog).getByTestId('connect-submit'));
    const offer = await screen.findByTestId('live-offer');
    expect(offer).toHaveTextContent('Your live book is ready to fill. Switch to live data?');
    await waitFor(() => expect(screen.queryByTestId('connect-dialog')).toBeNull());

    vi.mocked(setMode).mockResolvedValue({ mode: 'live' });
    await fireEvent.click(screen.getByTestId('switch-live'));
    expect(setMode).toHaveBeenCalledWith('live');
  });

  it('changes the schedule and syncs every connected source', async () => {
    vi.mocked(integrations).mockResolvedValue(pageFixture({ integrations: [stripe(), posthog()], anyConnected: true }));
    vi.mocked(setSyncInterval).mockResolvedValue({ minutes: 120 });
    vi.mocked(syncNow).mockResolvedValue({ started: true });
    renderPage();
    const select = await screen.findByTestId('sync-interval');
    await fireEvent.change(select, { target: { value: '120' } });
    expect(setSyncInterval).toHaveBeenCalledWith(120);
    await fireEvent.click(screen.getByTestId('sync-all'));
    expect(syncNow).toHaveBeenCalledWith([]);
    expect(await screen.findByTestId('sync-progress-stripe')).toBeInTheDocument();
    expect(screen.getByTestId('cancel-sync-stripe')).toBeInTheDocument();
  });
});
