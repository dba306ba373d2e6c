import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import './test-setup';

vi.mock('../api/customer', () => ({ getCustomer: vi.fn(), customerActivity: vi.fn(), customerHistory: vi.fn() }));
vi.mock('../api/workspace', () => ({ routeAccount: vi.fn(), undoRoute: vi.fn() }));
vi.mock('../api/health', () => ({ setTracked: vi.fn() }));
vi.mock('./echarts-lib', () => ({
  initChart: vi.fn(() => ({ setOption: vi.fn(), on: vi.fn(), resize: vi.fn(), dispose: vi.fn() })),
}));

import { getCustomer, customerActivity, customerHistory } from '../api/customer';
import CustomerSheet from './CustomerSheet.svelte';
import { customerFixture } from './test-fixtures';

beforeEach(() => {
  vi.clearAllMocks();
  const d = customerFixture();
  d.account.domain = '';
  vi.mocked(getCustomer).mockResolvedValue(d);
  vi.mocked(customerActivity).mockResolvedValue({ items: [], total: 0, counts: {} });
  vi.mocked(customerHistory).mockResolvedValue({ points: [], cutoffs: { critical: 40, atRisk: 70 } });
});

describe('CustomerSheet', () => {
  it('loads by account id and hides the CRM enrichment panel', async () => {
    render(CustomerSheet, { accountId: 7, from: 'health', onClose: () => {} });
    expect(await screen.findByTestId('customer-name')).toHaveTextContent('Hooli');
    expect(getCustomer).toHaveBeenCalledWith({ accountId: 7 });
    expect(screen.getByTestId('customer-sheet')).toHaveAttribute('role', 'dialog');
    expect(screen.queryByTestId('enrichment-panel')).toBeNull();
    expect(screen.getByTestId('enrichment-unavailable')).toHaveTextContent(
      'No company domain: CRM enrichment needs a domain match',
    );
    expect(screen.getByTestId('customer-domain')).toHaveTextContent('No company domain');
    expect(screen.getByTestId('revenue-sources')).toBeInTheDocument();
    expect(screen.getByTestId('factor-breakdown')).toBeInTheDocument();
    expect(screen.getByTestId('route-bar')).toBeInTheDocument();
    expect(await screen.findByText('No activity yet')).toBeInTheDocument();
  });

  it('closes on Esc and on the close button', async () => {
    const onClose = vi.fn();
    render(CustomerSheet, { accountId: 7, from: 'health', onClose });
    await screen.findByTestId('customer-name');
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    await fireEvent.click(screen.getByTestId('sheet-close'));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('traps focus inside the sheet', async () => {
    render(CustomerSheet, { accountId: 7, from: 'health', onClose: () => {} });
    await screen.findByTestId('customer-name');
    const close = screen.getByTestId('sheet-close');
    expect(document.activeElement).toBe(close);
    // Shift+Tab from the first focusable wraps to the last one inside the sheet.
    await fireEvent.keyDown(window, { key: 'Tab', shiftKey: true });
    const sheet = screen.getByTestId('customer-sheet');
    expect(sheet.contains(document.activeElement)).toBe(true);
    expect(document.activeElement).not.toBe(close);
    // Tab from the last wraps to the first.
    await fireEvent.keyDown(window, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
  });

  it('Esc inside the route popover closes only the popover', async () => {
    const onClose = vi.fn();
    render(CustomerSheet, { accountId: 7, from: 'health', onClose });
    await screen.findByTestId('customer-name');
    await fireEvent.click(screen.getByTestId('route-to-convert'));
    await fireEvent.keyDown(screen.getByTestId('route-reason'), { key: 'Escape' });
    expect(screen.queryByTestId('route-reason')).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
  });
});
