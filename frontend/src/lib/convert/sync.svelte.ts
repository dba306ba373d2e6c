// Sync trials: one run at a time. While it runs the backend reports each
// phase ("Loading…", "Checking sources…", …) as a numbered convert:phase
// event. The page shows the phases inline one after another in their
// number order, each for at least PHASE_DWELL_MS, so a quick run (the demo
// book, a small live book) still reads as its steps and a transport that
// delivers events out of order cannot scramble them. The run's answer
// gives the new last-synced time, any warnings and the phases that ran
// (shown from there when their events come late); the run ends on screen
// once its last phase has been shown.
import { onConvertPhase, syncTrials, type ConvertPhase, type SyncTrialsDTO } from '../api/convert';
import { toApiError } from '../api/core';

/** The least time a phase label stays on screen before the next replaces it. */
export const PHASE_DWELL_MS = 250;

export class ConvertSyncState {
  running = $state(false);
  /** the label of the phase under way ("" before the first one arrives) */
  phase = $state('');
  /** every phase label of the current (or last) run, in the order shown */
  phases = $state<string[]>([]);
  result = $state.raw<SyncTrialsDTO | null>(null);
  error = $state('');
  /** warnings of the last run, until dismissed */
  warnings = $state<string[]>([]);

  /** phases received but not shown yet, by number */
  #pending: ConvertPhase[] = [];
  /** the number of the last phase shown (or passed over) */
  #shown = 0;
  /** the last number given to an event that came without one */
  #received = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** the answer came: show what is left in order, then end the run */
  #answered = false;
  #drained: (() => void) | null = null;

  constructor(readonly onFinished?: (dto: SyncTrialsDTO) => void) {}

  /** lastSyncedAt is the newer of the last run's time and `fallback` (the summary's). */
  lastSyncedAt(fallback: string): string {
    const mine = this.result?.lastSyncedAt ?? '';
    if (!mine) return fallback;
    if (!fallback) return mine;
    return Date.parse(mine) >= Date.parse(fallback) ? mine : fallback;
  }

  applyPhase(p: { phase: string; label: string; seq?: number }) {
    if (!this.running) return; // not a run this window started
    const seq = p.seq && p.seq > 0 ? p.seq : this.#received + 1;
    this.#received = Math.max(this.#received, seq);
    if (seq <= this.#shown || this.#pending.some((x) => x.seq === seq)) return; // late or repeated
    this.#pending.push({ phase: p.phase, label: p.label, seq });
    this.#pending.sort((a, b) => a.seq - b.seq);
    this.#pump();
  }

  /** #pump shows the next phase when its turn has come and the last one has had its time. */
  #pump() {
    if (this.#timer) return;
    const next = this.#pending[0];
    // In order: the next number, or whatever is left once the answer came.
    if (!next || (next.seq !== this.#shown + 1 && !this.#answered)) {
      if (this.#answered && !next) this.#finish();
      return;
    }
    this.#pending.shift();
    this.#shown = next.seq;
    if (next.phase === 'done') {
      this.phase = '';
      this.#pump();
      return;
    }
    if (!next.label) {
      this.#pump();
      return;
    }
    this.phase = next.label;
    this.phases = [...this.phases, next.label];
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#pump();
    }, PHASE_DWELL_MS);
  }

  #finish() {
    this.running = false;
    this.phase = '';
    this.#drained?.();
    this.#drained = null;
  }

  async run(): Promise<boolean> {
    if (this.running) return false;
    this.running = true;
    this.phase = '';
    this.phases = [];
    this.error = '';
    this.warnings = [];
    this.#pending = [];
    this.#shown = 0;
    this.#received = 0;
    this.#answered = false;
    const stop = onConvertPhase((p) => this.applyPhase(p));
    let ok = false;
    try {
      const dto = await syncTrials();
      // The answer lists the phases that ran: any whose event has not come
      // (a transport may deliver the answer first) is shown from it, in order.
      (dto.phases ?? []).forEach((label, i) => this.applyPhase({ phase: 'phase', label, seq: i + 1 }));
      this.result = dto;
      this.warnings = (dto.warnings ?? []).filter((w) => !!w);
      ok = true;
    } catch (e) {
      this.error = toApiError(e).message;
      this.#pending = []; // a failed run says so at once
    }
    const drained = new Promise<void>((resolve) => (this.#drained = resolve));
    this.#answered = true;
    this.#pump();
    await drained;
    stop();
    if (ok && this.result) this.onFinished?.(this.result);
    return ok;
  }

  dismissWarnings() {
    this.warnings = [];
  }
}
