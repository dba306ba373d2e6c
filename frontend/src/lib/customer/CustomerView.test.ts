import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within, fireEvent } from '@testing-library/svelte';
import './test-setup';

vi.mock('../api/customer', () => ({ getCustomer: vi.fn(), customerActivity: vi.fn(), customerHistory: vi.fn() }));
vi.mock('../api/workspace', () => ({ routeAccount: vi.fn(), undoRoute: vi.fn() }));
vi.mock('../api/health', () => ({ setTracked: vi.fn() }));
vi.mock('./echarts-lib', () => ({
  initChart: vi.fn(() => ({ setOption: vi.fn(), on: vi.fn(), resize: vi.fn(), dispose: vi.fn() })),
}));

import { customerActivity, customerHistory } from '../api/customer';
import { CustomerState } from './customer.svelte';
import CustomerView from './CustomerView.svelte';
import { XSS_NAME, activityFixture, customerFixture, historyFixture } from './test-fixtures';
import type { CustomerDTO } from './labels';

function stateWith(d: CustomerDTO): CustomerState {
  const s = new CustomerState({ domain: d.account.domain });
  s.data = d;
  return s;
}

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(customerActivity).mockImplementation(async (req) =>
    req.limit === 1 ? { items: [], total: 2, counts: { call: 2 } } : { items: activityFixture(8), total: 8, counts: { call: 8 } },
  );
  vi.mocked(customerHistory).mockResolvedValue({ points: historyFixture, cutoffs: { critical: 40, atRisk: 70 } });
});

