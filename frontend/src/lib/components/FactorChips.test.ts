import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import FactorChips from './FactorChips.svelte';
import type { FactorDTO } from './factorTypes';

const f = (code: string, category: string, label: string, points: number, detail = ''): FactorDTO => ({
  code,
  category,
  label,
  points,
  detail,
  evidence: [],
});

const factors = [
  f('past_due', 'payment', 'Past-due invoice', -15, 'Invoice in_204 is 12 days past due'),
  f('low_adoption', 'adoption', 'Low product adoption', -8, '9 of 25 seats active (36%)'),
  f('renewal_30', 'renewal', 'Renewal within 30 days', -5, 'Contract ends Dec 12'),
  f('promoter', 'signals', 'Promoter NPS', 5, 'NPS 9 from the champion'),
];

describe('FactorChips', () => {
  it('shows two factors inline and "+N more"', () => {
    render(FactorChips, { factors, uid: 1 });
    const chips = screen.getAllByTestId('factor-chip');
    expect(chips).toHaveLength(2);
    expect(chips[0]).toHaveTextContent('−15 Past-due invoice');
    expect(chips[1]).toHaveTextContent('−8 Low product adoption');
    expect(chips.map((c) => [c.dataset.code, c.dataset.category])).toEqual([
      ['past_due', 'payment'],
      ['low_adoption', 'adoption'],
    ]);
    expect(screen.getByTestId('factor-more')).toHaveTextContent('+2 more');
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('lists every factor with points and detail, and missing inputs, on focus', async () => {
    render(FactorChips, {
      factors,
      missing: [{ category: 'adoption', reason: 'No usage data' }],
      uid: 7,
    });
    const trigger = screen.getByTestId('factor-chips');
    await fireEvent.focus(trigger);
    const tip = await screen.findByRole('tooltip');
    expect(trigger).toHaveAttribute('aria-describedby', tip.id);
    const items = within(tip).getAllByTestId('factor-tooltip-item');
    expect(items).toHaveLength(4);
    expect(items[0]).toHaveTextContent('−15');
    expect(items[0]).toHaveTextContent('Past-due invoice');
    expect(items[0]).toHaveTextContent('Invoice in_204 is 12 days past due');
    expect(items[3]).toHaveTextContent('+5');
    expect(items[3]).toHaveTextContent('Promoter NPS');
    expect(within(tip).getByTestId('factor-tooltip-missing')).toHaveTextContent('No usage data');

    await fireEvent.blur(trigger);
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('opens on hover too, and closes with Escape', async () => {
    render(FactorChips, { factors, uid: 8 });
    const trigger = screen.getByTestId('factor-chips');
    await fireEvent.mouseEnter(trigger);
    expect(await screen.findByRole('tooltip', {}, { timeout: 1000 })).toBeInTheDocument();
    await fireEvent.keyDown(trigger, { key: 'Escape' });
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('with no factors says so, and shows a missing input instead', () => {
    const { unmount } = render(FactorChips, { factors: [], uid: 2 });
    expect(screen.getByTestId('factor-chips')).toHaveTextContent('No risk factors');
    unmount();
    render(FactorChips, { factors: [], missing: [{ category: 'adoption', reason: 'No usage data' }], uid: 3 });
    expect(screen.getByTestId('factor-chips')).toHaveTextContent('No usage data');
    expect(screen.queryByTestId('factor-more')).toBeNull();
  });
});
