// The Health Settings sheet: weights and cut-offs edited in place, saved
// SAVE_DELAY ms after the last edit, with a live re-ranked preview fetched
// PREVIEW_DELAY ms after each edit (stale answers are dropped).
import { healthSettings, saveHealthSettings, type CutoffsDTO, type HealthSettingsDTO, type WeightsDTO } from '../api/health';
import { previewHealth, type PreviewDTO } from '../api/preview';
import { toApiError, type ApiError } from '../api/core';
import { Autosave, SAVE_DELAY } from './autosave.svelte';

export { SAVE_DELAY, type SaveStatus } from './autosave.svelte';
export const PREVIEW_DELAY = 120;
export const PREVIEW_ROWS = 8;

export type WeightKey = keyof WeightsDTO;
export type CutoffKey = keyof CutoffsDTO;

export const weightFields: { key: WeightKey; label: string; hint: string }[] = [
  { key: 'adoption', label: 'Adoption', hint: 'Active users vs licensed seats, weekly trend (PostHog)' },
  { key: 'payment', label: 'Payment state', hint: 'Past-due invoices and failed payments (Stripe)' },
  { key: 'renewal', label: 'Renewal pressure', hint: 'How close the contract end date is (Salesbricks)' },
  { key: 'signals', label: 'Signals', hint: 'Escalations, complaints and NPS from conversations' },
];

/** validate returns a message for settings the backend would refuse, or ''. */
export function validate(w: WeightsDTO, c: CutoffsDTO): string {
  for (const f of weightFields) {
    const v = w[f.key];
    if (!Number.isInteger(v) || v < 0 || v > 100) return `${f.label} must be a whole number from 0 to 100.`;
  }
  if (w.adoption + w.payment + w.renewal + w.signals === 0) return 'At least one weight must be above zero.';
  if (!Number.isInteger(c.critical) || !Number.isInteger(c.atRisk)) return 'Cut-offs must be whole numbers.';
  if (c.critical < 1 || c.atRisk > 100 || c.critical >= c.atRisk) {
    return 'Cut-offs must satisfy 1 ≤ Critical < At risk ≤ 100.';
  }
  return '';
}

export class HealthSettingsState {
  dto = $state.raw<HealthSettingsDTO | null>(null);
  weights = $state<WeightsDTO>({ adoption: 0, payment: 0, renewal: 0, signals: 0 });
  cutoffs = $state<CutoffsDTO>({ critical: 40, atRisk: 70 });
  loadError = $state.raw<ApiError | null>(null);
  preview = $state.raw<PreviewDTO | null>(null);
  previewError = $state('');
  previewLoading = $state(false);

  invalid = $derived(validate(this.weights, this.cutoffs));
  isDefault = $derived.by(() => {
    const d = this.dto;
    if (!d) return true;
    const w = this.weights;
    const c = this.cutoffs;
    return (
      w.adoption === d.defaults.adoption &&
      w.payment === d.defaults.payment &&
      w.renewal === d.defaults.renewal &&
      w.signals === d.defaults.signals &&
      c.critical === d.defaultCutoffs.critical &&
      c.atRisk === d.defaultCutoffs.atRisk
    );
  });
  /** each weight as a share of the total, as the score model normalises them */
  shares = $derived.by(() => {
    const w = this.weights;
    const total = w.adoption + w.payment + w.renewal + w.signals;
    const pct = (v: number) => (total > 0 ? Math.round((v / total) * 100) : 0);
    return { adoption: pct(w.adoption), payment: pct(w.payment), renewal: pct(w.renewal), signals: pct(w.signals) };
  });

  readonly autosave: Autosave<HealthSettingsDTO>;
  #previewTimer: ReturnType<typeof setTimeout> | null = null;
  #previewSeq = 0;

  constructor(
    readonly delays: { save: number; preview: number } = { save: SAVE_DELAY, preview: PREVIEW_DELAY },
    readonly onSaved?: (dto: HealthSettingsDTO) => void,
  ) {
    this.autosave = new Autosave({
      save: () => saveHealthSettings({ weights: { ...this.weights }, cutoffs: { ...this.cutoffs } }),
      invalid: () => this.invalid,
      saved: (dto) => {
        this.dto = dto;
        this.onSaved?.(dto);
      },
      delay: delays.save,
    });
  }

  get saveStatus() {
    return this.autosave.status;
  }

  get saveError() {
    return this.autosave.error;
  }

  async load() {
    try {
      const dto = await healthSettings();
      this.dto = dto;
      this.weights = { ...dto.weights };
      this.cutoffs = { ...dto.cutoffs };
      this.loadError = null;
      this.#schedulePreview(0);
    } catch (e) {
      this.loadError = toApiError(e);
    }
  }

  setWeight(key: WeightKey, value: number) {
    this.weights = { ...this.weights, [key]: clampInt(value, 0, 100) };
    this.#edited();
  }

  setCutoff(key: CutoffKey, value: number) {
    this.cutoffs = { ...this.cutoffs, [key]: clampInt(value, 0, 100) };
    this.#edited();
  }

  resetToDefaults() {
    const d = this.dto;
    if (!d) return;
    this.weights = { ...d.defaults };
    this.cutoffs = { ...d.defaultCutoffs };
    this.#edited();
  }

  /** flush saves a pending edit at once (the sheet is closing). */
  flush() {
    return this.autosave.flush();
  }

  dispose() {
    this.autosave.dispose();
    if (this.#previewTimer) clearTimeout(this.#previewTimer);
    this.#previewTimer = null;
    this.#previewSeq++;
  }

  #edited() {
    this.autosave.edited();
    if (!this.invalid) this.#schedulePreview(this.delays.preview);
  }

  #schedulePreview(delay: number) {
    if (this.#previewTimer) clearTimeout(this.#previewTimer);
    this.#previewTimer = setTimeout(() => {
      this.#previewTimer = null;
      void this.#runPreview();
    }, delay);
  }

  async #runPreview() {
    if (this.invalid) return;
    const seq = ++this.#previewSeq;
    this.previewLoading = true;
    try {
      const dto = await previewHealth({
        weights: { ...this.weights },
        cutoffs: { ...this.cutoffs },
        limit: PREVIEW_ROWS,
      });
      if (seq !== this.#previewSeq) return;
      this.preview = dto;
      this.previewError = '';
    } catch (e) {
      if (seq !== this.#previewSeq) return;
      this.previewError = toApiError(e).message;
    } finally {
      if (seq === this.#previewSeq) this.previewLoading = false;
    }
  }
}

function clampInt(v: number, lo: number, hi: number): number {
  if (!Number.isFinite(v)) return lo;
  return Math.min(hi, Math.max(lo, Math.round(v)));
}
