import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';

vi.mock('../api/settings', () => ({ demoBuild: vi.fn() }));

import { demoBuild } from '../api/settings';
import { DEMO_BUILD_POLL_MS, DemoBuildWatch } from '../state/demoBuild.svelte';
import DemoBuildNotice from './DemoBuildNotice.svelte';

const step = (over: Partial<Awaited<ReturnType<typeof demoBuild>>>) => ({
  building: true,
  accounts: 100_000,
  written: 0,
  snapshots: 5,
  scored: 0,
  failed: '',
  ...over,
});

beforeEach(() => {
  vi.useFakeTimers();
  vi.mocked(demoBuild).mockReset();
});
afterEach(() => vi.useRealTimers());

/** next lets the watch take its pending answer, then asks again after the poll interval. */
async function next() {
  await vi.advanceTimersByTimeAsync(DEMO_BUILD_POLL_MS);
  flushSync();
}

describe('DemoBuildNotice', () => {
  it('says how far the build has come, then goes away when the book is open', async () => {
    vi.mocked(demoBuild)
      .mockResolvedValueOnce(step({ accounts: 0, snapshots: 0 })) // opening: not known yet
      .mockResolvedValueOnce(step({ written: 45_000 }))
      .mockResolvedValueOnce(step({ written: 100_000, scored: 2 }))
      .mockResolvedValue(step({ building: false, written: 100_000, scored: 5 }));
    const watch = new DemoBuildWatch();
    render(DemoBuildNotice, { watch });
    const stop = watch.start();
    await vi.advanceTimersByTimeAsync(0);
    flushSync();
    expect(screen.queryByTestId('demo-build')).toBeNull(); // nothing to show while it is not known

    await next();
    expect(screen.getByTestId('demo-build-step')).toHaveTextContent('Writing accounts: 45,000 of 100,000');
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '36');

    await next();
    expect(screen.getByTestId('demo-build-step')).toHaveTextContent('Scoring: 2 of 5 snapshots');

    await next();
    expect(screen.queryByTestId('demo-build')).toBeNull();
    const asked = vi.mocked(demoBuild).mock.calls.length;
    await next();
    expect(vi.mocked(demoBuild).mock.calls.length).toBe(asked); // stops asking once open
    stop();
  });

  it('passes a failed build on, once', async () => {
    vi.mocked(demoBuild)
      .mockResolvedValueOnce(step({ written: 10 }))
      .mockResolvedValue(step({ building: false, failed: 'The demo book could not be built: the disk is full. Showing your live book.' }));
    const failed = vi.fn();
    const watch = new DemoBuildWatch({ onFailed: failed });
    watch.start();
    await vi.advanceTimersByTimeAsync(0);
    await next();
    await next();
    expect(failed).toHaveBeenCalledTimes(1);
    expect(failed).toHaveBeenCalledWith('The demo book could not be built: the disk is full. Showing your live book.');
    expect(watch.progress).toBeNull();
  });

  it('shows the build a switch to the demo book starts, until the switch is over', async () => {
    vi.mocked(demoBuild)
      .mockResolvedValueOnce(step({ building: false, accounts: 0 })) // the switch has not reached the build yet
      .mockResolvedValueOnce(step({ accounts: 20_000, written: 5_000 }))
      .mockResolvedValue(step({ accounts: 20_000, written: 20_000, scored: 5 }));
    const failed = vi.fn();
    const watch = new DemoBuildWatch({ onFailed: failed });
    render(DemoBuildNotice, { watch });
    let finish!: () => void;
    watch.during(new Promise<void>((resolve) => (finish = resolve)));
    await vi.advanceTimersByTimeAsync(0);
    flushSync();
    expect(screen.queryByTestId('demo-build')).toBeNull();

    await next(); // still asking: the switch is under way
    expect(screen.getByTestId('demo-build-step')).toHaveTextContent('Writing accounts: 5,000 of 20,000');

    finish();
    await vi.advanceTimersByTimeAsync(0);
    flushSync();
    expect(screen.queryByTestId('demo-build')).toBeNull();
    const asked = vi.mocked(demoBuild).mock.calls.length;
    await next();
    await next();
    expect(vi.mocked(demoBuild).mock.calls.length).toBe(asked); // the switch is over: no more asking
    expect(failed).not.toHaveBeenCalled();
  });

  it('stops asking when a switch fails, leaving the failure to the switch', async () => {
    vi.mocked(demoBuild).mockResolvedValue(step({ accounts: 120, written: 40 }));
    const failed = vi.fn();
    const watch = new DemoBuildWatch({ onFailed: failed });
    let fail!: (e: Error) => void;
    watch.during(new Promise<void>((_, reject) => (fail = reject)));
    await vi.advanceTimersByTimeAsync(0);
    expect(watch.progress?.written).toBe(40);
    fail(new Error('disk full'));
    await vi.advanceTimersByTimeAsync(0);
    expect(watch.progress).toBeNull();
    const asked = vi.mocked(demoBuild).mock.calls.length;
    await next();
    expect(vi.mocked(demoBuild).mock.calls.length).toBe(asked);
    expect(failed).not.toHaveBeenCalled();
  });
});
