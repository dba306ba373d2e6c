// The Convert Settings tab: what counts as a candidate and how it is tiered.
// Every edit saves SAVE_DELAY ms after the last one (no Save button). A save
// the backend refuses leaves the form as typed and shows its message.
import { convertSettings, saveConvertSettings, type ConvertSettingsDTO, type ConvertSettingsValues } from '../api/convert';
import { toApiError, type ApiError } from '../api/core';
import { Autosave, SAVE_DELAY } from '../state/autosave.svelte';
import { parseDomains } from './text';
import { minorDigits } from '../format';

export { SAVE_DELAY, type SaveStatus } from '../state/autosave.svelte';

export type ToggleKey = 'includeSalesbricks' | 'includeStripe' | 'excludeFreeMail' | 'excludePaying';
export type NumberKey = 'urgencyDays' | 'highCutoff' | 'mediumCutoff';

const blank: ConvertSettingsValues = {
  includeSalesbricks: true,
  includeStripe: true,
  statuses: [],
  excludeDomains: [],
  excludeFreeMail: false,
  excludePaying: false,
  minValueMinor: 0,
  urgencyDays: 7,
  highCutoff: 70,
  mediumCutoff: 40,
};

const isWhole = (v: number) => Number.isInteger(v);

/** validate returns a message for values the backend would certainly refuse, or ''. */
export function validate(v: ConvertSettingsValues): string {
  if (!isWhole(v.urgencyDays) || v.urgencyDays < 1 || v.urgencyDays > 90) {
    return 'The trial-ending window must be a whole number of days from 1 to 90.';
  }
  if (!isWhole(v.highCutoff) || v.highCutoff < 1 || v.highCutoff > 100) return 'High must be a whole number from 1 to 100.';
  if (!isWhole(v.mediumCutoff) || v.mediumCutoff < 1 || v.mediumCutoff > 100) {
    return 'Medium must be a whole number from 1 to 100.';
  }
  if (v.highCutoff <= v.mediumCutoff) return 'The High cut-off must be above the Medium cut-off.';
  if (!isWhole(v.minValueMinor) || v.minValueMinor < 0) return 'The minimum estimated value must be a number, zero or more.';
  return '';
}

function copy(v: ConvertSettingsValues): ConvertSettingsValues {
  return { ...v, statuses: [...(v.statuses ?? [])], excludeDomains: [...(v.excludeDomains ?? [])] };
}

export class ConvertSettingsState {
  dto = $state.raw<ConvertSettingsDTO | null>(null);
  values = $state<ConvertSettingsValues>(copy(blank));
  /** the excluded-domains box as typed (one domain a line); values.excludeDomains is parsed from it */
  domainsText = $state('');
  /** the minimum estimated value box as typed, in major units of the base currency */
  minValueText = $state('0');
  loading = $state(false);
  loadError = $state.raw<ApiError | null>(null);

  invalid = $derived(validate(this.values));
  baseCurrency = $derived(this.dto?.baseCurrency || 'USD');
  isDefault = $derived.by(() => {
    const d = this.dto?.defaults;
    return !d || sameValues(this.values, d);
  });

  readonly autosave: Autosave<ConvertSettingsDTO>;
  #loadSeq = 0;

  constructor(
    readonly onSaved?: (dto: ConvertSettingsDTO) => void,
    readonly delay = SAVE_DELAY,
  ) {
    this.autosave = new Autosave({
      save: () => saveConvertSettings(copy(this.values)),
      invalid: () => this.invalid,
      // The form keeps what was typed: only the stored copy is refreshed.
      saved: (dto) => {
        this.dto = dto;
        this.onSaved?.(dto);
      },
      delay,
    });
  }

  get saveStatus() {
    return this.autosave.status;
  }

  get saveError() {
    return this.autosave.error;
  }

  async load() {
    const seq = ++this.#loadSeq;
    this.loading = true;
    try {
      const dto = await convertSettings();
      if (seq !== this.#loadSeq) return;
      this.dto = dto;
      this.loadError = null;
      // Edits not saved yet (pending, or refused by the backend) stay in the form.
      if (!this.autosave.pending && (this.saveStatus === 'idle' || this.saveStatus === 'saved')) this.#fill(dto.settings);
    } catch (e) {
      if (seq !== this.#loadSeq) return;
      this.loadError = toApiError(e);
    } finally {
      if (seq === this.#loadSeq) this.loading = false;
    }
  }

  setToggle(key: ToggleKey, on: boolean) {
    this.values = { ...this.values, [key]: on };
    this.#edited();
  }

  setStatus(status: string, on: boolean) {
    const cur = this.values.statuses ?? [];
    const statuses = on ? (cur.includes(status) ? cur : [...cur, status]) : cur.filter((s) => s !== status);
    this.values = { ...this.values, statuses };
    this.#edited();
  }

  setNumber(key: NumberKey, value: number) {
    this.values = { ...this.values, [key]: value };
    this.#edited();
  }

  setDomainsText(text: string) {
    this.domainsText = text;
    this.values = { ...this.values, excludeDomains: parseDomains(text) };
    this.#edited();
  }

  /** setMinValueText takes the amount in major units ("1,500.50") and keeps minor units. */
  setMinValueText(text: string) {
    this.minValueText = text;
    const clean = text.replace(/[\s,]/g, '');
    const major = clean === '' ? 0 : Number(clean);
    const unit = 10 ** minorDigits(this.baseCurrency);
    this.values = { ...this.values, minValueMinor: Number.isFinite(major) ? Math.round(major * unit) : NaN };
    this.#edited();
  }

  /** resetToDefaults puts the defaults in the form (and saves them); it returns the values before, for Undo. */
  resetToDefaults(): ConvertSettingsValues | null {
    const d = this.dto?.defaults;
    if (!d) return null;
    const before = copy(this.values);
    this.#fill(d);
    this.#edited();
    return before;
  }

  /** restore puts earlier values back (Undo of a reset) and saves them. */
  restore(v: ConvertSettingsValues) {
    this.#fill(v);
    this.#edited();
  }

  /** flush saves a pending edit at once (the tab is left). */
  flush() {
    return this.autosave.flush();
  }

  dispose() {
    this.autosave.dispose();
  }

  #fill(v: ConvertSettingsValues) {
    this.values = copy(v);
    this.domainsText = (v.excludeDomains ?? []).join('\n');
    this.minValueText = formatMajor(v.minValueMinor, this.baseCurrency);
  }

  #edited() {
    this.autosave.edited();
  }
}

/** formatMajor renders minor units of currency as a plain major amount for an input: 150050 USD → "1500.5", 30000 JPY → "30000". */
export function formatMajor(minor: number, currency = 'USD'): string {
  if (!Number.isFinite(minor)) return '';
  return String(minor / 10 ** minorDigits(currency));
}

function sameValues(a: ConvertSettingsValues, b: ConvertSettingsValues): boolean {
  const sameList = (x: string[] = [], y: string[] = []) =>
    x.length === y.length && [...x].sort().every((v, i) => v === [...y].sort()[i]);
  return (
    a.includeSalesbricks === b.includeSalesbricks &&
    a.includeStripe === b.includeStripe &&
    a.excludeFreeMail === b.excludeFreeMail &&
    a.excludePaying === b.excludePaying &&
    a.minValueMinor === b.minValueMinor &&
    a.urgencyDays === b.urgencyDays &&
    a.highCutoff === b.highCutoff &&
    a.mediumCutoff === b.mediumCutoff &&
    sameList(a.statuses, b.statuses) &&
    sameList(a.excludeDomains, b.excludeDomains)
  );
}