describe('CustomerView', () => {
  it('renders the header, badges and score ring', () => {
    render(CustomerView, { customer: stateWith(customerFixture()), from: 'health', onBack: () => {} });
    expect(screen.getByTestId('customer-name')).toHaveTextContent('Hooli');
    expect(screen.getByTestId('customer-domain')).toHaveTextContent('hooli.com');
    expect(screen.getByText('gavin@hooli.com', { selector: 'dd' })).toBeInTheDocument();
    expect(screen.getByTestId('customer-level')).toHaveTextContent('At risk');
    expect(screen.getByTestId('customer-source-badge')).toHaveTextContent('Merged');
    expect(screen.getByTestId('customer-score')).toHaveTextContent('42');
    expect(screen.getByRole('img', { name: 'Health score 42 out of 100, At risk' })).toBeInTheDocument();
    expect(screen.getByTestId('back-button')).toHaveTextContent('Back to Health');
    expect(screen.queryByTestId('customer-untracked')).toBeNull();
  });

  it('shows Untracked and the no-billing badge', () => {
    const d = customerFixture({ sourceBadge: 'none' });
    d.account.tracked = false;
    render(CustomerView, { customer: stateWith(d), from: 'convert' });
    expect(screen.getByTestId('customer-untracked')).toHaveTextContent('Untracked');
    expect(screen.getByTestId('customer-source-badge')).toHaveTextContent('No billing source');
  });

  it('renders the four metric cards', () => {
    render(CustomerView, { customer: stateWith(customerFixture()), from: 'health' });
    const grid = screen.getByTestId('metrics-grid');
    const users = within(grid).getByTestId('metric-active-users');
    expect(users).toHaveTextContent('12 / 25');
    expect(users).toHaveTextContent('−14%');
    expect(within(users).getByTestId('usage-sparkline')).toBeInTheDocument();
    expect(within(grid).getByTestId('metric-contract-value')).toHaveTextContent('$28,800 ARR');
    expect(within(grid).getByTestId('metric-contract-value')).toHaveTextContent('$2,400 MRR');
    expect(within(grid).getByTestId('metric-renewal')).toHaveTextContent('60 days');
    expect(within(grid).getByTestId('payment-status')).toHaveTextContent('Past due');
    expect(within(grid).getByTestId('metric-renewal')).toHaveTextContent(/Billing\s*Past due/);
    expect(within(grid).getByTestId('metric-last-seen')).toHaveTextContent(/^Seen in the product /);
  });

  it('says since when an account with no users this week last had some, instead of "no trend"', () => {
    const d = customerFixture();
    d.usage = d.usage.map((p, i) => ({ ...p, activeUsers: i < 9 ? 10 : 0 }));
    d.metrics = { ...d.metrics, activeUsers: 0, trendPct: null as unknown as undefined };
    render(CustomerView, { customer: stateWith(d), from: 'health' });
    const users = screen.getByTestId('metric-active-users');
    expect(within(users).getByTestId('usage-note')).toHaveTextContent('No active users since the week of Feb 2, 2026');
    expect(users).not.toHaveTextContent('No weekly trend yet');
  });

  it('says which revenue sources are not counted in contract value, and why', () => {
    const d = customerFixture();
    const base = d.revenue[1];
    d.revenue = [
      { ...base, id: 10, status: 'canceled', uncounted: 'status' },
      { ...base, id: 11, status: 'trialing', uncounted: 'status' },
      { ...base, id: 12, status: 'active', uncounted: 'not_started', termStart: '2027-01-04T00:00:00Z' },
      { ...base, id: 13, source: 'stripe', uncounted: 'billed_by_contract', billedBy: 'SB-9' },
      { ...base, id: 14 },
    ];
    render(CustomerView, { customer: stateWith(d), from: 'health' });
    const notes = screen.getAllByTestId('revenue-uncounted').map((n) => n.textContent?.trim());
    expect(notes.sort()).toEqual([
      'A trial: counted in contract value once it converts',
      'Bills the Salesbricks contract SB-9: counted once, with the contract',
      'Canceled: not counted in contract value',
      'Starts Jan 4, 2027: counted in contract value from then',
    ]);
  });

  it('shows dashes with reasons when values are missing (null pointers)', () => {
    const d = customerFixture({ score: null as unknown as undefined, revenue: [] });
    d.metrics = {
      activeUsers: null as unknown as undefined,
      licensedUsers: 0,
      trendPct: null as unknown as undefined,
      arr: { amountMinor: 0, currency: '' },
      mrr: { amountMinor: 0, currency: '' },
      lastActivityAt: '',
      lastSeenAt: '',
      renewalAt: '',
      daysToRenewal: null as unknown as undefined,
      paymentStatus: '',
    };
    render(CustomerView, { customer: stateWith(d), from: 'health' });
    expect(screen.getByTestId('metric-active-users')).toHaveTextContent('— Not scored yet');
    expect(screen.getByTestId('metric-contract-value')).toHaveTextContent('No contract or subscription');
    expect(screen.getByTestId('metric-last-activity')).toHaveTextContent('No activity recorded');
    expect(screen.queryByTestId('metric-last-seen')).toBeNull();
    expect(screen.getByTestId('metric-renewal')).toHaveTextContent('No renewal date');
    expect(screen.getByTestId('customer-score')).toHaveTextContent('—');
    expect(screen.getByTestId('factor-breakdown')).toHaveTextContent('Not scored yet');
    expect(screen.getByTestId('revenue-sources')).toHaveTextContent('No contract or subscription');
  });

  it('renders revenue cards, invoices, enrichment, factors and context', async () => {
    render(CustomerView, { customer: stateWith(customerFixture()), from: 'health' });
    const cards = screen.getAllByTestId('revenue-card');
    expect(cards).toHaveLength(2);
    // past_due sorts first
    expect(cards[0]).toHaveTextContent('Compression add-on');
    expect(cards[0]).toHaveTextContent('Past due');
    expect(cards[0]).toHaveTextContent('Cancels at period end');
    expect(cards[1]).toHaveTextContent('Pied Piper Enterprise');
    expect(cards[1]).toHaveTextContent('$24,000/yr');
    expect(cards[1]).toHaveTextContent('Salesbricks · SB-9');
    expect(screen.queryByTestId('revenue-uncounted')).toBeNull();
    expect(screen.getByTestId('invoice-row')).toHaveTextContent('Your card was declined.');
    expect(screen.getByTestId('invoice-row')).toHaveAttribute('data-past-due', 'true');

    expect(screen.getByTestId('enrichment-panel')).toHaveTextContent('Matched on hooli.com in HubSpot');
    expect(screen.getByTestId('enrichment-panel')).toHaveTextContent('12,000');

    const rows = screen.getAllByTestId('factor-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('−18');
    expect(rows[0]).toHaveTextContent('Past-due invoice');
    expect(rows[0]).toHaveTextContent('in_123');
    expect(rows[2]).toHaveTextContent('+3');
    expect(screen.getByTestId('factor-missing')).toHaveTextContent(
      'Not scored: No contract or subscription (its weight is spread over the other inputs)',
    );

    const ctx = screen.getByTestId('account-context');
    expect(ctx).toHaveTextContent('Denpok');
    expect(ctx).toHaveTextContent('Hooli expansion');
    expect(ctx).toHaveTextContent('Built it in-house');

    const items = await screen.findAllByTestId('activity-item');
    expect(items).toHaveLength(8);
    expect(items[0]).toHaveTextContent('Event 0');
    expect(items[0]).toHaveTextContent('Summary of call 0');
    expect(items[0]).toHaveTextContent('Jared Dunn · BuildBetter');
    expect(items[1]).toHaveTextContent('Feature request');
    expect(screen.getByTestId('activity-feed')).toHaveTextContent('Sun, Mar 1, 2026');
    expect(screen.getByTestId('activity-feed')).toHaveTextContent('8 events, newest first');
    expect(ctx).toHaveTextContent('Gavin Belson · CEO');
    expect(await screen.findByTestId('history-changes')).toHaveTextContent('Past-due invoice');
  });

  it('renders a hostile account name as text', async () => {
    const d = customerFixture();
    d.account.name = XSS_NAME;
    d.account.owner = '<b>Owner</b>';
    vi.mocked(customerActivity).mockResolvedValue({ items: [{ ...activityFixture(1)[0], title: XSS_NAME, body: '<script>x()</script>' }], total: 1, counts: {} });
    const { container } = render(CustomerView, { customer: stateWith(d), from: 'health' });
    expect(screen.getByTestId('customer-name').textContent?.trim()).toBe(XSS_NAME);
    expect(await screen.findByText('1 event, newest first')).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(document.querySelector('img, script')).toBeNull();
  });

  it('disables the chat bar and says why, with no answer', () => {
    render(CustomerView, { customer: stateWith(customerFixture()), from: 'health' });
    const bar = screen.getByTestId('chat-bar');
    expect(bar).toHaveTextContent('Account chat needs a language model, and none is connected yet.');
    expect(within(bar).getByTestId('chat-input')).toBeDisabled();
    const chips = within(bar).getAllByRole('button');
    expect(chips.length).toBeGreaterThanOrEqual(4);
    chips.forEach((b) => expect(b).toBeDisabled());
    expect(bar).toHaveTextContent('Why is this account critical?');
  });

  it('filters activity by kind and hides empty optional kinds', async () => {
    render(CustomerView, { customer: stateWith(customerFixture()), from: 'health' });
    await screen.findAllByTestId('activity-item');
    expect(screen.queryByTestId('activity-filter-email')).toBeNull();
    await fireEvent.click(screen.getByTestId('activity-filter-call'));
    expect(customerActivity).toHaveBeenLastCalledWith({ accountId: 7, kinds: ['call'], offset: 0, limit: 30 });
  });
});
