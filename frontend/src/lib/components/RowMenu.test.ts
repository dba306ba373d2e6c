import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import RowMenu from './RowMenu.svelte';
import RowMenuCell from './RowMenuCell.svelte';

const noop = () => {};

describe('RowMenu', () => {
  it('opens the account and routes to every section but its own', async () => {
    const onOpenAccount = vi.fn();
    const onRoute = vi.fn();
    render(RowMenu, { name: 'Hooli', from: 'convert', open: true, onOpenAccount, onRoute });
    const menu = await screen.findByTestId('row-menu');
    expect(screen.getByTestId('row-menu-button')).toHaveAttribute('aria-label', 'Actions for Hooli');
    expect(menu).toHaveTextContent('Route to…');
    expect(screen.queryByTestId('row-menu-route-convert')).toBeNull();
    expect(screen.getByTestId('row-menu-route-health')).toBeInTheDocument();

    await fireEvent.click(screen.getByTestId('row-menu-route-contracts'));
    expect(onRoute).toHaveBeenCalledWith('contracts');
    expect(onOpenAccount).not.toHaveBeenCalled();
  });

  it('calls onOpenAccount from "Open account"', async () => {
    const onOpenAccount = vi.fn();
    render(RowMenu, { name: 'Hooli', from: 'health', open: true, onOpenAccount, onRoute: noop });
    await fireEvent.click(await screen.findByTestId('row-menu-open'));
    expect(onOpenAccount).toHaveBeenCalledOnce();
  });

  it('has no Clear route or Untrack item unless the page handles them', async () => {
    render(RowMenu, { name: 'Hooli', from: 'contracts', routed: true, open: true, onOpenAccount: noop, onRoute: noop });
    await screen.findByTestId('row-menu');
    expect(screen.queryByTestId('row-menu-clear-route')).toBeNull();
    expect(screen.queryByTestId('row-menu-untrack')).toBeNull();
    expect(screen.queryByTestId('row-menu-track')).toBeNull();
  });

  it('enables Clear route for a routed row and calls its handler', async () => {
    const onClearRoute = vi.fn();
    render(RowMenu, { name: 'Hooli', from: 'contracts', routed: true, open: true, onOpenAccount: noop, onRoute: noop, onClearRoute });
    const clear = await screen.findByTestId('row-menu-clear-route');
    expect(clear).not.toHaveAttribute('data-disabled');
    expect(clear).not.toHaveAttribute('title');
    await fireEvent.click(clear);
    expect(onClearRoute).toHaveBeenCalledOnce();
  });

  it('disables Clear route for a row that was not routed here', async () => {
    const onClearRoute = vi.fn();
    render(RowMenu, { name: 'Hooli', from: 'convert', routed: false, open: true, onOpenAccount: noop, onRoute: noop, onClearRoute });
    const clear = await screen.findByTestId('row-menu-clear-route');
    expect(clear).toHaveAttribute('data-disabled');
    expect(clear).toHaveAttribute('aria-disabled', 'true');
    expect(clear).toHaveAttribute('title', 'Not routed here');
    await fireEvent.click(clear);
    expect(onClearRoute).not.toHaveBeenCalled();
  });

  it('offers Untrack for a tracked row and Track again for an untracked one', async () => {
    const onToggleTracked = vi.fn();
    const { rerender } = render(RowMenu, {
      name: 'Hooli',
      from: 'health',
      tracked: true,
      open: true,
      onOpenAccount: noop,
      onRoute: noop,
      onToggleTracked,
    });
    await fireEvent.click(await screen.findByTestId('row-menu-untrack'));
    expect(onToggleTracked).toHaveBeenCalledOnce();

    await rerender({ tracked: false, open: true });
    expect(await screen.findByTestId('row-menu-track')).toHaveTextContent('Track again');
  });
});

describe('RowMenuCell', () => {
  it('shows a plain stand-in until clicked, then activates the row and opens the real menu', async () => {
    const onActivate = vi.fn();
    const onRowClick = vi.fn();
    render(RowMenuCell, { name: 'Hooli', from: 'health', onActivate, onOpenAccount: noop, onRoute: noop });
    document.body.addEventListener('click', onRowClick);
    const standIn = screen.getByTestId('row-menu-button');
    expect(standIn.closest('[role="gridcell"]')).not.toBeNull();
    expect(standIn).toHaveAttribute('aria-label', 'Actions for Hooli');
    expect(standIn).toHaveAttribute('aria-haspopup', 'menu');
    expect(standIn).toHaveAttribute('tabindex', '-1');
    expect(screen.queryByTestId('row-menu')).toBeNull();

    await fireEvent.click(standIn);
    expect(onActivate).toHaveBeenCalledOnce();
    expect(onRowClick).not.toHaveBeenCalled(); // the click does not open the row too
    expect(await screen.findByTestId('row-menu')).toBeInTheDocument();
    document.body.removeEventListener('click', onRowClick);
  });

  it('mounts the real menu trigger, reachable by Tab, for the active row', () => {
    render(RowMenuCell, { name: 'Hooli', from: 'health', active: true, onOpenAccount: noop, onRoute: noop });
    const trigger = screen.getByTestId('row-menu-button');
    expect(trigger).toHaveAttribute('tabindex', '0');
    expect(trigger).toHaveAttribute('data-state', 'closed');
  });

  it('passes Clear route through to the menu', async () => {
    const onClearRoute = vi.fn();
    render(RowMenuCell, { name: 'Hooli', from: 'convert', routed: true, onOpenAccount: noop, onRoute: noop, onClearRoute });
    await fireEvent.click(screen.getByTestId('row-menu-button'));
    await fireEvent.click(await screen.findByTestId('row-menu-clear-route'));
    expect(onClearRoute).toHaveBeenCalledOnce();
  });
});
