import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import '../customer/test-setup';
import { ApiError } from '../api/core';
import type { ConvertPhase } from '../api/convert';
import { PHASE_DWELL_MS } from './sync.svelte';

vi.mock('../api/convert', () => ({
  listConvert: vi.fn(),
  convertSummary: vi.fn(),
  syncTrials: vi.fn(),
  convertCandidate: vi.fn(),
  convertSettings: vi.fn(),
  saveConvertSettings: vi.fn(),
  exportConvert: vi.fn(),
  onConvertPhase: vi.fn(),
}));
vi.mock('../api/workspace', () => ({
  workspaceInfo: vi.fn(() => new Promise(() => {})),
  clearRoute: vi.fn(),
  routeAccount: vi.fn(),
  undoRoute: vi.fn(),
}));
vi.mock('../api/settings', () => ({ setMode: vi.fn(), integrations: vi.fn(() => new Promise(() => {})) }));

import {
  convertCandidate,
  convertSettings,
  convertSummary,
  exportConvert,
  listConvert,
  onConvertPhase,
  saveConvertSettings,
  syncTrials,
} from '../api/convert';
import { clearRoute, routeAccount } from '../api/workspace';
import { setMode } from '../api/settings';
import { AppState } from '../state/app.svelte';
import ConvertPage from './ConvertPage.svelte';
import { likelihoodBadgeClass } from './LikelihoodBadge.svelte';
import { candidateDTO, listDTO, meta, row, rows, settingsDTO, summaryDTO, values } from './test-fixtures';

const list = vi.mocked(listConvert);
const summary = vi.mocked(convertSummary);
const save = vi.mocked(saveConvertSettings);

/** the handlers subscribed to convert:phase, as the Wails runtime would hold them */
let phaseHandlers: ((p: ConvertPhase) => void)[] = [];
const emitPhase = (phase: string, label: string, seq = 0) => phaseHandlers.forEach((h) => h({ phase, label, seq }));

function renderPage() {
  const app = new AppState();
  render(ConvertPage, { context: new Map([[Symbol.for('success-desk.app'), app]]) });
  return app;
}

const rowByKey = (key: string) => screen.getAllByTestId('candidate-row').find((r) => r.dataset.key === key)!;
const col = (r: HTMLElement, c: string) => r.querySelector(`[data-col="${c}"]`)!.textContent;

