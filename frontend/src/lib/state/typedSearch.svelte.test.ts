import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SEARCH_DELAY, TypedSearch } from './typedSearch.svelte';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('TypedSearch', () => {
  it('applies the trimmed text once typing pauses', () => {
    const apply = vi.fn();
    const s = new TypedSearch(apply);
    s.set('a');
    s.set('ac');
    s.set(' acme ');
    expect(s.text).toBe(' acme ');
    vi.advanceTimersByTime(SEARCH_DELAY - 1);
    expect(apply).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(apply).toHaveBeenCalledTimes(1);
    expect(apply).toHaveBeenCalledWith('acme');
  });

  it('takes its own delay', () => {
    const apply = vi.fn();
    const s = new TypedSearch(apply, 50);
    s.set('x');
    vi.advanceTimersByTime(50);
    expect(apply).toHaveBeenCalledWith('x');
  });

  it('clear applies an empty search at once and drops the pending one', () => {
    const apply = vi.fn();
    const s = new TypedSearch(apply);
    s.set('acme');
    s.clear();
    expect(s.text).toBe('');
    expect(apply).toHaveBeenCalledWith('');
    vi.advanceTimersByTime(SEARCH_DELAY);
    expect(apply).toHaveBeenCalledTimes(1);
  });

  it('reset and dispose drop the pending search without applying', () => {
    const apply = vi.fn();
    const s = new TypedSearch(apply);
    s.set('acme');
    s.reset();
    expect(s.text).toBe('');
    s.set('hooli');
    s.dispose();
    vi.advanceTimersByTime(SEARCH_DELAY * 2);
    expect(apply).not.toHaveBeenCalled();
  });
});
