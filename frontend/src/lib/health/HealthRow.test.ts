import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import HealthRow from './HealthRow.svelte';
import type { HealthRowDTO } from '../api/health';

const evil = '<img src=x onerror=alert(1)><script>alert("pwned")</script> Holdings';

function row(over: Partial<HealthRowDTO> = {}): HealthRowDTO {
  return {
    accountId: 42,
    domain: 'evil-holdings.example',
    name: evil,
    primaryEmail: 'cfo@evil-holdings.example',
    tracked: true,
    score: 31,
    level: 'critical',
    activeUsers: 12,
    licensedUsers: 25,
    arr: { amountMinor: 4_800_000, currency: 'USD' },
    arrBase: { amountMinor: 4_800_000, currency: 'USD' },
    renewalAt: '2026-02-01T00:00:00Z',
    daysToRenewal: 5,
    paymentStatus: 'past_due',
    factors: [
      {
        code: 'x',
        category: 'payment',
        label: '<b>Past-due</b> invoice',
        points: -15,
        detail: '<img src=x onerror=alert(2)>',
        evidence: [],
      },
    ],
    missing: [],
    flags: [],
    routed: { routeId: 1, from: 'convert', fromLabel: 'Convert', reason: '<script>alert(3)</script> reason', at: '' },
    ...over,
  };
}

const noop = () => {};

describe('HealthRow', () => {
  it('renders a name holding markup as literal text, creating no elements from it', async () => {
    const alert = vi.spyOn(window, 'alert').mockImplementation(() => {});
    const { container } = render(HealthRow, { row: row(), index: 0, onOpen: noop, onRoute: noop, onToggleTracked: noop });

    expect(screen.getByTestId('account-name').textContent).toBe(evil);
    expect(screen.getByTestId('routed-reason')).toHaveTextContent('<script>alert(3)</script> reason');
    expect(screen.getByTestId('factor-chip')).toHaveTextContent('<b>Past-due</b> invoice');
    await fireEvent.focus(screen.getByTestId('factor-chips'));
    expect((await screen.findByRole('tooltip')).textContent).toContain('<img src=x onerror=alert(2)>');

    expect(document.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(document.body.querySelector('b')).toBeNull();
    expect(alert).not.toHaveBeenCalled();
    alert.mockRestore();
  });

  it('renders the columns: score, users, ARR, renewal, badges', () => {
    render(HealthRow, {
      row: row({ name: 'Hooli', tracked: false }),
      index: 3,
      onOpen: noop,
      onRoute: noop,
      onToggleTracked: noop,
    });
    const el = screen.getByTestId('health-row');
    expect(el).toHaveAttribute('data-level', 'critical');
    expect(el).toHaveAttribute('data-account-id', '42');
    expect(screen.getByTestId('score')).toHaveTextContent('31');
    expect(screen.getByTestId('level-badge')).toHaveTextContent('Critical');
    expect(screen.getByTestId('cell-users')).toHaveTextContent('12 / 25');
    expect(screen.getByTestId('cell-arr')).toHaveTextContent('$48,000');
    expect(screen.getByTestId('cell-renewal')).toHaveTextContent('5 days');
    expect(screen.getByTestId('cell-renewal').className).toContain('text-red-600');
    expect(screen.getByTestId('routed-badge')).toHaveTextContent('Routed from Convert');
    expect(screen.getByTestId('untracked-badge')).toHaveTextContent('Untracked');
  });

  it('shows "—" for unknown usage, "12 / —" without a seat count, "No domain", and "N days ago"', () => {
    const { unmount } = render(HealthRow, {
      row: row({ activeUsers: null as unknown as undefined, domain: '', daysToRenewal: -3, routed: undefined }),
      index: 0,
      onOpen: noop,
      onRoute: noop,
      onToggleTracked: noop,
    });
    expect(screen.getByTestId('cell-users')).toHaveTextContent('—');
    expect(screen.getByTestId('account-domain')).toHaveTextContent('No domain');
    expect(screen.getByTestId('cell-renewal')).toHaveTextContent('3 days ago');
    expect(screen.queryByTestId('routed-badge')).toBeNull();
    unmount();
    render(HealthRow, {
      row: row({ licensedUsers: 0, daysToRenewal: 20 }),
      index: 0,
      onOpen: noop,
      onRoute: noop,
      onToggleTracked: noop,
    });
    expect(screen.getByTestId('cell-users')).toHaveTextContent('12 / —');
    expect(screen.getByTestId('cell-renewal').className).toContain('text-amber-600');
  });

  it('opens the account on click', async () => {
    const onOpen = vi.fn();
    render(HealthRow, { row: row(), index: 0, onOpen, onRoute: noop, onToggleTracked: noop });
    await fireEvent.click(screen.getByTestId('account-name'));
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  it('flags a score whose source is stale or failing, and nothing otherwise', () => {
    const { unmount } = render(HealthRow, { row: row(), index: 0, onOpen: noop, onRoute: noop, onToggleTracked: noop });
    expect(screen.queryByTestId('row-flag')).toBeNull();
    unmount();
    const detail = 'Stripe last synced 3 days ago.';
    render(HealthRow, {
      row: row({ flags: [{ category: 'payment', source: 'stripe', state: 'stale', detail }] }),
      index: 0,
      onOpen: noop,
      onRoute: noop,
      onToggleTracked: noop,
    });
    const flag = screen.getByTestId('row-flag');
    expect(flag).toHaveAttribute('data-state', 'stale');
    expect(flag).toHaveAccessibleName(`Read with care: ${detail}`);
  });
});