beforeEach(() => {
  vi.clearAllMocks();
  phaseHandlers = [];
  vi.mocked(onConvertPhase).mockImplementation((cb) => {
    phaseHandlers.push(cb);
    return () => (phaseHandlers = phaseHandlers.filter((h) => h !== cb));
  });
  list.mockResolvedValue(listDTO());
  summary.mockResolvedValue(summaryDTO());
  vi.mocked(convertSettings).mockResolvedValue(settingsDTO());
  vi.mocked(convertCandidate).mockResolvedValue(candidateDTO());
  save.mockImplementation(async (v) => ({ ...settingsDTO(), settings: v }));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ConvertPage overview', () => {
  it('shows the four cards and the queue, routed accounts first, each cell exactly as displayed', async () => {
    renderPage();
    expect(screen.getAllByTestId('candidate-row-skeleton').length).toBeGreaterThan(0);
    await screen.findAllByTestId('candidate-row');

    expect(screen.getByTestId('card-total-value')).toHaveTextContent('4');
    expect(screen.getByTestId('card-high-value')).toHaveTextContent('1');
    expect(screen.getByTestId('card-ending')).toHaveTextContent('Trials ending in 14 days');
    expect(screen.getByTestId('card-ending-value')).toHaveTextContent('2');
    expect(screen.getByTestId('card-value-value')).toHaveTextContent('$84K');
    expect(screen.getByTestId('card-value')).toHaveTextContent('Converted to USD at ECB rates of Nov 25.');

    const all = screen.getAllByTestId('candidate-row');
    expect(all.map((r) => r.dataset.key)).toEqual(['rs:9', 'rs:1', 'rs:2', 'rs:3']);
    const piper = all[0];
    expect(within(piper).getByTestId('routed-badge')).toHaveTextContent('Routed from Health');
    expect(within(piper).getByTestId('routed-reason')).toHaveTextContent('Adding seats fast');
    expect(col(piper, 'company')).toBe('Pied Piper');
    expect(col(piper, 'source')).toBe('Salesbricks');
    expect(col(piper, 'score')).toBe('55');
    expect(col(piper, 'likelihood')).toBe('Medium');
    expect(col(piper, 'trialDays')).toBe('Ends today');
    expect(col(piper, 'value')).toBe('$12,000');
    expect(within(piper).getByTestId('candidate-domain')).toHaveTextContent('piedpiper.com');
    expect(col(all[1], 'source')).toBe('Stripe');
    expect(screen.getByTestId('convert-total')).toHaveTextContent('4 candidates');
  });

  it('colours the likelihood badges High green, Medium amber and Low slate', async () => {
    renderPage();
    await screen.findAllByTestId('candidate-row');
    const badge = (key: string) => within(rowByKey(key)).getByTestId('likelihood-badge');
    expect(badge('rs:1')).toHaveClass('bg-emerald-50', 'text-emerald-700');
    expect(badge('rs:9')).toHaveClass('bg-amber-50', 'text-amber-800');
    expect(badge('rs:2')).toHaveClass('bg-slate-100', 'text-slate-700');
    expect(badge('rs:1').className).toContain(likelihoodBadgeClass.high);
  });

  it('shows an account routed here without a trial or an order as routed, with nothing scored', async () => {
    list.mockResolvedValue(
      listDTO([
        row({ key: 'acct:5', accountId: 5, source: '', status: '', product: '', score: 0, likelihood: 'low',
          routed: { routeId: 1, from: 'health', fromLabel: 'Health', reason: 'Adding seats', at: '2026-11-25T10:00:00Z' } }),
        row({ key: 'rs:1' }),
      ]),
    );
    renderPage();
    await screen.findAllByTestId('candidate-row');
    const routed = rowByKey('acct:5');
    expect(col(routed, 'score')).toBe('—');
    expect(col(routed, 'source')).toBe('—');
    expect(col(routed, 'likelihood')).toBe('No trial or order');
    expect(col(routed, 'value')).toBe('—');
    expect(within(routed).getByTestId('routed-badge')).toHaveTextContent('Routed from Health');
    expect(col(rowByKey('rs:1'), 'source')).toBe('Stripe');
  });

  it('writes trial days as "N days", "Ends today", "Ended N days ago" or "—", urgent within the window', async () => {
    list.mockResolvedValue(
      listDTO([
        row({ key: 'a', trialDaysRemaining: 12 }),
        row({ key: 'b', trialDaysRemaining: 20 }),
        row({ key: 'c', trialDaysRemaining: 0 }),
        row({ key: 'd', trialDaysRemaining: -4 }),
        row({ key: 'e', trialDaysRemaining: undefined }),
      ]),
    );
    renderPage();
    await screen.findAllByTestId('candidate-row');
    const cell = (key: string) => rowByKey(key).querySelector<HTMLElement>('[data-col="trialDays"]')!;
    expect(cell('a').textContent).toBe('12 days');
    expect(cell('b').textContent).toBe('20 days');
    expect(cell('c').textContent).toBe('Ends today');
    expect(cell('d').textContent).toBe('Ended 4 days ago');
    expect(cell('e').textContent).toBe('—');
    // urgencyDays is 14 in the cards: 12 days is urgent, 20 is not.
    expect(cell('a').dataset.urgent).toBe('true');
    expect(cell('b').dataset.urgent).toBe('false');
    expect(cell('c').dataset.urgent).toBe('true');
    expect(cell('e').dataset.urgent).toBe('false');
    expect(cell('a').parentElement).toHaveClass('text-red-600');
    expect(cell('b').parentElement).toHaveClass('text-slate-700');
  });

  it('shows the phases from the answer when their events come after it', async () => {
    const labels = ['Loading…', 'Checking sources…', 'Fetching orders…', 'Fetching subscriptions…', 'Tallying…'];
    const at = new Date(Date.now() - 60_000).toISOString();
    vi.mocked(syncTrials).mockResolvedValue({ meta: meta(), phases: labels, candidates: 4, lastSyncedAt: at, warnings: [] });
    renderPage();
    await screen.findAllByTestId('candidate-row');
    vi.useFakeTimers();
    await fireEvent.click(screen.getByTestId('sync-trials'));
    const shown: string[] = [];
    for (let i = 0; i < labels.length; i++) {
      await vi.advanceTimersByTimeAsync(0);
      shown.push(screen.getByTestId('sync-phase').textContent ?? '');
      if (i === 1) emitPhase('checking', labels[1], 2); // a late event of a phase already shown
      await vi.advanceTimersByTimeAsync(PHASE_DWELL_MS);
    }
    await vi.runAllTimersAsync();
    vi.useRealTimers();
    expect(shown).toEqual(labels);
    const synced = await screen.findByTestId('last-synced');
    expect(synced.getAttribute('title')).toContain(labels.join(' → '));
  });

  it('shows each Sync trials phase inline in the order emitted, then "Last synced"', async () => {
    let finish!: (v: Awaited<ReturnType<typeof syncTrials>>) => void;
    vi.mocked(syncTrials).mockImplementation(() => new Promise((r) => (finish = r)));
    renderPage();
    await screen.findAllByTestId('candidate-row');
    expect(screen.getByTestId('never-synced')).toHaveTextContent('Not synced yet');
    expect(screen.queryByTestId('last-synced')).toBeNull();

    const button = screen.getByTestId('sync-trials');
    await fireEvent.click(button);
    expect(button).toBeDisabled();
    expect(syncTrials).toHaveBeenCalledTimes(1);

    const labels = ['Loading…', 'Checking sources…', 'Fetching orders…', 'Fetching subscriptions…', 'Tallying…'];
    const keys = ['loading', 'checking', 'orders', 'subscriptions', 'tallying'];
    const shown: string[] = [];
    vi.useFakeTimers();
    // The transport hands over "Fetching orders…" before "Checking sources…":
    // the numbers put them back in order, each shown for its dwell time.
    for (const i of [0, 2, 1, 3, 4]) emitPhase(keys[i], labels[i], i + 1);
    for (let i = 0; i < labels.length; i++) {
      await tick();
      shown.push(screen.getByTestId('sync-phase').textContent ?? '');
      expect(screen.queryByTestId('last-synced')).toBeNull();
      await vi.advanceTimersByTimeAsync(PHASE_DWELL_MS - 1);
      expect(screen.getByTestId('sync-phase')).toHaveTextContent(labels[i]); // not replaced before its time
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(shown).toEqual(labels);
    await fireEvent.click(button); // disabled: no second run
    expect(syncTrials).toHaveBeenCalledTimes(1);

    list.mockClear();
    summary.mockClear();
    const at = new Date(Date.now() - 2 * 60_000).toISOString();
    emitPhase('done', '', 6);
    finish({ meta: meta(), phases: labels, candidates: 4, lastSyncedAt: at, warnings: ['Stripe answered 429; subscriptions are from the last sync.'] });
    await vi.runAllTimersAsync();
    vi.useRealTimers();

    const synced = await screen.findByTestId('last-synced');
    expect(synced).toHaveTextContent('Last synced 2 minutes ago');
    expect(synced.getAttribute('title')).toContain('Loading… → Checking sources… → Fetching orders… → Fetching subscriptions… → Tallying…');
    expect(screen.queryByTestId('sync-phase')).toBeNull();
    expect(button).toBeEnabled();
    expect(screen.getByTestId('sync-warnings')).toHaveTextContent('Stripe answered 429; subscriptions are from the last sync.');
    // The Overview re-tallies after the run; the phase listener is gone.
    await waitFor(() => expect(list).toHaveBeenCalled());
    expect(summary).toHaveBeenCalled();
    expect(phaseHandlers).toHaveLength(0);
  });

  it('filters by source and likelihood through the backend', async () => {
    renderPage();
    await screen.findAllByTestId('candidate-row');
    list.mockClear();
    summary.mockClear();
    await fireEvent.change(screen.getByLabelText('Source'), { target: { value: 'stripe' } });
    expect(list).toHaveBeenCalledTimes(1);
    expect(list.mock.calls[0][0]).toMatchObject({ source: 'stripe', offset: 0, limit: 100 });
    expect(summary.mock.calls[0][0]).toMatchObject({ source: 'stripe' });

    await fireEvent.change(screen.getByLabelText('Likelihood'), { target: { value: 'low' } });
    expect(list.mock.calls.at(-1)![0]).toMatchObject({ source: 'stripe', likelihood: 'low' });
  });

  it('toggles the sort from the column headers', async () => {
    renderPage();
    await screen.findAllByTestId('candidate-row');
    const header = (k: string) => screen.getByTestId(`col-header-${k}`).closest('[role="columnheader"]');
    expect(header('score')).toHaveAttribute('aria-sort', 'descending');
    expect(list.mock.calls[0][0]).toMatchObject({ sort: 'score', desc: true });

    await fireEvent.click(screen.getByTestId('col-header-score'));
    expect(list.mock.calls.at(-1)![0]).toMatchObject({ sort: 'score', desc: false });
    expect(header('score')).toHaveAttribute('aria-sort', 'ascending');

    await fireEvent.click(screen.getByTestId('col-header-value'));
    expect(list.mock.calls.at(-1)![0]).toMatchObject({ sort: 'value', desc: true });
    await fireEvent.click(screen.getByTestId('col-header-value'));
    expect(list.mock.calls.at(-1)![0]).toMatchObject({ sort: 'value', desc: false });
    expect(header('value')).toHaveAttribute('aria-sort', 'ascending');
    expect(header('score')).toHaveAttribute('aria-sort', 'none');
  });

  it('opens the candidate sheet with factors by category, usage, the record and the next step; Esc closes it', async () => {
    renderPage();
    await screen.findAllByTestId('candidate-row');
    await fireEvent.click(rowByKey('rs:1'));
    expect(convertCandidate).toHaveBeenCalledWith('rs:1');

    const sheet = await screen.findByTestId('candidate-sheet');
    expect(await within(sheet).findByTestId('candidate-next-step')).toHaveTextContent(
      'Book a pricing call before the trial ends on Dec 1.',
    );
    expect(within(sheet).getByRole('heading', { name: 'Hooli' })).toBeInTheDocument();
    expect(within(sheet).getByTestId('candidate-score')).toHaveTextContent('82');
    expect(within(sheet).getByTestId('likelihood-badge')).toHaveTextContent('High');
    expect(within(sheet).getByTestId('candidate-source')).toHaveTextContent('Stripe');
    expect(within(sheet).getByTestId('candidate-status')).toHaveTextContent('Trialing');
    expect(within(sheet).getByTestId('candidate-product')).toHaveTextContent('Growth');

    const groups = within(sheet).getAllByTestId('factor-group');
    expect(groups.map((g) => g.dataset.category)).toEqual(['usage', 'seats', 'signals', 'fit', 'urgency']);
    const usage = within(groups[0]).getAllByTestId('candidate-factor');
    expect(usage.map((f) => within(f).getByTestId('factor-points').textContent)).toEqual(['+40', '−5']);
    expect(usage[0]).toHaveTextContent('Strong weekly usage');
    expect(usage[0]).toHaveTextContent('18 of 20 seats active last week');
    expect(within(sheet).getByTestId('points-sum')).toHaveTextContent('Points sum to the score: 82.');

    expect(within(sheet).getByTestId('candidate-usage')).toHaveTextContent('18 users');
    expect(within(sheet).getByTestId('record-amount')).toHaveTextContent('$2,000/mo');
    expect(within(sheet).getByTestId('candidate-record')).toHaveTextContent('20');
    expect(within(sheet).getByTestId('candidate-contacts')).toHaveTextContent('Gavin Belson');

    await fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('candidate-sheet')).toBeNull());
  });

  it('moves with j/k and opens the active candidate with Enter', async () => {
    renderPage();
    await screen.findAllByTestId('candidate-row');
    const grid = screen.getByTestId('convert-table');
    await fireEvent.focus(grid);
    await fireEvent.keyDown(grid, { key: 'j' });
    await fireEvent.keyDown(grid, { key: 'j' });
    await fireEvent.keyDown(grid, { key: 'k' });
    const active = screen.getAllByTestId('candidate-row').filter((r) => r.getAttribute('aria-selected') === 'true');
    expect(active).toHaveLength(1);
    expect(active[0].dataset.key).toBe('rs:1');
    expect(grid).toHaveAttribute('aria-activedescendant', active[0].id);
    await fireEvent.keyDown(grid, { key: 'Enter' });
    expect(convertCandidate).toHaveBeenCalledWith('rs:1');
    expect(await screen.findByTestId('candidate-sheet')).toBeInTheDocument();
  });

  it('focuses the search with "/"', async () => {
    const app = renderPage();
    app.router.route = { kind: 'section', section: 'convert' };
    await screen.findAllByTestId('candidate-row');
    await fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(screen.getByLabelText('Search candidates'));
  });

  it('clears a route from the row menu, with Undo', async () => {
    vi.mocked(clearRoute).mockResolvedValue({ accountId: 9 });
    vi.mocked(routeAccount).mockResolvedValue({
      id: 5, from: 'health', fromLabel: 'Health', to: 'convert', toLabel: 'Convert', reason: 'Adding seats fast', at: '', active: true,
    });
    const app = renderPage();
    await screen.findAllByTestId('candidate-row');
    await fireEvent.click(within(rowByKey('rs:9')).getByTestId('row-menu-button'));
    await fireEvent.click(await screen.findByTestId('row-menu-clear-route'));
    await waitFor(() => expect(clearRoute).toHaveBeenCalledWith(9));
    await waitFor(() => expect(app.toasts.items.at(-1)?.message).toBe('Pied Piper is no longer routed to Convert.'));
    await app.toasts.act(app.toasts.items.at(-1)!.id);
    expect(routeAccount).toHaveBeenCalledWith({ accountId: 9, from: 'health', to: 'convert', reason: 'Adding seats fast' });
  });

  it('exports CSV from the menu and says how many rows went where', async () => {
    vi.mocked(exportConvert).mockResolvedValue({
      path: '/home/me/Success Desk/convert-2026-11-26.csv',
      filename: 'convert-2026-11-26.csv',
      format: 'csv',
      rows: 4,
      content: '',
    });
    const app = renderPage();
    await screen.findAllByTestId('candidate-row');
    await fireEvent.click(screen.getByTestId('export-button'));
    await fireEvent.click(await screen.findByTestId('export-csv'));
    expect(exportConvert).toHaveBeenCalledWith(
      { search: '', source: '', likelihood: '', sort: 'score', desc: true, offset: 0, limit: 0 },
      'csv',
    );
    expect(await screen.findByTestId('export-result')).toHaveTextContent(
      'Exported 4 rows to /home/me/Success Desk/convert-2026-11-26.csv',
    );
    expect(app.toasts.items.at(-1)?.message).toBe('Exported 4 rows to /home/me/Success Desk/convert-2026-11-26.csv.');
  });
});

