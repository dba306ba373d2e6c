// The state and behaviour shared by the list tables (Health, Contracts,
// Convert): the active row (the focus ring), the open row menu, the keyboard
// model of components/gridKeys.ts and the reset on a new query
// (GridCursor); and, for the tables over a windowed cache (Health,
// Contracts), the TanStack Virtual virtualizer that asks the cache for the
// rows in view and reports when backend rows are painted (VirtualGrid).
//
// Contract: construct either class while a component initialises (its
// effects belong to that component); bind `scrollEl` to the scroller and
// `gridEl` to the element with role="grid". Everything the classes read
// from the table (the list, callbacks) is passed as getters, so props that
// change are followed.
import { untrack, type Snippet } from 'svelte';
import { fromStore, get } from 'svelte/store';
import { createVirtualizer, type VirtualItem } from '@tanstack/svelte-virtual';
import { gridKey } from './gridKeys';

/** What a table lists, as the grid sees it. */
export interface GridSource<Row> {
  /** rows the keyboard can reach */
  readonly total: number;
  /** changes on every new query */
  readonly generation: unknown;
  /** the row at an index, undefined while it is not loaded */
  rowAt(index: number): Row | undefined;
}

export interface GridCursorOptions<Row, K> {
  /** the rows (read on every use, so a new list prop is followed) */
  source: () => GridSource<Row>;
  /** the row's identity: the open menu follows it, not its index */
  keyOf: (row: Row) => K;
  /** Enter on the active row */
  onOpen: (row: Row) => void;
  /** brings the row at an index into view after a move (VirtualGrid scrolls its virtualizer) */
  reveal?: (index: number) => void;
}

/**
 * GridCursor owns the active row and the open row menu of a table grid.
 * `keydown` applies gridKey's answer: moves the active row (clamped, then
 * `reveal`), opens it (Enter) or opens its menu (m / ContextMenu) with focus
 * returning to the grid when the menu closes. A new query (a change of
 * `generation`) scrolls to the top and clears the active row and the menu.
 */
export class GridCursor<Row, K> {
  /** the scrolling container */
  scrollEl = $state<HTMLDivElement>();
  /** the element with role="grid" */
  gridEl = $state<HTMLDivElement>();
  /** the active row's index, -1 when none */
  active = $state(-1);
  /** the row whose menu is open (by key, so a reload cannot move it to another row) */
  menuFor = $state<K | null>(null);
  /** the row menu was opened from the keyboard: focus returns to the grid */
  #menuFromKeys = false;

  protected readonly opts: GridCursorOptions<Row, K>;

  constructor(opts: GridCursorOptions<Row, K>) {
    this.opts = opts;
    // A new query starts at the top.
    $effect(() => {
      void opts.source().generation;
      untrack(() => {
        if (this.scrollEl) this.scrollEl.scrollTop = 0;
        this.active = -1;
        this.menuFor = null;
      });
    });
  }

  /** Makes `to` (clamped to the rows) the active row and brings it into view. */
  move(to: number) {
    const total = this.opts.source().total;
    if (total === 0) return;
    this.active = Math.max(0, Math.min(total - 1, to));
    this.reveal(this.active);
  }

  /** Brings a row into view: the `reveal` option's job. */
  protected reveal(index: number): void {
    this.opts.reveal?.(index);
  }

  /** The first row in view, where a move starts when no row is active. */
  firstVisible(): number {
    return 0;
  }

  /** How many rows PageUp/PageDown move. */
  pageRows(): number {
    return 10;
  }

  /** The grid's keydown handler. */
  keydown = (e: KeyboardEvent) => {
    const src = this.opts.source();
    const a = gridKey(e, { active: this.active, total: src.total, firstVisible: this.firstVisible(), pageRows: this.pageRows() });
    if (!a) return;
    e.preventDefault();
    if (a.kind === 'move') return this.move(a.to);
    const row = src.rowAt(a.index);
    if (a.kind === 'open') {
      if (row) this.opts.onOpen(row);
      return;
    }
    this.move(a.index);
    this.#menuFromKeys = true;
    this.menuFor = row ? this.keyOf(row) : null;
  };

  /** The row's identity (the menu and the rows' keyed blocks follow it). */
  keyOf(row: Row): K {
    return this.opts.keyOf(row);
  }

  /** Whether the menu of the row with this key is open (the getter of a row's bind:menuOpen). */
  menuOpen(key: K): boolean {
    return this.menuFor === key;
  }

