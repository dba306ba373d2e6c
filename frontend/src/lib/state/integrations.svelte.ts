// Settings → Integrations: every source's card, the sections' readiness and
// the sync schedule, kept current by backend events. Live progress arrives
// per source (and run-wide, with source "") and is dropped when the run
// finishes. A pasted token is passed straight to the backend and never kept.
import { formatCount } from '../format';
import {
  cancelSync,
  connectSource,
  disconnectPreview,
  disconnectSource,
  integrations,
  setMode,
  setSourceOptions,
  setSyncInterval,
  sourceProperties,
  syncNow,
  type ConnectDTO,
  type DisconnectDTO,
  type IntegrationDTO,
  type IntegrationsDTO,
  type Mode,
  type PropertiesDTO,
  type SourceRowsDTO,
} from '../api/settings';
import { onDataChanged, onSyncFinished, onSyncProgress, type SyncFinished, type SyncProgress } from '../api/events';
import { toApiError } from '../api/core';
import type { ToastState } from './toasts.svelte';
import { Resource } from './resource.svelte';
import { connectedMessage, finishedMessage, intervalLabel, removedMessage } from '../settings/text';

/** LiveProgress is the newest progress step; seq orders source and run-wide steps. */
export interface LiveProgress {
  phase: string;
  done: number;
  total: number;
  seq: number;
}

/**
 * A Sync now that has shown no sign of running this long after it was asked
 * for (the backend found nothing to run, or another run took its place and
 * ended) stops showing as running at the next load.
 */
export const STALE_REQUEST_MS = 10_000;

/** data:changed kinds that change this page. */
const RELOAD_ON = new Set(['sync', 'integrations', 'mode']);

export interface IntegrationsOptions {
  toasts?: ToastState;
  /** called after the window switched books (everything shown must reload) */
  onModeChanged?: (mode: Mode) => void;
  /** called as a switch of books starts, with the call that makes it (a switch to the demo book may build it first) */
  onSwitching?: (mode: Mode, pending: Promise<unknown>) => void;
  /** milliseconds that close-together reload requests are coalesced over */
  reloadDelay?: number;
}

export class IntegrationsState extends Resource<IntegrationsDTO> {
  /** per-source progress of the run under way */
  progress = $state<Record<string, LiveProgress>>({});
  /** the run-wide step ("Checking sources…", "Tallying…") of the run under way */
  runWide = $state<LiveProgress | null>(null);
  /** sources a Sync now from this window started, until their run finishes */
  requested = $state<string[]>([]);
  /** sources whose Cancel was asked for, until their run finishes */
  canceling = $state<string[]>([]);
  /** the first connection offered to show the live book */
  offerLive = $state(false);
  modeBusy = $state(false);
  intervalBusy = $state(false);

  /** sources whose run finished since the last load (their saved status is stale) */
  #settled = $state<string[]>([]);
  #runSettled = $state(false);
  #seq = 0;
  /** the seq of the last finished run's event: older progress is stale */
  #finishedSeq = 0;
  #loadSeq = 0;
  #requestedAt = 0;
  #reloadTimer: ReturnType<typeof setTimeout> | null = null;

