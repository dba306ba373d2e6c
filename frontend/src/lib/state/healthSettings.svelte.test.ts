import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HealthSettingsDTO } from '../api/health';

vi.mock('../api/health', () => ({ healthSettings: vi.fn(), saveHealthSettings: vi.fn() }));
vi.mock('../api/preview', () => ({ previewHealth: vi.fn() }));

import { healthSettings, saveHealthSettings } from '../api/health';
import { previewHealth } from '../api/preview';
import { HealthSettingsState, validate } from './healthSettings.svelte';

const dto: HealthSettingsDTO = {
  meta: { mode: 'demo', readiness: 'demo', lastSyncedAt: '', lastUpdatedAt: '' },
  weights: { adoption: 35, payment: 25, renewal: 20, signals: 20 },
  cutoffs: { critical: 40, atRisk: 70 },
  defaults: { adoption: 35, payment: 25, renewal: 20, signals: 20 },
  defaultCutoffs: { critical: 40, atRisk: 70 },
  integrations: [],
};

const save = vi.mocked(saveHealthSettings);
const preview = vi.mocked(previewHealth);

beforeEach(() => {
  vi.useFakeTimers();
  vi.mocked(healthSettings).mockResolvedValue(structuredClone(dto));
  save.mockReset();
  save.mockImplementation(async (req) => ({ ...structuredClone(dto), weights: req.weights, cutoffs: req.cutoffs }));
  preview.mockReset();
  preview.mockResolvedValue({ rows: [], critical: 1, atRisk: 2, healthy: 3 });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('HealthSettingsState autosave', () => {
  it('saves once, 600 ms after the last of several edits, with the last values', async () => {
    const onSaved = vi.fn();
    const s = new HealthSettingsState(undefined, onSaved);
    await s.load();

    s.setWeight('payment', 40);
    await vi.advanceTimersByTimeAsync(300);
    s.setWeight('payment', 70);
    await vi.advanceTimersByTimeAsync(500);
    s.setWeight('adoption', 0);
    s.setWeight('payment', 100);
    expect(s.saveStatus).toBe('pending');

    await vi.advanceTimersByTimeAsync(599);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith({
      weights: { adoption: 0, payment: 100, renewal: 20, signals: 20 },
      cutoffs: { critical: 40, atRisk: 70 },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(s.saveStatus).toBe('saved');
    expect(onSaved).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('does not save settings the backend would refuse, and says why', async () => {
    const s = new HealthSettingsState();
    await s.load();
    s.setCutoff('critical', 80); // ≥ at risk (70)
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).not.toHaveBeenCalled();
    expect(s.saveStatus).toBe('error');
    expect(s.saveError).toMatch(/Critical < At risk/);

    s.setCutoff('critical', 30);
    await vi.advanceTimersByTimeAsync(600);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('shows the backend error message when a save fails', async () => {
    save.mockRejectedValueOnce({ code: 'invalid', message: 'At least one weight must be above zero.' });
    const s = new HealthSettingsState();
    await s.load();
    s.setWeight('signals', 10);
    await vi.advanceTimersByTimeAsync(600);
    expect(s.saveStatus).toBe('error');
    expect(s.saveError).toBe('At least one weight must be above zero.');
  });

  it('previews 120 ms after an edit and ignores stale answers', async () => {
    const s = new HealthSettingsState();
    await s.load();
    await vi.advanceTimersByTimeAsync(0); // the initial preview
    preview.mockClear();

    let releaseFirst!: (v: Awaited<ReturnType<typeof previewHealth>>) => void;
    preview.mockImplementationOnce(() => new Promise((r) => (releaseFirst = r)));
    s.setWeight('payment', 90);
    await vi.advanceTimersByTimeAsync(119);
    expect(preview).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(preview).toHaveBeenCalledTimes(1);
    expect(preview.mock.calls[0][0]).toMatchObject({ weights: { payment: 90 }, limit: 8 });

    preview.mockResolvedValueOnce({ rows: [], critical: 9, atRisk: 9, healthy: 9 });
    s.setWeight('payment', 95);
    await vi.advanceTimersByTimeAsync(120);
    expect(s.preview?.critical).toBe(9);

    releaseFirst({ rows: [], critical: 1, atRisk: 1, healthy: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(s.preview?.critical).toBe(9);
  });

  it('resets to the defaults and saves them', async () => {
    const s = new HealthSettingsState();
    await s.load();
    s.setWeight('adoption', 5);
    expect(s.isDefault).toBe(false);
    s.resetToDefaults();
    expect(s.isDefault).toBe(true);
    await vi.advanceTimersByTimeAsync(600);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0][0].weights).toEqual(dto.defaults);
  });

  it('flush saves a pending edit at once', async () => {
    const s = new HealthSettingsState();
    await s.load();
    s.setWeight('renewal', 55);
    await s.flush();
    expect(save).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(1);
  });
});

describe('validate', () => {
  it('accepts the defaults and refuses what the backend refuses', () => {
    expect(validate(dto.weights, dto.cutoffs)).toBe('');
    expect(validate({ adoption: 0, payment: 0, renewal: 0, signals: 0 }, dto.cutoffs)).toMatch(/above zero/);
    expect(validate({ ...dto.weights, adoption: 101 }, dto.cutoffs)).toMatch(/Adoption/);
    expect(validate(dto.weights, { critical: 0, atRisk: 70 })).not.toBe('');
    expect(validate(dto.weights, { critical: 40, atRisk: 40 })).not.toBe('');
    expect(validate(dto.weights, { critical: Number.NaN, atRisk: 70 })).not.toBe('');
  });
});