describe('ConvertPage states', () => {
  it('says Convert is not connected, with Open Integrations and Preview with demo data', async () => {
    list.mockResolvedValue(listDTO([], { meta: meta('not_connected') }));
    summary.mockResolvedValue(summaryDTO({ meta: meta('not_connected'), total: 0 }));
    vi.mocked(setMode).mockResolvedValue({ mode: 'demo' });
    const app = renderPage();
    const state = await screen.findByTestId('convert-not-connected');
    expect(state).toHaveTextContent('Convert is not connected yet');
    expect(screen.queryByTestId('convert-table')).toBeNull();
    expect(screen.queryByTestId('card-total')).toBeNull();

    await fireEvent.click(screen.getByTestId('convert-preview-demo'));
    expect(setMode).toHaveBeenCalledWith('demo');
    const navigate = vi.spyOn(app.router, 'navigate');
    await fireEvent.click(screen.getByTestId('convert-open-integrations'));
    expect(navigate).toHaveBeenCalledWith('#/settings');
  });

  it('shows an error with Retry, and loads again on Retry', async () => {
    list.mockRejectedValueOnce(new ApiError('unavailable', 'The book is locked by another window.'));
    renderPage();
    expect(await screen.findByTestId('error-state')).toHaveTextContent('The book is locked by another window.');
    await fireEvent.click(screen.getByTestId('retry-button'));
    expect(await screen.findAllByTestId('candidate-row')).toHaveLength(4);
  });

  it('shows the empty queue with a hint to check Settings', async () => {
    list.mockResolvedValue(listDTO([]));
    renderPage();
    const empty = await screen.findByTestId('convert-empty');
    expect(empty).toHaveTextContent('No trials or open orders match');
    expect(empty).toHaveTextContent('Check Settings');
    await fireEvent.click(screen.getByTestId('empty-open-settings'));
    expect(screen.getByTestId('tab-settings')).toHaveAttribute('aria-selected', 'true');
  });
});