  items = $derived(this.data?.integrations ?? []);
  sections = $derived(this.data?.sections ?? []);
  anyConnected = $derived(this.data?.anyConnected ?? false);
  mode = $derived(this.data?.mode ?? '');
  /** whether any sync run is under way */
  running = $derived(
    this.runWide !== null ||
      Object.keys(this.progress).length > 0 ||
      this.requested.length > 0 ||
      (!!this.data?.running && !this.#runSettled),
  );

  constructor(readonly opts: IntegrationsOptions = {}) {
    super();
  }

  async load(): Promise<void> {
    const seq = ++this.#loadSeq;
    await this.fetchLatest(() => integrations());
    if (seq !== this.#loadSeq || this.error) return;
    this.#settled = [];
    this.#runSettled = false;
    if (this.data?.mode === 'live') this.offerLive = false;
    const quiet = !this.data?.running && this.runWide === null && Object.keys(this.progress).length === 0;
    if (quiet && this.requested.length && Date.now() - this.#requestedAt > STALE_REQUEST_MS) this.requested = [];
  }

  /** reloadSoon coalesces reload requests that arrive together (an action and its event). */
  reloadSoon() {
    if (this.#reloadTimer) return;
    this.#reloadTimer = setTimeout(() => {
      this.#reloadTimer = null;
      void this.load();
    }, this.opts.reloadDelay ?? 30);
  }

  /** start follows the backend's sync and data events; returns a stop function. */
  start(): () => void {
    const stops = [
      onSyncProgress((p) => this.applyProgress(p)),
      onSyncFinished((f) => this.applyFinished(f)),
      onDataChanged((d) => {
        if (d.what && RELOAD_ON.has(d.what)) this.reloadSoon();
      }),
    ];
    return () => {
      for (const stop of stops) stop();
      if (this.#reloadTimer) clearTimeout(this.#reloadTimer);
      this.#reloadTimer = null;
    };
  }

  integration(source: string): IntegrationDTO | undefined {
    return this.items.find((i) => i.source === source);
  }

  label(source: string): string {
    return this.integration(source)?.label ?? source;
  }

  /** isRunning reports whether source is syncing now, as far as this window knows. */
  isRunning(source: string): boolean {
    if (this.progress[source] || this.requested.includes(source)) return true;
    if (this.#settled.includes(source) || this.#runSettled) return false;
    return this.integration(source)?.sync?.status === 'running';
  }

  /** progressFor is the newest step that concerns source, or null (running without one yet, or idle). */
  progressFor(source: string): LiveProgress | null {
    if (!this.isRunning(source)) return null;
    const own = this.progress[source];
    const wide = this.runWide;
    if (own && wide) return own.seq > wide.seq ? own : wide;
    return own ?? wide ?? null;
  }

  applyProgress(p: SyncProgress) {
    // Sent before the last finished event, delivered after it: that run is over.
    if (p.seq !== undefined && p.seq < this.#finishedSeq) return;
    const step: LiveProgress = { phase: p.phase, done: p.done, total: p.total, seq: ++this.#seq };
    this.#runSettled = false;
    if (p.source === '') {
      this.runWide = step;
      return;
    }
    this.progress = { ...this.progress, [p.source]: step };
    if (this.#settled.includes(p.source)) this.#settled = this.#settled.filter((s) => s !== p.source);
  }

  applyFinished(f: SyncFinished) {
    if (f.seq !== undefined) this.#finishedSeq = Math.max(this.#finishedSeq, f.seq);
    // Only one run is under way at a time, so the run's end clears every step.
    const mine = new Set(this.requested);
    for (const s of f.sources) {
      if (!mine.has(s.source)) continue;
      const m = finishedMessage(this.label(s.source), s);
      this.opts.toasts?.push(m);
    }
    // A source that synced shows its new last success at once, not only
    // after the reload below (until then the card would still say "Never").
    const ok = new Map(f.sources.filter((s) => s.status === 'idle').map((s) => [s.source, s]));
    if (ok.size && this.data) {
      const list = this.items.map((i) => {
        const s = ok.get(i.source);
        if (!s) return i;
        const prev = i.sync;
        return {
          ...i,
          sync: {
            status: 'idle',
            lastSuccessAt: f.finishedAt,
            lastError: '',
            errorCount: 0,
            itemsSynced: prev?.itemsSynced ?? s.items,
            nextRunAt: prev?.nextRunAt ?? '',
          },
        };
      });
      this.#patch({ integrations: list });
    }
    this.progress = {};
    this.runWide = null;
    this.requested = [];
    this.canceling = [];
    this.#settled = [...new Set([...this.#settled, ...f.sources.map((s) => s.source)])];
    this.#runSettled = true;
    this.#loadSeq++; // a load already in flight read the run as still going
    this.reloadSoon();
  }

  /**
   * connect checks and saves a pasted credential. It throws ApiError for the
   * dialog to show inline; on success it toasts and starts following the
   * first sync. The token is not kept anywhere.
   */
  async connect(source: string, token: string, options: Record<string, string> = {}): Promise<ConnectDTO> {
    const dto = await connectSource(source, token, options);
    const list = this.items.map((i) => (i.source === source ? dto.integration : i));
    this.#patch({ integrations: list, anyConnected: true });
    if (dto.syncing && !this.requested.includes(source)) {
      this.requested = [...this.requested, source];
      this.#requestedAt = Date.now();
    }
    if (dto.offerLive) this.offerLive = true;
    this.opts.toasts?.push({ message: connectedMessage(dto.integration), tone: 'success' });
    this.reloadSoon();
    return dto;
  }

  /** previewDisconnect counts the rows a disconnect with data removal deletes. */
  previewDisconnect(source: string): Promise<SourceRowsDTO> {
    return disconnectPreview(source);
  }

  /** disconnect removes the key (and with removeData the data). Throws ApiError. */
  async disconnect(source: string, removeData: boolean): Promise<DisconnectDTO> {
    const label = this.label(source);
    const dto = await disconnectSource(source, removeData);
    this.requested = this.requested.filter((s) => s !== source);
    this.opts.toasts?.push({ message: removedMessage(label, removeData, dto.removed), tone: 'success' });
    this.reloadSoon();
    return dto;
  }

  /** properties reads the properties source offers to show (live, with the saved key) and the chosen ones. */
  properties(source: string): Promise<PropertiesDTO> {
    return sourceProperties(source);
  }

  /**
   * setProperties saves the properties source shows (its "properties"
   * setting); the next sync uses them. Throws ApiError for the dialog to
   * show inline; on success the card shows the saved setting at once.
   */
  async setProperties(source: string, names: string[]): Promise<IntegrationDTO> {
    const dto = await setSourceOptions(source, { properties: names.join(',') });
    this.#patch({ integrations: this.items.map((i) => (i.source === source ? dto : i)) });
    const count = names.length === 0 ? 'no extra' : `${formatCount(names.length)}`;
    const noun = names.length === 1 ? 'property' : 'properties';
    this.opts.toasts?.push({ message: `${dto.label || this.label(source)} will show ${count} ${noun} from the next sync.`, tone: 'success' });
    this.reloadSoon();
    return dto;
  }

  /** syncNow starts the named sources (every connected one when none is named). */
  async syncNow(sources: string[] = []): Promise<boolean> {
    const targets = sources.length
      ? sources
      : this.items.filter((i) => i.status === 'connected' && i.built).map((i) => i.source);
    const before = this.requested;
    this.requested = [...new Set([...before, ...targets])];
    this.#requestedAt = Date.now();
    this.#runSettled = false;
    this.#settled = this.#settled.filter((s) => !targets.includes(s));
    try {
      await syncNow(sources);
      return true;
    } catch (e) {
      this.requested = before;
      const label = sources.length === 1 ? this.label(sources[0]) : 'Sync';
      this.opts.toasts?.push({ message: `${label}: ${toApiError(e).message}`, tone: 'error' });
      return false;
    }
  }

  /** cancel stops source's run after the page in flight; what was saved stays. */
  async cancel(source: string): Promise<void> {
    if (this.canceling.includes(source)) return;
    this.canceling = [...this.canceling, source];
    try {
      const res = await cancelSync(source);
      if (!res.canceled) {
        this.canceling = this.canceling.filter((s) => s !== source);
        this.opts.toasts?.push({ message: `${this.label(source)} was not syncing.`, tone: 'info' });
        this.reloadSoon();
      }
    } catch (e) {
      this.canceling = this.canceling.filter((s) => s !== source);
      this.opts.toasts?.push({ message: `Could not cancel: ${toApiError(e).message}`, tone: 'error' });
    }
  }

  /** setInterval saves the schedule's period (shown at once, put back if refused). */
  async setInterval(minutes: number): Promise<void> {
    const before = this.data?.intervalMinutes;
    this.#patch({ intervalMinutes: minutes });
    this.intervalBusy = true;
    try {
      await setSyncInterval(minutes);
      this.opts.toasts?.push({ message: `Connected sources now sync ${intervalLabel(minutes).toLowerCase()}.`, tone: 'success' });
    } catch (e) {
      if (before !== undefined) this.#patch({ intervalMinutes: before });
      this.opts.toasts?.push({ message: `Could not change the schedule: ${toApiError(e).message}`, tone: 'error' });
    } finally {
      this.intervalBusy = false;
      this.reloadSoon();
    }
  }

  /** setMode switches the window to the demo or the live book. */
  async setMode(mode: Mode): Promise<boolean> {
    if (this.modeBusy) return false;
    this.modeBusy = true;
    try {
      const pending = setMode(mode);
      this.opts.onSwitching?.(mode, pending);
      await pending;
    } catch (e) {
      this.opts.toasts?.push({ message: `Could not switch books: ${toApiError(e).message}`, tone: 'error' });
      return false;
    } finally {
      this.modeBusy = false;
    }
    if (mode === 'live') this.offerLive = false;
    this.#patch({ mode });
    this.opts.toasts?.push({
      message: mode === 'live' ? 'Showing your live data.' : 'Showing the demo book. Your live data is kept.',
      tone: 'success',
    });
    this.opts.onModeChanged?.(mode);
    this.reloadSoon();
    return true;
  }

  #patch(p: Partial<IntegrationsDTO>) {
    const d = this.data;
    if (d) this.data = { ...d, ...p };
  }
}
