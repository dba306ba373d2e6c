import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import './test-setup';

vi.mock('../api/customer', () => ({ getCustomer: vi.fn(), customerActivity: vi.fn(), customerHistory: vi.fn() }));

type ClickHandler = (p: { dataIndex?: number }) => void;
const fake = vi.hoisted(() => ({
  setOption: vi.fn(),
  on: vi.fn(),
  resize: vi.fn(),
  dispose: vi.fn(),
}));
vi.mock('./echarts-lib', () => ({ initChart: vi.fn(() => fake) }));

import { customerHistory } from '../api/customer';
import ScoreHistory from './ScoreHistory.svelte';
import { historyFixture } from './test-fixtures';

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(customerHistory).mockResolvedValue({ points: historyFixture, cutoffs: { critical: 40, atRisk: 70 } });
});

describe('ScoreHistory', () => {
  it('draws the chart and explains the latest snapshot', async () => {
    render(ScoreHistory, { accountId: 7 });
    const box = await screen.findByTestId('history-changes');
    expect(customerHistory).toHaveBeenCalledWith(7);
    expect(box).toHaveTextContent('62 → 42 (−20), At risk');
    const lines = screen.getAllByTestId('history-change');
    expect(lines[0]).toHaveTextContent('Past-due invoice 0 → −18 new');
    expect(lines[1]).toHaveTextContent('Recent praise +3 → 0 resolved');
    await waitFor(() => expect(fake.setOption).toHaveBeenCalled());
  });

  it('clicking a chart point shows what changed at that snapshot', async () => {
    render(ScoreHistory, { accountId: 7 });
    await waitFor(() => expect(fake.on).toHaveBeenCalledWith('click', expect.any(Function)));
    const click = fake.on.mock.calls[0][1] as ClickHandler;
    click({ dataIndex: 1 });
    await waitFor(() => expect(screen.getAllByTestId('history-change')).toHaveLength(1));
    expect(screen.getByTestId('history-change')).toHaveTextContent('Usage dropped 0 → −12 new');
  });

  it('selecting the first snapshot from the list says there is nothing to compare', async () => {
    render(ScoreHistory, { accountId: 7 });
    const select = await screen.findByTestId('history-select');
    await fireEvent.change(select, { target: { value: '0' } });
    expect(screen.getByTestId('history-changes')).toHaveTextContent('The first snapshot: nothing to compare with.');
  });

  it('shows an empty state with no snapshots', async () => {
    vi.mocked(customerHistory).mockResolvedValue({ points: [], cutoffs: { critical: 40, atRisk: 70 } });
    render(ScoreHistory, { accountId: 7 });
    expect(await screen.findByText('No score history yet')).toBeInTheDocument();
  });
});
