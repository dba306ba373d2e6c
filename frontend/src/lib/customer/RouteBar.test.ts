import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import './test-setup';
import { ApiError } from '../api/core';

vi.mock('../api/workspace', () => ({ routeAccount: vi.fn(), undoRoute: vi.fn() }));

import { routeAccount, undoRoute } from '../api/workspace';
import RouteBar from './RouteBar.svelte';

const routed = {
  id: 11,
  from: 'health',
  fromLabel: 'Health',
  to: 'convert',
  toLabel: 'Convert',
  reason: 'On a trial, engaged',
  at: new Date(Date.now() - 2 * 3600_000).toISOString(),
  active: true,
};

beforeEach(() => vi.clearAllMocks());

function setup(from = 'health', route: typeof routed | null = null) {
  const onRouted = vi.fn();
  const onCleared = vi.fn();
  render(RouteBar, { accountId: 7, from, route, onRouted, onCleared });
  return { onRouted, onCleared };
}

describe('RouteBar', () => {
  it('disables the current section', () => {
    setup('health');
    expect(screen.getByTestId('route-to-health')).toBeDisabled();
    for (const id of ['convert', 'pipeline', 'contracts', 'reengage', 'loop']) {
      expect(screen.getByTestId(`route-to-${id}`)).toBeEnabled();
    }
  });

  it('routes with from / to / reason, then offers Undo which takes that route back', async () => {
    vi.mocked(routeAccount).mockResolvedValue(routed);
    vi.mocked(undoRoute).mockResolvedValue({ accountId: 7, route: undefined });
    const { onRouted, onCleared } = setup('health');

    await fireEvent.click(screen.getByTestId('route-to-convert'));
    const reason = screen.getByTestId('route-reason');
    expect(reason).toHaveAttribute('maxlength', '500');
    await fireEvent.input(reason, { target: { value: '  On a trial, engaged ' } });
    await fireEvent.click(screen.getByTestId('route-confirm'));

    expect(routeAccount).toHaveBeenCalledWith({ accountId: 7, from: 'health', to: 'convert', reason: 'On a trial, engaged' });
    expect(onRouted).toHaveBeenCalledWith(routed);
    const done = await screen.findByTestId('route-done');
    expect(done).toHaveTextContent('Routed to Convert · Undo');
    expect(screen.queryByTestId('route-reason')).toBeNull();

    await fireEvent.click(screen.getByTestId('route-undo'));
    expect(undoRoute).toHaveBeenCalledWith(routed.id);
    expect(onCleared).toHaveBeenCalledWith(null);
    expect(screen.queryByTestId('route-done')).toBeNull();
    expect(await screen.findByText('Route undone.')).toBeInTheDocument();
  });

  it('Cancel closes the popover without routing', async () => {
    setup('convert');
    await fireEvent.click(screen.getByTestId('route-to-health'));
    await fireEvent.click(screen.getByTestId('route-cancel'));
    expect(screen.queryByTestId('route-reason')).toBeNull();
    expect(routeAccount).not.toHaveBeenCalled();
  });

  it('shows the API error message', async () => {
    vi.mocked(routeAccount).mockRejectedValue(new ApiError('invalid', 'The account is already in Convert.'));
    const { onRouted } = setup('health');
    await fireEvent.click(screen.getByTestId('route-to-convert'));
    await fireEvent.click(screen.getByTestId('route-confirm'));
    expect(await screen.findByTestId('route-error')).toHaveTextContent('The account is already in Convert.');
    expect(onRouted).not.toHaveBeenCalled();
    expect(screen.getByTestId('route-reason')).toBeInTheDocument();
  });

  it('shows the active route with reason and age', () => {
    setup('health', routed);
    expect(screen.getByTestId('route-active')).toHaveTextContent(
      'Currently routed to Convert from Health — On a trial, engaged — 2 hours ago',
    );
  });
});
