import { describe, expect, it, vi } from 'vitest';
import { WindowedList, type ListPage } from './windowedList.svelte';

interface Q {
  search: string;
}

const meta = { mode: 'demo', readiness: 'demo', lastSyncedAt: '', lastUpdatedAt: '' };
const settle = () => new Promise((r) => setTimeout(r, 0));

function list(total: number, pageSize = 10) {
  const calls: { q: Q; offset: number; limit: number; resolve: (p: ListPage<string>) => void }[] = [];
  const fetchPage = vi.fn(
    (q: Q, offset: number, limit: number) =>
      new Promise<ListPage<string>>((resolve) => calls.push({ q: { ...q }, offset, limit, resolve })),
  );
  const answer = (i: number, tag = '') => {
    const c = calls[i];
    const n = Math.max(0, Math.min(c.limit, total - c.offset));
    c.resolve({ rows: Array.from({ length: n }, (_, k) => `${c.q.search}${c.offset + k}${tag}`), total, meta });
  };
  const s = new WindowedList<Q, string>({
    pageSize,
    initial: { search: '' },
    same: (a, b) => a.search === b.search,
    fetchPage,
  });
  return { s, calls, answer, fetchPage };
}

describe('WindowedList', () => {
  it('fetches pages of pageSize by offset, only the missing ones in view', async () => {
    const { s, calls, answer } = list(35);
    s.load();
    expect(s.status).toBe('loading');
    answer(0);
    await settle();
    expect(s.status).toBe('ready');
    expect(s.total).toBe(35);
    s.ensureRange(5, 25);
    s.ensureRange(5, 25); // in flight: not asked twice
    expect(calls.map((c) => [c.offset, c.limit])).toEqual([
      [0, 10],
      [10, 10],
      [20, 10],
    ]);
    expect(s.rowAt(15)).toBeUndefined();
    answer(1);
    answer(2);
    await settle();
    expect(s.rowAt(15)).toBe('15');
    expect(s.loadedPages()).toEqual([0, 10, 20]);
    s.ensureRange(30, 60); // stops at the total
    expect(calls.map((c) => c.offset)).toEqual([0, 10, 20, 30]);
  });

  it('ignores a query that asks for the same rows, and drops answers to an older one', async () => {
    const { s, calls, answer } = list(35);
    s.load();
    s.setQuery({ search: '' });
    expect(calls).toHaveLength(1);
    const gen = s.generation;
    s.setQuery({ search: 'x' });
    expect(s.generation).toBe(gen + 1);
    answer(1);
    await settle();
    answer(0);
    await settle();
    expect(s.rowAt(0)).toBe('x0');
  });

  it('reloads the pages in view and keeps the rows until the new ones arrive', async () => {
    const { s, calls, answer } = list(25);
    s.load();
    answer(0);
    await settle();
    s.ensureRange(0, 15);
    answer(1);
    await settle();
    void s.reload();
    expect(calls.slice(2).map((c) => c.offset)).toEqual([0, 10]);
    expect(s.rowAt(12)).toBe('12');
    answer(2, '*');
    answer(3, '*');
    await settle();
    expect(s.rowAt(12)).toBe('12*');
    expect(s.status).toBe('ready');
  });
});
