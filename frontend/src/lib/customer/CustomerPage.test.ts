import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import './test-setup';
import { ApiError } from '../api/core';

vi.mock('../api/customer', () => ({ getCustomer: vi.fn(), customerActivity: vi.fn(), customerHistory: vi.fn() }));
vi.mock('../api/workspace', () => ({ routeAccount: vi.fn(), undoRoute: vi.fn() }));
vi.mock('../api/health', () => ({ setTracked: vi.fn() }));
vi.mock('./echarts-lib', () => ({
  initChart: vi.fn(() => ({ setOption: vi.fn(), on: vi.fn(), resize: vi.fn(), dispose: vi.fn() })),
}));

import { getCustomer, customerActivity, customerHistory } from '../api/customer';
import { routeAccount } from '../api/workspace';
import CustomerPage from './CustomerPage.svelte';
import { customerFixture } from './test-fixtures';

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(customerActivity).mockResolvedValue({ items: [], total: 0, counts: {} });
  vi.mocked(customerHistory).mockResolvedValue({ points: [], cutoffs: { critical: 40, atRisk: 70 } });
});

describe('CustomerPage', () => {
  it('shows a skeleton, then the account', async () => {
    vi.mocked(getCustomer).mockResolvedValue(customerFixture());
    render(CustomerPage, { domain: 'hooli.com', from: 'pipeline', onBack: () => {} });
    expect(screen.getByTestId('customer-loading')).toBeInTheDocument();
    expect(await screen.findByTestId('customer-name')).toHaveTextContent('Hooli');
    expect(getCustomer).toHaveBeenCalledWith({ domain: 'hooli.com' });
    expect(screen.getByTestId('customer-page')).toBeInTheDocument();
    expect(screen.getByTestId('back-button')).toHaveTextContent('Back to Pipeline');
    expect(screen.getByTestId('route-to-pipeline')).toBeDisabled();
    expect(screen.getByTestId('enrichment-panel')).toBeInTheDocument();
    expect(await screen.findByText('No score history yet')).toBeInTheDocument();
  });

  it('says which domain has no account, with Back and no Retry', async () => {
    vi.mocked(getCustomer).mockRejectedValue(new ApiError('not_found', 'The account was not found.'));
    const onBack = vi.fn();
    render(CustomerPage, { domain: 'nope.io', from: 'health', onBack });
    expect(await screen.findByText('No account uses the domain nope.io')).toBeInTheDocument();
    expect(screen.queryByTestId('customer-retry')).toBeNull();
    await fireEvent.click(screen.getByTestId('error-back'));
    expect(onBack).toHaveBeenCalled();
  });

  it('goes back on Escape or Alt+Left, but not while typing or while a menu is open', async () => {
    vi.mocked(getCustomer).mockResolvedValue(customerFixture());
    const onBack = vi.fn();
    render(CustomerPage, { domain: 'hooli.com', from: 'health', onBack });
    await screen.findByTestId('customer-name');
    await fireEvent.keyDown(screen.getByPlaceholderText(/Ask about this account/), { key: 'Escape' });
    expect(onBack).not.toHaveBeenCalled();
    const menu = document.createElement('div');
    menu.setAttribute('role', 'menu');
    document.body.append(menu);
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onBack).not.toHaveBeenCalled();
    menu.remove();
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onBack).toHaveBeenCalledTimes(1);
    await fireEvent.keyDown(document.body, { key: 'ArrowLeft', altKey: true });
    expect(onBack).toHaveBeenCalledTimes(2);
    await fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    expect(onBack).toHaveBeenCalledTimes(2);
  });

  it('offers Retry on other errors', async () => {
    vi.mocked(getCustomer).mockRejectedValueOnce(new ApiError('unavailable', 'Database is busy.'));
    vi.mocked(getCustomer).mockResolvedValueOnce(customerFixture());
    render(CustomerPage, { domain: 'hooli.com', from: 'health', onBack: () => {} });
    expect(await screen.findByText('Database is busy.')).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId('customer-retry'));
    expect(await screen.findByTestId('customer-name')).toHaveTextContent('Hooli');
  });

  it('shows the new active route after routing from the page', async () => {
    vi.mocked(getCustomer).mockResolvedValue(customerFixture());
    vi.mocked(routeAccount).mockResolvedValue({
      id: 3,
      from: 'health',
      fromLabel: 'Health',
      to: 'reengage',
      toLabel: 'Re-engage',
      reason: '',
      at: new Date().toISOString(),
      active: true,
    });
    render(CustomerPage, { domain: 'hooli.com', from: 'health', onBack: () => {} });
    await screen.findByTestId('customer-name');
    await fireEvent.click(screen.getByTestId('route-to-reengage'));
    await fireEvent.click(screen.getByTestId('route-confirm'));
    expect(await screen.findByTestId('route-active')).toHaveTextContent('Currently routed to Re-engage from Health');
    expect(screen.getByTestId('route-history')).toHaveTextContent('Health → Re-engage');
  });
});
