import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { flushSync, tick } from 'svelte';
import { GridCursor, VirtualGrid, type GridCursorOptions, type WindowSource } from './virtualGrid.svelte';

interface Row {
  id: string;
}

/** A list of `total` rows, loaded up to `loaded`, whose generation is reactive. */
class FakeList implements WindowSource<Row> {
  total = $state(0);
  generation = $state(0);
  status = $state('ready');
  loaded = $state(Infinity);
  ranges: [number, number][] = [];
  constructor(total: number) {
    this.total = total;
  }
  rowAt(i: number): Row | undefined {
    return i >= 0 && i < this.total && i < this.loaded ? { id: `r${i}` } : undefined;
  }
  ensureRange(from: number, to: number) {
    this.ranges.push([from, to]);
  }
}

const key = (k: string, init: KeyboardEventInit = {}) => new KeyboardEvent('keydown', { key: k, cancelable: true, ...init });

/** Runs fn inside an effect root (as a component's init would) and tears it down after. */
function withRoot<T>(fn: () => T): [T, () => void] {
  let out!: T;
  const stop = $effect.root(() => {
    out = fn();
  });
  flushSync();
  return [out, stop];
}

/** A GridCursor over `total` rows (keyed by id), with its effects running. */
function cursor(total: number, extra: Partial<GridCursorOptions<Row, string>> = {}) {
  const list = new FakeList(total);
  const [grid, stop] = withRoot(() => new GridCursor<Row, string>({ source: () => list, keyOf: (r) => r.id, onOpen: () => {}, ...extra }));
  return { list, grid, stop };
}

describe('GridCursor', () => {
  it('moves the active row with the keyboard, clamped, and reveals it', () => {
    const reveal = vi.fn();
    const { grid, stop } = cursor(5, { reveal });

    const down = key('j');
    grid.keydown(down);
    expect(down.defaultPrevented).toBe(true);
    expect(grid.active).toBe(0);
    grid.keydown(key('ArrowDown'));
    expect(grid.active).toBe(1);
    grid.keydown(key('End'));
    expect(grid.active).toBe(4);
    grid.keydown(key('j'));
    expect(grid.active).toBe(4); // clamped
    grid.keydown(key('PageUp'));
    expect(grid.active).toBe(0); // a page is 10 rows without a virtualizer
    expect(reveal).toHaveBeenLastCalledWith(0);

    const other = key('x');
    grid.keydown(other);
    expect(other.defaultPrevented).toBe(false);
    grid.keydown(key('j', { ctrlKey: true }));
    expect(grid.active).toBe(0);
    stop();
  });

  it('opens the active row with Enter, and only a loaded one', () => {
    const onOpen = vi.fn();
    const { list, grid, stop } = cursor(5, { onOpen });
    grid.keydown(key('Enter'));
    expect(onOpen).not.toHaveBeenCalled(); // no active row yet
    grid.move(2);
    grid.keydown(key('Enter'));
    expect(onOpen).toHaveBeenCalledWith({ id: 'r2' });
    list.loaded = 2;
    grid.keydown(key('Enter'));
    expect(onOpen).toHaveBeenCalledTimes(1);
    stop();
  });

  it('opens the row menu from the keyboard by key, and sends focus back to the grid once', () => {
    const { grid, stop } = cursor(5);
    const el = document.createElement('div');
    grid.gridEl = el as HTMLDivElement;

    grid.move(3);
    grid.keydown(key('m'));
    expect(grid.menuFor).toBe('r3');
    expect(grid.menuOpen('r3')).toBe(true);
    expect(grid.returnFocus()).toBe(el);
    expect(grid.returnFocus()).toBeNull(); // a menu opened by pointer keeps focus where it was

    // Closing another row's menu leaves the open one alone.
    grid.setMenuOpen('r1', false);
    expect(grid.menuFor).toBe('r3');
    grid.setMenuOpen('r1', true);
    expect(grid.menuFor).toBe('r1');
    grid.setMenuOpen('r1', false);
    expect(grid.menuFor).toBeNull();
    stop();
  });

  it('starts over at the top on a new query', () => {
    const { list, grid, stop } = cursor(50);
    const scroller = document.createElement('div');
    grid.scrollEl = scroller as HTMLDivElement;
    grid.move(7);
    grid.setMenuOpen('r7', true);
    scroller.scrollTop = 120;

    list.total = 40; // not a new query
    flushSync();
    expect(grid.active).toBe(7);

    list.generation++;
    flushSync();
    expect(grid.active).toBe(-1);
    expect(grid.menuFor).toBeNull();
    expect(scroller.scrollTop).toBe(0);
    stop();
  });

  it('ignores keys on an empty table', () => {
    const { grid, stop } = cursor(0);
    grid.keydown(key('j'));
    grid.move(3);
    expect(grid.active).toBe(-1);
    stop();
  });
});

