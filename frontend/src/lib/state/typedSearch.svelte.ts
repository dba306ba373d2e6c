// What is typed in a page's search box, and when it becomes the query.

/** How long typing must pause, in ms, before a search box's text becomes the query. */
export const SEARCH_DELAY = 200;

/**
 * TypedSearch holds a search box's text and hands it, trimmed, to apply once
 * typing pauses for delay ms, or at once on flush and clear. apply decides
 * whether the text differs from the query it has.
 */
export class TypedSearch {
  /** what is typed in the box */
  text = $state('');
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #apply: (search: string) => void;
  readonly #delay: number;

  constructor(apply: (search: string) => void, delay: number = SEARCH_DELAY) {
    this.#apply = apply;
    this.#delay = delay;
  }

  /** set records a keystroke's text; apply follows when typing pauses. */
  set(text: string) {
    this.text = text;
    this.#cancel();
    this.#timer = setTimeout(() => this.flush(), this.#delay);
  }

  /** flush applies the text now. */
  flush() {
    this.#cancel();
    this.#apply(this.text.trim());
  }

  /** clear empties the box and applies that now. */
  clear() {
    this.text = '';
    this.flush();
  }

  /** reset empties the box without applying it: the caller sets the query itself. */
  reset() {
    this.text = '';
    this.#cancel();
  }

  /** dispose drops a pending apply. */
  dispose() {
    this.#cancel();
  }

  #cancel() {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
