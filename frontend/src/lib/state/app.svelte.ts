// The app-wide state shared through Svelte context: router, workspace info,
// toasts, the Health page (kept alive across navigation), the integrations
// (Settings & Data, the demo banner) and the actions every section uses
// (open an account, route it, track/untrack it).
import { getContext, setContext } from 'svelte';
import { Router } from '../router.svelte';
import { customerHash, sectionHash, settingsHash } from '../router';
import { sectionById, type SectionId } from '../sections';
import { WorkspaceState } from './workspace.svelte';
import { ToastState } from './toasts.svelte';
import { HealthPageState } from './health.svelte';
import { IntegrationsState } from './integrations.svelte';
import { DemoBuildWatch } from './demoBuild.svelte';
import { clearRoute, routeAccount, undoRoute } from '../api/workspace';
import { setTracked } from '../api/health';
import { toApiError } from '../api/core';

export interface AccountRef {
  accountId: number;
  domain: string;
  name: string;
}

export class AppState {
  router = new Router();
  workspace = new WorkspaceState();
  toasts = new ToastState();
  health = new HealthPageState();
  /** the demo book's build: at the window's first open of a day, or when switching to it */
  demoBuild = new DemoBuildWatch({
    onFailed: (message) => this.toasts.push({ message, tone: 'error', timeout: 0 }),
  });
  integrations = new IntegrationsState({
    toasts: this.toasts,
    onModeChanged: () => this.dataChanged('mode'),
    onSwitching: (mode, pending) => {
      if (mode === 'demo') this.demoBuild.during(pending);
    },
  });
  /** the legacy sheet for an account without a domain */
  sheet = $state<{ accountId: number; from: SectionId } | null>(null);
  /** bumps whenever backend data changed, so routed lists and an open account reload */
  dataVersion = $state(0);
  /** bumps when the window switched between the demo and the live book: views rebuild */
  modeVersion = $state(0);

  #started: Promise<void> | null = null;

  /**
   * start asks, once, for what the first screen shows: the workspace (the
   * nav and the demo banner) and Health's first rows and cards. Later calls
   * return the same promise, which settles when all are in or failed.
   */
  start(): Promise<void> {
    this.#started ??= Promise.all([this.workspace.load(), this.health.start()]).then(() => {});
    return this.#started;
  }

  openAccount(a: AccountRef, from: SectionId) {
    if (a.domain) this.router.navigate(customerHash(a.domain, from));
    else this.sheet = { accountId: a.accountId, from };
  }

  closeSheet() {
    this.sheet = null;
  }

  back(from: SectionId) {
    this.router.navigate(sectionHash(from));
  }

  #changeTimer: ReturnType<typeof setTimeout> | null = null;
  #modeChanged = false;

  /**
   * dataChanged reloads whatever shows backend data. Calls close together
   * (a local action and the backend's data:changed event) coalesce into one.
   * `what` is the data:changed kind; "mode" (the other book is shown now)
   * also rebuilds per-account views, whose ids belong to the old book.
   */
  dataChanged(what = '') {
    if (what === 'mode') this.#modeChanged = true;
    if (this.#changeTimer) return;
    this.#changeTimer = setTimeout(() => {
      this.#changeTimer = null;
      if (this.#modeChanged) {
        this.#modeChanged = false;
        this.modeVersion++;
        this.sheet = null; // its account id belongs to the other book
      }
      this.dataVersion++;
      void this.workspace.load();
      this.health.reload();
    }, 30);
  }

  /** isLive reports whether the window shows the live book (false until known). */
  get isLive(): boolean {
    return this.workspace.info?.meta?.mode === 'live';
  }

  openSettings() {
    this.router.navigate(settingsHash);
  }

  async route(a: AccountRef, from: SectionId, to: SectionId, reason: string): Promise<boolean> {
    const label = sectionById(to)?.short ?? to;
    let routeId: number;
    try {
      routeId = (await routeAccount({ accountId: a.accountId, from, to, reason })).id;
    } catch (e) {
      this.toasts.push({ message: `Could not route ${a.name}: ${toApiError(e).message}`, tone: 'error' });
      return false;
    }
    this.dataChanged();
    this.toasts.push({
      message: `Routed ${a.name} to ${label}.`,
      tone: 'success',
      actionLabel: 'Undo',
      onAction: async () => {
        try {
          await undoRoute(routeId);
          this.dataChanged();
        } catch (e) {
          this.toasts.push({ message: `Could not undo: ${toApiError(e).message}`, tone: 'error' });
        }
      },
    });
    return true;
  }

  /**
   * unroute unpins a's route into section (which came from routed.from, for
   * routed.reason), with Undo routing it back as it was.
   */
  async unroute(a: AccountRef, section: SectionId, routed: { from: string; reason: string }): Promise<boolean> {
    const label = sectionById(section)?.short ?? section;
    try {
      await clearRoute(a.accountId);
    } catch (e) {
      this.toasts.push({ message: `Could not clear the route: ${toApiError(e).message}`, tone: 'error' });
      return false;
    }
    this.dataChanged();
    this.toasts.push({
      message: `${a.name} is no longer routed to ${label}.`,
      tone: 'success',
      actionLabel: 'Undo',
      onAction: async () => {
        try {
          await routeAccount({ accountId: a.accountId, from: routed.from, to: section, reason: routed.reason });
          this.dataChanged();
        } catch (e) {
          this.toasts.push({ message: `Could not undo: ${toApiError(e).message}`, tone: 'error' });
        }
      },
    });
    return true;
  }

  async setTracked(a: AccountRef, tracked: boolean, undoable = true): Promise<boolean> {
    try {
      await setTracked(a.accountId, tracked);
    } catch (e) {
      this.toasts.push({ message: `Could not update ${a.name}: ${toApiError(e).message}`, tone: 'error' });
      return false;
    }
    this.dataChanged();
    this.toasts.push({
      message: tracked ? `${a.name} is tracked again.` : `${a.name} is no longer tracked.`,
      tone: 'success',
      ...(undoable
        ? { actionLabel: 'Undo', onAction: () => void this.setTracked(a, !tracked, false) }
        : {}),
    });
    return true;
  }
}

const key = Symbol.for('success-desk.app');

export function provideApp(app: AppState): AppState {
  setContext(key, app);
  return app;
}

export function useApp(): AppState {
  const app = getContext<AppState | undefined>(key);
  if (!app) throw new Error('useApp() called outside <App>');
  return app;
}
