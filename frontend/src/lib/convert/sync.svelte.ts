// Sync trials: one run at a time. While it runs the backend reports each
// phase ("Loading…", "Checking sources…", …) as a convert:phase event; the
// page shows the newest label inline and keeps every label in the order it
// arrived. The run's answer gives the new last-synced time and any warnings.
import { onConvertPhase, syncTrials, type SyncTrialsDTO } from '../api/convert';
import { toApiError } from '../api/core';

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

  constructor(readonly onFinished?: (dto: SyncTrialsDTO) => void) {}

  /** lastSyncedAt is the newer of the last run's time and `fallback` (the summary's). */
  lastSyncedAt(fallback: string): string {
    const mine = this.result?.lastSyncedAt ?? '';
    if (!mine) return fallback;
    if (!fallback) return mine;
    return Date.parse(mine) >= Date.parse(fallback) ? mine : fallback;
  }

  applyPhase(p: { phase: string; label: string }) {
    if (!this.running) return; // not a run this window started
    if (p.phase === 'done') {
      this.phase = '';
      return;
    }
    if (!p.label) return;
    this.phase = p.label;
    this.phases = [...this.phases, p.label];
  }

  async run(): Promise<boolean> {
    if (this.running) return false;
    this.running = true;
    this.phase = '';
    this.phases = [];
    this.error = '';
    this.warnings = [];
    const stop = onConvertPhase((p) => this.applyPhase(p));
    try {
      const dto = await syncTrials();
      this.result = dto;
      this.warnings = (dto.warnings ?? []).filter((w) => !!w);
      this.onFinished?.(dto);
      return true;
    } catch (e) {
      this.error = toApiError(e).message;
      return false;
    } finally {
      stop();
      this.running = false;
      this.phase = '';
    }
  }

  dismissWarnings() {
    this.warnings = [];
  }
}
