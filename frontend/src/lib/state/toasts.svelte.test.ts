import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { ToastState } from './toasts.svelte';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const messages = (t: ToastState) => t.items.map((x) => x.message);

describe('ToastState', () => {
  it('goes away after 4 s, or 8 s with an action', () => {
    const t = new ToastState();
    t.push({ message: 'Saved' });
    t.push({ message: 'Untracked', actionLabel: 'Undo', onAction: () => {} });
    vi.advanceTimersByTime(3999);
    expect(messages(t)).toEqual(['Saved', 'Untracked']);
    vi.advanceTimersByTime(1);
    expect(messages(t)).toEqual(['Untracked']);
    vi.advanceTimersByTime(4000);
    expect(messages(t)).toEqual([]);
  });

  it('waits while held and resumes with the time it had left', () => {
    const t = new ToastState();
    t.push({ message: 'Untracked', actionLabel: 'Undo', onAction: () => {} });
    vi.advanceTimersByTime(6000);
    t.hold();
    vi.advanceTimersByTime(60_000);
    expect(messages(t)).toEqual(['Untracked']);
    t.push({ message: 'Synced' }); // arrives while held: waits too
    vi.advanceTimersByTime(60_000);
    expect(messages(t)).toEqual(['Untracked', 'Synced']);
    t.release();
    vi.advanceTimersByTime(1999);
    expect(messages(t)).toEqual(['Untracked', 'Synced']);
    vi.advanceTimersByTime(1);
    expect(messages(t)).toEqual(['Synced']);
    vi.advanceTimersByTime(2000);
    expect(messages(t)).toEqual([]);
  });

  it('keeps the newest four, and a held notice dismissed by hand lets the next count down', () => {
    const t = new ToastState();
    for (const m of ['a', 'b', 'c', 'd', 'e']) t.push({ message: m, timeout: 0 });
    expect(messages(t)).toEqual(['b', 'c', 'd', 'e']);
    t.hold();
    for (const x of [...t.items]) t.dismiss(x.id);
    t.push({ message: 'next' });
    vi.advanceTimersByTime(4000);
    expect(messages(t)).toEqual([]);
  });
});
