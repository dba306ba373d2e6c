// Watches the demo book's build, which the window starts behind itself on
// a day's first open: while it runs, every page's data waits for it, and
// this is what says how far it has come.
import { demoBuild, type DemoBuildDTO } from '../api/settings';

/** How often to ask while a build runs. */
export const DEMO_BUILD_POLL_MS = 300;

export class DemoBuildWatch {
  /** the latest answer while a build runs; null before the first and once it is over */
  progress = $state<DemoBuildDTO | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #switchTimer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;

  constructor(private opts: { onFailed?: (message: string) => void } = {}) {}

  /** start asks until the book is open; the returned function stops asking. */
  start(): () => void {
    void this.#ask();
    return () => {
      this.#stopped = true;
      if (this.#timer) clearTimeout(this.#timer);
      if (this.#switchTimer) clearTimeout(this.#switchTimer);
    };
  }

  /**
   * during asks while pending, a switch to the demo book, is under way, so
   * the build it may start (the book is made once a day) shows how far it
   * has come; once pending settles it stops and the notice goes. A failed
   * switch is the switcher's to report, not this watch's.
   */
  during(pending: Promise<unknown>): void {
    let settled = false;
    const end = () => {
      settled = true;
      if (this.#switchTimer) clearTimeout(this.#switchTimer);
      this.progress = null;
    };
    pending.then(end, end);
    const ask = async () => {
      let p: DemoBuildDTO;
      try {
        p = await demoBuild();
      } catch {
        return;
      }
      if (settled || this.#stopped) return;
      this.progress = p.building ? p : null;
      this.#switchTimer = setTimeout(() => void ask(), DEMO_BUILD_POLL_MS);
    };
    void ask();
  }

  /** fraction is how far the build has come, 0–1: writing accounts is most of it, scoring the rest. */
  get fraction(): number {
    const p = this.progress;
    if (!p || p.accounts <= 0) return 0;
    const written = Math.min(1, p.written / p.accounts);
    const scored = p.snapshots > 0 ? Math.min(1, p.scored / p.snapshots) : 0;
    return 0.8 * written + 0.2 * scored;
  }

  async #ask() {
    let p: DemoBuildDTO;
    try {
      p = await demoBuild();
    } catch {
      this.progress = null; // the pages say what failed; this only reports progress
      return;
    }
    if (this.#stopped) return;
    if (p.building) {
      this.progress = p;
      this.#timer = setTimeout(() => void this.#ask(), DEMO_BUILD_POLL_MS);
      return;
    }
    this.progress = null;
    if (p.failed) this.opts.onFailed?.(p.failed);
  }
}
