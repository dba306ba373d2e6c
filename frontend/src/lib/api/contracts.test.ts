import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './core';
import { contractDetail, exportContracts, listContracts, renewalDraft } from './contracts';

const query = { search: 'acme', status: 'past_due', source: 'stripe', mismatched: true, sort: 'arr', desc: true, offset: 100, limit: 100 };

function bind(methods: Record<string, (arg: unknown) => Promise<unknown>>) {
  (window as unknown as { go: unknown }).go = { app: { ContractsService: methods } };
}

afterEach(() => {
  delete (window as unknown as { go?: unknown }).go;
});

describe('api/contracts', () => {
  it('passes the query, the row key and the export format to the bound service', async () => {
    const List = vi.fn(async () => ({ total: 3 }));
    const Detail = vi.fn(async () => ({ row: {} }));
    const RenewalDraft = vi.fn(async () => ({ to: 'a@b.c' }));
    const Export = vi.fn(async () => ({ path: '/tmp/x.json', rows: 3 }));
    bind({ List, Detail, RenewalDraft, Export });
    expect(await listContracts(query)).toEqual({ total: 3 });
    expect(List).toHaveBeenCalledWith(query);
    await contractDetail('rs:1+2');
    expect(Detail).toHaveBeenCalledWith({ key: 'rs:1+2' });
    await renewalDraft('rs:9');
    expect(RenewalDraft).toHaveBeenCalledWith({ key: 'rs:9' });
    expect(await exportContracts(query, 'json')).toEqual({ path: '/tmp/x.json', rows: 3 });
    expect(Export).toHaveBeenCalledWith({ query, format: 'json' });
  });

  it('turns a rejection into an ApiError with its code', async () => {
    bind({ List: vi.fn(async () => Promise.reject(JSON.stringify({ code: 'not_connected', message: 'Connect Stripe.' }))) });
    const err = await listContracts(query).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'not_connected', message: 'Connect Stripe.' });
  });
});
