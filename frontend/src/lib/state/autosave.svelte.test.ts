import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosave, SAVE_DELAY } from './autosave.svelte';
import { deferred } from '../testing/deferred';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function form(invalid = '') {
  const f = { invalid, value: 1, saves: [] as ReturnType<typeof deferred<number>>[], saved: [] as number[] };
  const autosave = new Autosave<number>({
    save: () => {
      const d = deferred<number>();
      f.saves.push(d);
      return d.promise;
    },
    invalid: () => f.invalid,
    saved: (dto) => f.saved.push(dto),
  });
  return { f, autosave };
}

describe('Autosave', () => {
  it('saves once, SAVE_DELAY after the last edit', async () => {
    const { f, autosave } = form();
    autosave.edited();
    vi.advanceTimersByTime(SAVE_DELAY - 1);
    autosave.edited();
    expect(autosave.status).toBe('pending');
    vi.advanceTimersByTime(SAVE_DELAY - 1);
    expect(f.saves).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(f.saves).toHaveLength(1);
    expect(autosave.status).toBe('saving');
    f.saves[0].resolve(7);
    await vi.runAllTimersAsync();
    expect(autosave.status).toBe('saved');
    expect(f.saved).toEqual([7]);
  });

  it('never sends an invalid form and says why', () => {
    const { f, autosave } = form('Too high.');
    autosave.edited();
    vi.advanceTimersByTime(SAVE_DELAY * 2);
    expect(f.saves).toHaveLength(0);
    expect(autosave.status).toBe('error');
    expect(autosave.error).toBe('Too high.');
  });

  it('drops an answer overtaken by a later save and stays pending while an edit waits', async () => {
    const { f, autosave } = form();
    autosave.edited();
    const first = autosave.flush();
    autosave.edited();
    const second = autosave.flush();
    expect(f.saves).toHaveLength(2);
    f.saves[1].resolve(2);
    await second;
    f.saves[0].resolve(1); // the older answer comes last
    await first;
    expect(f.saved).toEqual([2]);
    expect(autosave.status).toBe('saved');
    autosave.edited();
    const third = autosave.flush();
    autosave.edited(); // typed while the third save runs
    f.saves[2].resolve(3);
    await third;
    expect(autosave.status).toBe('pending');
  });

  it('reports a refused save in plain words', async () => {
    const { f, autosave } = form();
    autosave.edited();
    const done = autosave.flush();
    f.saves[0].reject({ code: 'invalid', message: 'Weights must add up.' });
    await done;
    expect(autosave.status).toBe('error');
    expect(autosave.error).toBe('Weights must add up.');
  });

  it('dispose drops a pending edit', () => {
    const { f, autosave } = form();
    autosave.edited();
    autosave.dispose();
    vi.advanceTimersByTime(SAVE_DELAY * 2);
    expect(f.saves).toHaveLength(0);
    expect(autosave.pending).toBe(false);
  });
});
