// Forms without a Save button: an edit saves a moment after the last one.
import { toApiError } from '../api/core';

/** How long after the last edit, in ms, a form saves. */
export const SAVE_DELAY = 600;

/** Where a form's saving stands: pending is an edit waiting for its save. */
export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface AutosaveOptions<D> {
  /** save stores the form and returns the stored copy, or throws */
  save: () => Promise<D>;
  /** invalid says why the form cannot be saved, or '' */
  invalid: () => string;
  /** saved takes the stored copy of the newest save */
  saved: (dto: D) => void;
  delay?: number;
}

/**
 * Autosave saves a form delay ms after its last edit and says where that
 * stands. A form the backend would refuse is not sent: its status is error
 * with invalid's message. An answer overtaken by a later save is dropped, and
 * an edit made while a save runs keeps the status pending.
 */
export class Autosave<D> {
  status = $state<SaveStatus>('idle');
  /** why the form cannot be saved, or why the last save failed */
  error = $state('');
  #timer: ReturnType<typeof setTimeout> | null = null;
  #seq = 0;
  readonly #opts: AutosaveOptions<D>;

  constructor(opts: AutosaveOptions<D>) {
    this.#opts = opts;
  }

  /** pending is whether an edit waits for its save */
  get pending(): boolean {
    return this.#timer !== null;
  }

  /** edited records that the form changed: it saves after the delay, unless it is invalid. */
  edited() {
    this.#cancel();
    const invalid = this.#opts.invalid();
    if (invalid) {
      this.status = 'error';
      this.error = invalid;
      return;
    }
    this.status = 'pending';
    this.error = '';
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#save();
    }, this.#opts.delay ?? SAVE_DELAY);
  }

  /** flush saves a pending edit now (the form is closing). */
  async flush() {
    if (this.#timer === null) return;
    this.#cancel();
    await this.#save();
  }

  /** dispose drops a pending edit unsaved. */
  dispose() {
    this.#cancel();
  }

  async #save() {
    if (this.#opts.invalid()) return;
    const seq = ++this.#seq;
    this.status = 'saving';
    this.error = '';
    try {
      const dto = await this.#opts.save();
      if (seq !== this.#seq) return;
      if (this.#timer === null) this.status = 'saved';
      this.#opts.saved(dto);
    } catch (e) {
      if (seq !== this.#seq) return;
      this.status = 'error';
      this.error = toApiError(e).message;
    }
  }

  #cancel() {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
