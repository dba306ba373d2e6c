import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/core';

vi.mock('../api/health', () => ({ healthSummary: vi.fn() }));
import { healthSummary } from '../api/health';
import { HealthSummaryState } from './healthSummary.svelte';

type Dto = Awaited<ReturnType<typeof healthSummary>>;
const dto = (critical: number) => ({ critical }) as unknown as Dto;

describe('Resource (through HealthSummaryState)', () => {
  it('keeps only the newest answer when an older one arrives late', async () => {
    let releaseOld!: (v: Dto) => void;
    vi.mocked(healthSummary)
      .mockImplementationOnce(() => new Promise<Dto>((r) => (releaseOld = r)))
      .mockResolvedValueOnce(dto(2));
    const s = new HealthSummaryState();
    const old = s.load('hoo');
    await s.load('hooli');
    releaseOld(dto(9));
    await old;
    expect(s.data).toEqual(dto(2));
    expect(s.loading).toBe(false);
  });

  it('keeps the last good data beside an error', async () => {
    vi.mocked(healthSummary).mockResolvedValueOnce(dto(3)).mockRejectedValueOnce({ code: 'unavailable', message: 'Offline.' });
    const s = new HealthSummaryState();
    await s.load();
    await s.load();
    expect(s.data).toEqual(dto(3));
    expect(s.error).toBeInstanceOf(ApiError);
    expect(s.error?.message).toBe('Offline.');
  });
});
