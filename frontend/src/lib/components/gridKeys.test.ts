import { describe, expect, it } from 'vitest';
import { gridKey, type GridPosition } from './gridKeys';

const key = (k: string, mods: Partial<KeyboardEventInit> = {}, target?: HTMLElement) => {
  const e = new KeyboardEvent('keydown', { key: k, ...mods });
  if (target) Object.defineProperty(e, 'target', { value: target });
  return e;
};
const at = (over: Partial<GridPosition> = {}): GridPosition => ({ active: -1, total: 50, firstVisible: 10, pageRows: 8, ...over });

describe('gridKey', () => {
  it('starts from the first row in view when no row is active', () => {
    expect(gridKey(key('j'), at())).toEqual({ kind: 'move', to: 10 });
    expect(gridKey(key('k'), at())).toEqual({ kind: 'move', to: 10 });
    expect(gridKey(key('m'), at())).toEqual({ kind: 'menu', index: 10 });
    expect(gridKey(key('Enter'), at())).toBeNull();
  });

  it('moves, pages and jumps from the active row, within the table', () => {
    expect(gridKey(key('ArrowDown'), at({ active: 3 }))).toEqual({ kind: 'move', to: 4 });
    expect(gridKey(key('k'), at({ active: 0 }))).toEqual({ kind: 'move', to: 0 });
    expect(gridKey(key('PageDown'), at({ active: 45 }))).toEqual({ kind: 'move', to: 49 });
    expect(gridKey(key('PageUp'), at({ active: 20 }))).toEqual({ kind: 'move', to: 12 });
    expect(gridKey(key('Home'), at({ active: 20 }))).toEqual({ kind: 'move', to: 0 });
    expect(gridKey(key('End'), at({ active: 20 }))).toEqual({ kind: 'move', to: 49 });
    expect(gridKey(key('Enter'), at({ active: 7 }))).toEqual({ kind: 'open', index: 7 });
    expect(gridKey(key('ContextMenu'), at({ active: 7 }))).toEqual({ kind: 'menu', index: 7 });
  });

  it('leaves other keys, modified keys, fields, menus and empty tables alone', () => {
    expect(gridKey(key('x'), at({ active: 1 }))).toBeNull();
    expect(gridKey(key('j', { ctrlKey: true }), at({ active: 1 }))).toBeNull();
    expect(gridKey(key('j'), at({ total: 0 }))).toBeNull();
    const input = document.createElement('input');
    expect(gridKey(key('j', {}, input), at({ active: 1 }))).toBeNull();
    const menu = document.createElement('div');
    menu.setAttribute('role', 'menu');
    const item = document.createElement('button');
    menu.appendChild(item);
    expect(gridKey(key('k', {}, item), at({ active: 1 }))).toBeNull();
  });
});
