import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, within } from '@testing-library/svelte';
import '../customer/test-setup';
import IntegrationCard from './IntegrationCard.svelte';
import { NOW, availableStripe, posthog, stripe, syncFixture } from './test-fixtures';

const card = () => screen.getByTestId('integration-card-stripe');

describe('IntegrationCard', () => {
  it('shows a connected source: account, key, mode, sync state and actions', async () => {
    const onSyncNow = vi.fn();
    render(IntegrationCard, { integration: stripe(), now: NOW, onSyncNow });
    expect(screen.getByTestId('integration-status-stripe')).toHaveTextContent('Connected');
    expect(screen.getByTestId('key-mode-stripe')).toHaveTextContent('Test');
    expect(screen.getByTestId('account-stripe')).toHaveTextContent('Pied Piper, Inc.');
    expect(screen.getByTestId('key-kind-stripe')).toHaveTextContent('Restricted key');
    expect(within(card()).getByText('Contracts')).toBeInTheDocument();
    expect(screen.getByTestId('sync-status-stripe')).toHaveTextContent('Idle');
    expect(screen.getByTestId('last-success-stripe')).toHaveTextContent('18 minutes ago');
    expect(screen.getByTestId('next-run-stripe')).toHaveTextContent('in 12 min');
    expect(screen.getByTestId('rows-stripe')).toHaveTextContent(
      '12,345 items synced · holds 12,345 rows (1,000 accounts, 10,000 subscriptions, 1,300 invoices, 45 activity events)',
    );
    expect(screen.queryByTestId('last-error-stripe')).toBeNull();
    expect(screen.queryByTestId('base-url-stripe')).toBeNull();
    expect(screen.queryByTestId('sync-progress-stripe')).toBeNull();
    expect(screen.queryByTestId('connect-stripe')).toBeNull();
    expect(screen.getByTestId('replace-stripe')).toBeInTheDocument();
    expect(screen.getByTestId('disconnect-stripe')).toHaveAccessibleName('Disconnect Stripe');
    await fireEvent.click(screen.getByTestId('sync-now-stripe'));
    expect(onSyncNow).toHaveBeenCalled();
  });

  it('says when the key cannot read the account name, and shows a custom endpoint', () => {
    render(IntegrationCard, {
      integration: stripe({ account: '', keyMode: 'live', baseUrl: 'http://127.0.0.1:12111' }),
      now: NOW,
    });
    expect(screen.getByTestId('account-stripe')).toHaveTextContent('Account name not readable with this key');
    expect(screen.getByTestId('key-mode-stripe')).toHaveTextContent('Live');
    expect(screen.getByTestId('base-url-stripe')).toHaveTextContent('Using a custom endpoint: http://127.0.0.1:12111');
  });

  it('shows a failing source: the last error in plain words, the error count and the retry time', () => {
    const sync = syncFixture({
      status: 'failed',
      lastError: 'Stripe did not answer. Check the connection.',
      errorCount: 3,
      nextRunAt: new Date(NOW.getTime() + 4 * 60_000).toISOString(),
    });
    render(IntegrationCard, { integration: stripe({ sync }), now: NOW });
    expect(screen.getByTestId('sync-status-stripe')).toHaveTextContent('Last sync failed');
    const err = screen.getByTestId('last-error-stripe');
    expect(err).toHaveTextContent('Stripe did not answer. Check the connection.');
    expect(err).toHaveClass('text-red-700');
    expect(err).not.toHaveTextContent('Needs a new key');
    expect(screen.getByTestId('error-count-stripe')).toHaveTextContent('3 failed runs in a row');
    expect(screen.getByTestId('next-run-stripe')).toHaveTextContent('in 4 min');
  });

  it('shows a source waiting for a new key: no next run until it gets one', () => {
    const sync = syncFixture({ status: 'reconnect', lastError: 'Stripe refused the saved key.', errorCount: 1, nextRunAt: '' });
    render(IntegrationCard, { integration: stripe({ sync }), now: NOW });
    expect(screen.getByTestId('sync-status-stripe')).toHaveTextContent('Stopped: the key no longer works');
    expect(screen.getByTestId('last-error-stripe')).toHaveTextContent('Needs a new key. Stripe refused the saved key.');
    expect(screen.getByTestId('next-run-stripe')).toHaveTextContent('paused: waiting for a new key');
    expect(screen.getByTestId('replace-stripe')).toBeInTheDocument();
  });

  it('shows a run in progress with a determinate bar and Cancel', async () => {
    const onCancel = vi.fn();
    render(IntegrationCard, {
      integration: stripe(),
      now: NOW,
      running: true,
      progress: { phase: 'Fetching subscriptions…', done: 1200, total: 10_000, seq: 1 },
      onCancel,
    });
    expect(screen.getByTestId('sync-status-stripe')).toHaveTextContent('Syncing now');
    expect(screen.getByTestId('next-run-stripe')).toHaveTextContent('after this run');
    const line = screen.getByTestId('sync-progress-stripe');
    expect(line).toHaveTextContent('Fetching subscriptions…');
    expect(line).toHaveTextContent('1,200 of 10,000');
    const bar = within(line).getByRole('progressbar', { name: 'Stripe sync progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '1200');
    expect(bar).toHaveAttribute('aria-valuemax', '10000');
    expect(screen.queryByTestId('sync-now-stripe')).toBeNull();
    await fireEvent.click(screen.getByTestId('cancel-sync-stripe'));
    expect(onCancel).toHaveBeenCalled();
  });

  it('an unknown total gives an indeterminate bar', () => {
    render(IntegrationCard, { integration: stripe(), now: NOW, running: true, progress: null });
    const bar = screen.getByRole('progressbar');
    expect(bar).not.toHaveAttribute('aria-valuenow');
    expect(screen.getByTestId('sync-progress-stripe')).toHaveTextContent('Starting…');
  });

  it('offers Connect for an available source', async () => {
    const onConnect = vi.fn();
    render(IntegrationCard, { integration: availableStripe(), now: NOW, onConnect });
    expect(screen.getByTestId('integration-status-stripe')).toHaveTextContent('Available');
    expect(screen.queryByTestId('sync-block-stripe')).toBeNull();
    expect(screen.queryByTestId('disconnect-stripe')).toBeNull();
    await fireEvent.click(screen.getByTestId('connect-stripe'));
    expect(onConnect).toHaveBeenCalled();
  });

  it('shows a source this build cannot connect as "Coming later", with no Connect button', () => {
    render(IntegrationCard, { integration: posthog(), now: NOW });
    const c = screen.getByTestId('integration-card-posthog');
    expect(screen.getByTestId('integration-status-posthog')).toHaveTextContent('Coming later');
    expect(screen.getByTestId('planned-posthog')).toHaveTextContent('PostHog syncing arrives with Health on live data.');
    expect(within(c).queryAllByRole('button')).toHaveLength(0);
  });

  it('renders text from a source as text', () => {
    const evil = '<img src=x onerror=alert(1)>Evil Corp';
    render(IntegrationCard, { integration: stripe({ account: evil }), now: NOW });
    expect(screen.getByTestId('account-stripe')).toHaveTextContent(evil);
    expect(card().querySelector('img')).toBeNull();
  });
});
