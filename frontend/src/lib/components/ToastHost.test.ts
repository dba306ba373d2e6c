import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import ToastHost from './ToastHost.svelte';
import { ToastState } from '../state/toasts.svelte';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('ToastHost', () => {
  it('keeps a notice while the pointer is over it or focus is inside', async () => {
    const toasts = new ToastState();
    render(ToastHost, { toasts });
    toasts.push({ message: 'Hooli is no longer tracked.', actionLabel: 'Undo', onAction: () => {} });
    flushSync();
    const host = screen.getByRole('status');

    await fireEvent.pointerEnter(host);
    vi.advanceTimersByTime(30_000);
    flushSync();
    expect(screen.getByTestId('toast')).toHaveTextContent('Hooli is no longer tracked.');
    await fireEvent.pointerLeave(host);

    screen.getByTestId('toast-action').focus();
    vi.advanceTimersByTime(30_000);
    flushSync();
    expect(screen.getByTestId('toast')).toBeInTheDocument();
    screen.getByTestId('toast-action').blur();

    vi.advanceTimersByTime(8000);
    flushSync();
    expect(screen.queryByTestId('toast')).toBeNull();
  });
});