describe('VirtualGrid', () => {
  const ROW_H = 40;
  const HEADER_H = 30;
  // jsdom has no layout: give the scroller a height so the virtualizer renders a window.
  beforeAll(() => void vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(430));
  afterAll(() => vi.restoreAllMocks());

  function setup(list: FakeList, onRendered?: (n: number) => void) {
    const scroller = document.createElement('div');
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, get: () => 430 });
    document.body.append(scroller);
    const [grid, stop] = withRoot(() => {
      const g = new VirtualGrid<Row, string>({
        source: () => list,
        keyOf: (r) => r.id,
        onOpen: () => {},
        rowHeight: ROW_H,
        headerHeight: HEADER_H,
        onRendered: () => onRendered,
      });
      g.scrollEl = scroller as HTMLDivElement;
      return g;
    });
    // Keep the virtualizer's store subscribed, as a component's template does.
    const stopRead = $effect.root(() => {
      $effect(() => {
        void grid.items;
        void grid.totalSize;
      });
    });
    flushSync();
    return {
      grid,
      scroller,
      stop: () => {
        stopRead();
        stop();
        scroller.remove();
      },
    };
  }

  it('renders a window of the rows and asks the cache for exactly those', async () => {
    const list = new FakeList(10_000);
    const { grid, stop } = setup(list);
    await tick();
    flushSync();
    expect(grid.items.length).toBeGreaterThan(0);
    expect(grid.items.length).toBeLessThan(40);
    expect(grid.items[0].start).toBe(HEADER_H); // rows start below the sticky header
    expect(grid.totalSize).toBe(HEADER_H + 10_000 * ROW_H);
    const last = list.ranges[list.ranges.length - 1];
    expect(last).toEqual([grid.items[0].index, grid.items[grid.items.length - 1].index]);
    stop();
  });

  it('pages by the rows that fit under the header, and starts moves at the first row in view', async () => {
    const list = new FakeList(10_000);
    const { grid, stop } = setup(list);
    await tick();
    flushSync();
    expect(grid.pageRows()).toBe(Math.floor((430 - HEADER_H) / ROW_H) - 1);
    expect(grid.firstVisible()).toBe(0);
    grid.keydown(key('PageDown'));
    expect(grid.active).toBe(grid.pageRows() - 1);
    stop();
  });

  it('reports the painted backend rows after two animation frames, once ready', async () => {
    const frames: FrameRequestCallback[] = [];
    const raf = vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => (frames.push(cb), frames.length));
    const list = new FakeList(10_000);
    list.status = 'loading';
    list.loaded = 5;
    const onRendered = vi.fn();
    const { grid, stop } = setup(list, onRendered);
    await tick();
    flushSync();
    const runFrames = () => {
      for (const cb of frames.splice(0)) cb(0);
    };
    runFrames();
    runFrames();
    expect(onRendered).not.toHaveBeenCalled(); // still loading

    list.status = 'ready';
    flushSync();
    runFrames();
    expect(onRendered).not.toHaveBeenCalled(); // one frame is not enough
    runFrames();
    expect(onRendered).toHaveBeenCalledWith(5);
    expect(grid.items.length).toBeGreaterThan(5);
    raf.mockRestore();
    stop();
  });
});