  /** Opens or closes the menu of the row with this key (the setter of a row's bind:menuOpen). */
  setMenuOpen(key: K, open: boolean) {
    this.menuFor = open ? key : this.menuFor === key ? null : this.menuFor;
  }

  /** Where focus goes when a row menu closes: the grid when the keyboard opened it, else nowhere. */
  returnFocus = (): HTMLElement | null | undefined => {
    const back = this.#menuFromKeys;
    this.#menuFromKeys = false;
    return back ? this.gridEl : null;
  };
}

/** A windowed cache the virtual grid reads. */
export interface WindowSource<Row> extends GridSource<Row> {
  readonly status: string;
  /** asks for the rows from..to (inclusive) */
  ensureRange(from: number, to: number): void;
}

/**
 * The props every virtual list table takes (Health, Contracts): its list,
 * what Enter opens, what a header click asks for, the painted-rows report
 * and the placeholder body.
 */
export interface VirtualTableProps<L, Row, SortKey> {
  list: L;
  onOpen: (row: Row) => void;
  onSort: (key: SortKey, desc: boolean) => void;
  /** called after rows from the backend are on screen, with how many */
  onRendered?: (rows: number) => void;
  /** replaces the body when there is nothing to list (loading, error, empty) */
  placeholder?: Snippet;
}

/** VirtualGrid's options: no `reveal`, moves scroll the virtualizer. */
export interface VirtualGridOptions<Row, K> extends Omit<GridCursorOptions<Row, K>, 'source' | 'reveal'> {
  source: () => WindowSource<Row>;
  /** a row's height in px */
  rowHeight: number;
  /** the sticky header's height in px */
  headerHeight: number;
  /** the (optional) callback for rows from the backend on screen, with how many; a getter so a changed prop is followed */
  onRendered?: () => ((rows: number) => void) | undefined;
}

/**
 * VirtualGrid is a GridCursor over a TanStack Virtual virtualizer: `items`
 * are the rows to render (over the sticky header), the cache is asked for
 * them, moves scroll the active row into view, and once rows from the backend
 * are painted (the second animation frame after they reach the DOM)
 * onRendered gets their count.
 */
export class VirtualGrid<Row, K> extends GridCursor<Row, K> {
  readonly #virt;
  readonly #current;
  readonly #o: VirtualGridOptions<Row, K>;

  /** the rows to render */
  readonly items: VirtualItem[] = $derived.by(() => this.#current.current.getVirtualItems());

  constructor(o: VirtualGridOptions<Row, K>) {
    super(o);
    this.#o = o;
    const opts = () => ({
      count: o.source().total,
      getScrollElement: () => this.scrollEl ?? null,
      estimateSize: () => o.rowHeight,
      overscan: 8,
      paddingStart: o.headerHeight,
      scrollPaddingStart: o.headerHeight,
    });
    this.#virt = createVirtualizer<HTMLDivElement, HTMLDivElement>(untrack(opts));
    this.#current = fromStore(this.#virt);
    $effect(() => {
      get(this.#virt).setOptions(opts());
    });

    // Ask the cache for the rows the virtualizer shows.
    $effect(() => {
      const items = this.items;
      if (items.length === 0) return;
      o.source().ensureRange(items[0].index, items[items.length - 1].index);
    });

    // Report once rows from the backend are painted: the second animation
    // frame after the rows reach the DOM runs after the first has been drawn.
    $effect(() => {
      const onRendered = o.onRendered?.();
      const src = o.source();
      if (!onRendered || src.status !== 'ready' || this.items.length === 0) return;
      const loaded = this.items.filter((it) => src.rowAt(it.index)).length;
      if (loaded > 0) requestAnimationFrame(() => requestAnimationFrame(() => o.onRendered?.()?.(loaded)));
    });
  }

  /** the sticky header's height in px */
  get headerHeight(): number {
    return this.#o.headerHeight;
  }

  /** the height of all rows and the header, in px */
  get totalSize(): number {
    return this.#current.current.getTotalSize();
  }

  protected override reveal(index: number) {
    get(this.#virt).scrollToIndex(index, { align: 'auto' });
  }

  override firstVisible(): number {
    return this.items.find((it) => it.start >= (this.scrollEl?.scrollTop ?? 0) + this.#o.headerHeight)?.index ?? 0;
  }

  override pageRows(): number {
    return Math.max(1, Math.floor(((this.scrollEl?.clientHeight ?? 400) - this.#o.headerHeight) / this.#o.rowHeight) - 1);
  }
}
