// Keyboard navigation shared by the virtual tables (Health, Convert,
// Contracts): what a key press on the grid does, as a pure function, so each
// table only applies the answer.

/** Where the grid stands when a key is pressed. */
export interface GridPosition {
  /** the active row, -1 when none */
  active: number;
  /** rows in the table */
  total: number;
  /** the first row fully in view */
  firstVisible: number;
  /** how many rows a page key moves */
  pageRows: number;
}

/** What a key press asks for: move the active row, open it, or open its menu. */
export type GridAction = { kind: 'move'; to: number } | { kind: 'open'; index: number } | { kind: 'menu'; index: number };

/**
 * gridKey maps a key press on a table grid to its action: j/k or the arrows
 * move (from the first row in view when no row is active), PageUp/PageDown
 * move a page, Home/End go to the ends, Enter opens the active row, m or
 * the context-menu key opens its menu. It returns null for any other key,
 * for a key with Alt, Ctrl or ⌘, and for keys typed into a field or a menu.
 * Moves are clamped to the table.
 */
export function gridKey(e: KeyboardEvent, p: GridPosition): GridAction | null {
  if (e.altKey || e.ctrlKey || e.metaKey || p.total === 0) return null;
  if ((e.target as HTMLElement | null)?.closest?.('input, textarea, select, [role="menu"]')) return null;
  const from = p.active < 0 ? p.firstVisible - 1 : p.active;
  const move = (to: number): GridAction => ({ kind: 'move', to: Math.max(0, Math.min(p.total - 1, to)) });
  switch (e.key) {
    case 'ArrowDown':
    case 'j':
      return move(from + 1);
    case 'ArrowUp':
    case 'k':
      return move(p.active < 0 ? from + 1 : from - 1);
    case 'PageDown':
      return move(from + p.pageRows);
    case 'PageUp':
      return move(from - p.pageRows);
    case 'Home':
      return move(0);
    case 'End':
      return move(p.total - 1);
    case 'Enter':
      return p.active >= 0 ? { kind: 'open', index: p.active } : null;
    case 'm':
    case 'ContextMenu':
      return { kind: 'menu', index: p.active >= 0 ? p.active : Math.max(0, Math.min(p.total - 1, from + 1)) };
  }
  return null;
}
