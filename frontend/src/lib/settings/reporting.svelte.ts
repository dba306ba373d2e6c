// Settings → Reporting currency: the currency portfolio totals are shown in,
// and the rate of every other currency into it.
//
// Picking another currency saves at once (the backend restates the rates in
// it). A rate saves SAVE_DELAY ms after the last keystroke, with every rate
// row (blank: 0, no rate). Saves run one after another, never side by side.
// What was typed stays on screen until it is saved: a refused save keeps it
// and shows the backend's message, and a blanked row stays in the list.
import { reporting, saveReporting, type RateDTO, type ReportingDTO } from '../api/settings';
import { toApiError, type ApiError } from '../api/core';
import { SAVE_DELAY, type SaveStatus } from '../state/autosave.svelte';

export { SAVE_DELAY, type SaveStatus } from '../state/autosave.svelte';

export interface RateRow {
  currency: string;
  inBook: boolean;
  /** the rate as saved; 0: none yet (converts at 1) */
  saved: number;
  /** what the input holds */
  draft: string;
  /** the input holds text that is not a number (a browser reports it as blank) */
  bad: boolean;
}

/** formatRate is how a saved rate is shown: six significant digits, blank for none. */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate) || rate <= 0) return '';
  return String(Number(rate.toPrecision(6)));
}

/**
 * rateOf is the rate a row saves: the saved rate exactly while the input
 * shows it untouched, else the typed number (blank: 0). NaN: not a number.
 */
export function rateOf(row: Pick<RateRow, 'draft' | 'saved'>): number {
  return row.draft === formatRate(row.saved) ? row.saved : parseRate(row.draft);
}

/** parseRate reads a typed rate: blank is 0 (no rate), NaN is not a number. */
export function parseRate(draft: string): number {
  const t = draft.trim();
  return t === '' ? 0 : Number(t);
}

/** hasNoRate reports whether the row's amounts are added as if at 1. */
export function hasNoRate(row: RateRow): boolean {
  return !row.bad && rateOf(row) === 0;
}

export class ReportingState {
  dto = $state.raw<ReportingDTO | null>(null);
  rows = $state<RateRow[]>([]);
  /** the reporting currency the select shows (the chosen one while it saves) */
  base = $state('');
  loadError = $state.raw<ApiError | null>(null);
  status = $state<SaveStatus>('idle');
  /** why the last save failed, or why the typed rates cannot be saved */
  message = $state('');
  /** a new reporting currency is chosen and saving: the rates will be restated */
  rebasing = $state(false);

  #timer: ReturnType<typeof setTimeout> | null = null;
  /** the reporting currency last chosen, until it is saved or refused */
  #wanted: string | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #saving = 0;
  /** typed rates not saved yet */
  #unsaved = false;
  /** bumps on every edit and save, so a load answered meanwhile is dropped */
  #version = 0;
  #loadSeq = 0;

  constructor(readonly delay = SAVE_DELAY) {}