describe('ConvertPage settings tab', () => {
  it('moves between tabs with the arrow keys', async () => {
    renderPage();
    const overview = screen.getByTestId('tab-overview');
    expect(overview).toHaveAttribute('aria-selected', 'true');
    await fireEvent.keyDown(overview, { key: 'ArrowRight' });
    const settings = screen.getByTestId('tab-settings');
    expect(settings).toHaveAttribute('aria-selected', 'true');
    expect(document.activeElement).toBe(settings);
    expect(document.getElementById('convert-panel-overview')).toHaveAttribute('hidden');
    await fireEvent.keyDown(settings, { key: 'ArrowLeft' });
    expect(overview).toHaveAttribute('aria-selected', 'true');
  });

  it('autosaves once, 600 ms after the last of two quick edits, shows Saving… then Saved, and re-tallies', async () => {
    vi.useFakeTimers();
    let release!: () => void;
    save.mockImplementationOnce(
      (v) => new Promise((r) => (release = () => r({ ...settingsDTO(), settings: v }))),
    );
    renderPage();
    await vi.advanceTimersByTimeAsync(0);
    await fireEvent.click(screen.getByTestId('tab-settings'));
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByTestId('setting-currency')).toHaveTextContent('EUR');
    expect(screen.queryByRole('button', { name: /save/i })).toBeNull();
    list.mockClear();
    summary.mockClear();

    await fireEvent.click(screen.getByRole('switch', { name: 'Include Stripe trialing subscriptions' }));
    await vi.advanceTimersByTimeAsync(300);
    await fireEvent.input(screen.getByTestId('setting-min-value'), { target: { value: '2500' } });
    await vi.advanceTimersByTimeAsync(599);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith(values({ includeStripe: false, minValueMinor: 250_000 }));
    expect(screen.getByTestId('autosave-status')).toHaveTextContent('Saving…');

    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByTestId('autosave-status')).toHaveTextContent('Saved');
    expect(list).toHaveBeenCalledTimes(1);
    expect(summary).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('shows a refused save next to the form and keeps what was typed', async () => {
    vi.useFakeTimers();
    save.mockRejectedValueOnce(new ApiError('invalid', 'Pick at least one candidate status.'));
    renderPage();
    await vi.advanceTimersByTimeAsync(0);
    await fireEvent.click(screen.getByTestId('tab-settings'));
    await vi.advanceTimersByTimeAsync(0);

    await fireEvent.click(screen.getByTestId('setting-status-trialing'));
    await fireEvent.click(screen.getByTestId('setting-status-pending'));
    await fireEvent.input(screen.getByTestId('setting-excluded-domains'), { target: { value: 'gmail.com\nInitech.com' } });
    await vi.advanceTimersByTimeAsync(600);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0][0]).toMatchObject({ statuses: [], excludeDomains: ['gmail.com', 'initech.com'] });

    expect(screen.getByTestId('settings-error')).toHaveTextContent('Pick at least one candidate status.');
    expect(screen.getByTestId('autosave-status')).toHaveTextContent('Not saved');
    expect(screen.getByTestId('setting-status-trialing')).not.toBeChecked();
    expect(screen.getByTestId('setting-status-pending')).not.toBeChecked();
    expect(screen.getByTestId('setting-excluded-domains')).toHaveValue('gmail.com\nInitech.com');

    // Fixing it saves again and clears the error.
    await fireEvent.click(screen.getByTestId('setting-status-trialing'));
    await vi.advanceTimersByTimeAsync(600);
    expect(save).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId('settings-error')).toBeNull();
    expect(screen.getByTestId('autosave-status')).toHaveTextContent('Saved');
  });
});
