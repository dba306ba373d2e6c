import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import { deferred } from '../testing/deferred';

const setOption = vi.fn();
vi.mock('./echarts', () => ({
  echarts: { init: vi.fn(() => ({ setOption, on: vi.fn(), resize: vi.fn(), dispose: vi.fn() })) },
}));

// jsdom has no ResizeObserver; the chart only needs one to exist.
vi.stubGlobal(
  'ResizeObserver',
  class {
    observe() {}
    disconnect() {}
  },
);

import RiskChart from './RiskChart.svelte';

const bars = [
  { level: 'critical', label: 'Critical', count: 8, arr: { amountMinor: 100, currency: 'USD' } },
  { level: 'at_risk', label: 'At risk', count: 26, arr: { amountMinor: 200, currency: 'USD' } },
  { level: 'healthy', label: 'Healthy', count: 84, arr: { amountMinor: 300, currency: 'USD' } },
];

describe('RiskChart', () => {
  it('shows placeholder bars until the chart library has loaded after the table, then draws', async () => {
    const table = deferred<void>();
    render(RiskChart, { byLevel: bars, afterTable: table.promise });
    expect(screen.getByTestId('health-chart-loading')).toBeInTheDocument();
    expect(setOption).not.toHaveBeenCalled();
    table.resolve();
    await waitFor(() => expect(screen.queryByTestId('health-chart-loading')).not.toBeInTheDocument());
    await waitFor(() => expect(setOption).toHaveBeenCalled());
    expect(screen.queryByTestId('health-chart-failed')).not.toBeInTheDocument();
  });

  it('says the chart could not be drawn when loading fails, instead of spinning forever', async () => {
    const table = deferred<void>();
    render(RiskChart, { byLevel: bars, afterTable: table.promise });
    table.reject(new Error('chunk failed'));
    expect(await screen.findByTestId('health-chart-failed')).toHaveTextContent('The chart could not be drawn');
    expect(screen.queryByTestId('health-chart-loading')).not.toBeInTheDocument();
  });
});
