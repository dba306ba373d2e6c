import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/core';
import { PickConfirm } from './pickConfirm.svelte';

describe('PickConfirm', () => {
  it('runs nothing until something is chosen, and nothing twice at once', async () => {
    const p = new PickConfirm<string>();
    let calls = 0;
    expect(await p.confirm(async () => calls++)).toBe(false);
    p.chosen = 'acme';
    let release!: () => void;
    const first = p.confirm(() => new Promise<void>((r) => ((release = r), calls++)));
    expect(p.busy).toBe(true);
    expect(await p.confirm(async () => calls++)).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(p.busy).toBe(false);
    expect(calls).toBe(1);
  });

  it('keeps a refusal until the next choice, and reset starts over', async () => {
    const p = new PickConfirm<string>();
    p.chosen = 'acme';
    expect(await p.confirm(() => Promise.reject(new ApiError('conflict', 'Acme was merged meanwhile.')))).toBe(false);
    expect(p.error).toBe('Acme was merged meanwhile.');
    expect(p.busy).toBe(false);
    p.chosen = 'globex';
    expect(p.error).toBe('');
    p.reset();
    expect(p.chosen).toBeNull();
  });
});