  async load() {
    const seq = ++this.#loadSeq;
    const version = this.#version;
    try {
      const dto = await reporting();
      if (seq !== this.#loadSeq || version !== this.#version) return;
      this.#show(dto, null);
      this.loadError = null;
    } catch (e) {
      if (seq !== this.#loadSeq || this.dto) return; // a failed reload keeps what is shown
      this.loadError = toApiError(e);
    }
  }

  retry() {
    this.loadError = null;
    return this.load();
  }

  /** refresh reloads after backend data changed, unless edits are pending or saving. */
  refresh() {
    if (!this.dto || this.#busy()) return;
    void this.load();
  }

  /** setRate records what the rate input for currency holds and saves it after the delay. */
  setRate(currency: string, value: string, badInput = false) {
    const row = this.rows.find((r) => r.currency === currency);
    if (!row || this.rebasing) return;
    row.draft = value;
    row.bad = badInput || Number.isNaN(parseRate(value));
    this.#unsaved = true;
    this.#version++;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const bad = this.rows.find((r) => r.bad);
    if (bad) {
      this.status = 'error';
      this.message = `Type the rate for ${bad.currency} as a number, such as 1.08.`;
      return;
    }
    this.status = 'pending';
    this.message = '';
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#enqueue(() => this.#saveRates());
    }, this.delay);
  }

  /** chooseBase reports totals in base: typed rates are saved first, then the rates are restated. */
  chooseBase(base: string): Promise<void> {
    if (!this.dto) return Promise.resolve();
    this.#wanted = base;
    this.base = base;
    this.rebasing = true;
    this.flush();
    return this.#enqueue(() => this.#rebase(base));
  }

  /** flush saves typed rates now rather than after the delay (the section is closing). */
  flush() {
    if (this.#timer === null) return;
    clearTimeout(this.#timer);
    this.#timer = null;
    void this.#enqueue(() => this.#saveRates());
  }

  #busy() {
    return this.#timer !== null || this.#saving > 0 || this.#unsaved || this.rows.some((r) => r.bad);
  }

  #enqueue(fn: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(fn);
    this.#queue = run.catch(() => {});
    return run;
  }

  async #saveRates() {
    const dto = this.dto;
    if (!dto || this.rows.length === 0 || this.rows.some((r) => r.bad)) return; // no rates would mean "restate"
    const sent = new Map(this.rows.map((r) => [r.currency, r.draft]));
    const rates: RateDTO[] = this.rows.map((r) => ({ currency: r.currency, rate: rateOf(r), inBook: r.inBook }));
    this.#version++;
    this.#saving++;
    this.status = 'saving';
    try {
      const next = await saveReporting({ base: dto.base, rates });
      this.#unsaved = this.rows.some((r) => r.draft !== sent.get(r.currency));
      this.#show(next, sent);
      if (this.#timer === null) {
        this.status = 'saved';
        this.message = '';
      }
    } catch (e) {
      if (this.#timer === null) {
        this.status = 'error';
        this.message = toApiError(e).message;
      }
    } finally {
      this.#saving--;
    }
  }

  async #rebase(base: string) {
    if (base !== this.#wanted) return; // a later choice replaced it
    const dto = this.dto;
    if (!dto || base === dto.base) return this.#settled(base);
    if (this.#unsaved || this.rows.some((r) => r.bad)) {
      // Restating would drop the typed rates: keep them, and the currency.
      this.#settled(base);
      this.status = 'error';
      if (!this.message) this.message = 'Fix the rates below before choosing another reporting currency.';
      return;
    }
    this.#version++;
    this.#saving++;
    this.status = 'saving';
    this.message = '';
    try {
      const next = await saveReporting({ base, rates: [] });
      this.#show(next, null);
      if (this.#wanted === base) this.status = 'saved';
    } catch (e) {
      if (this.#wanted === base) {
        this.status = 'error';
        this.message = toApiError(e).message;
      }
    } finally {
      this.#saving--;
      this.#settled(base);
    }
  }

  /** #settled ends the choice of base unless a later one is waiting; the select shows the saved currency. */
  #settled(base: string) {
    if (this.#wanted !== base) return;
    this.#wanted = null;
    this.rebasing = false;
    this.base = this.dto?.base ?? '';
  }

  /**
   * #show takes dto as the saved state. After a rates save (`sent` holds the
   * drafts saved), what was typed stays: a draft edited meanwhile, one that
   * says the saved number in other words, and a row the save removed.
   */
  #show(dto: ReportingDTO, sent: Map<string, string> | null) {
    const old = new Map(this.rows.map((r) => [r.currency, r]));
    const rows: RateRow[] = (dto.rates ?? []).map((r) => {
      const o = old.get(r.currency);
      let draft = formatRate(r.rate);
      if (o && parseRate(o.draft) === r.rate) draft = o.draft; // "1.10" stays "1.10"
      if (o && sent && (o.draft !== sent.get(r.currency) || o.bad)) draft = o.draft;
      return { currency: r.currency, inBook: r.inBook, saved: r.rate, draft, bad: !!(o && sent && o.bad) };
    });
    if (sent) {
      const listed = new Set(rows.map((r) => r.currency));
      for (const o of old.values()) if (!listed.has(o.currency)) rows.push({ ...o, saved: 0 });
      rows.sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
    }
    this.dto = dto;
    this.rows = rows;
    this.base = this.#wanted ?? dto.base;
  }
}
