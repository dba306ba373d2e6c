// The state of a dialog that picks one item and then confirms an action on
// it (attach a record to an account, merge an account in): what is chosen,
// whether the action runs, and why it was refused. Choosing again clears
// the refusal; while the action runs, nothing starts twice.
import { toApiError } from '../api/core';

export class PickConfirm<T> {
  #chosen = $state.raw<T | null>(null);
  busy = $state(false);
  error = $state('');

  get chosen(): T | null {
    return this.#chosen;
  }

  set chosen(v: T | null) {
    this.#chosen = v;
    this.error = '';
  }

  /** reset starts over for a new target: nothing chosen, no error, idle. */
  reset() {
    this.#chosen = null;
    this.error = '';
    this.busy = false;
  }

  /**
   * confirm runs act on the chosen item. It resolves true when act
   * succeeded, false when nothing is chosen, an action already runs, or act
   * was refused (its reason is in error).
   */
  async confirm(act: (chosen: T) => Promise<unknown>): Promise<boolean> {
    const v = this.#chosen;
    if (v === null || this.busy) return false;
    this.busy = true;
    this.error = '';
    try {
      await act(v);
      return true;
    } catch (e) {
      this.error = toApiError(e).message;
      return false;
    } finally {
      this.busy = false;
    }
  }
}
