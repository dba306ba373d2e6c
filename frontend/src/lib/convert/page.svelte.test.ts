import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/core';

vi.mock('../api/convert', () => ({
  listConvert: vi.fn(),
  convertSummary: vi.fn(),
  syncTrials: vi.fn(),
  convertCandidate: vi.fn(),
  convertSettings: vi.fn(),
  saveConvertSettings: vi.fn(),
  exportConvert: vi.fn(),
  onConvertPhase: vi.fn(() => () => {}),
}));

import { convertSettings, convertSummary, exportConvert, listConvert, saveConvertSettings } from '../api/convert';
import { ConvertPageState, convertPageFor } from './page.svelte';
import { PAGE_SIZE } from './list.svelte';
import { ToastState } from '../state/toasts.svelte';
import { listDTO, row, settingsDTO, summaryDTO, values } from './test-fixtures';

const list = vi.mocked(listConvert);
const summary = vi.mocked(convertSummary);
const save = vi.mocked(saveConvertSettings);

beforeEach(() => {
  vi.useFakeTimers();
  vi.clearAllMocks();
  list.mockResolvedValue(listDTO());
  summary.mockResolvedValue(summaryDTO());
  vi.mocked(convertSettings).mockResolvedValue(settingsDTO());
  save.mockImplementation(async (v) => ({ ...settingsDTO(), settings: v }));
});

afterEach(() => {
  vi.useRealTimers();
});

async function started(opts = {}) {
  const page = new ConvertPageState(opts);
  page.start();
  await vi.advanceTimersByTimeAsync(0);
  return page;
}

describe('Convert settings autosave', () => {
  it('saves once, 600 ms after the last of two quick edits, then re-tallies the Overview', async () => {
    const page = await started();
    await page.settings.load();
    list.mockClear();
    summary.mockClear();

    page.settings.setToggle('includeStripe', false);
    await vi.advanceTimersByTimeAsync(400);
    page.settings.setNumber('urgencyDays', 14);
    expect(page.settings.saveStatus).toBe('pending');

    await vi.advanceTimersByTimeAsync(599);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith(values({ includeStripe: false, urgencyDays: 14 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(page.settings.saveStatus).toBe('saved');

    // The Overview re-tallies: the queue and the cards are read again.
    expect(list).toHaveBeenCalledTimes(1);
    expect(summary).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('shows the backend refusal and keeps every value typed', async () => {
    save.mockRejectedValueOnce(new ApiError('invalid', 'Excluded domain "not a domain" is not a domain.'));
    const page = await started();
    await page.settings.load();
    list.mockClear();

    page.settings.setDomainsText('gmail.com\nnot a domain');
    page.settings.setMinValueText('1,500.50');
    await vi.advanceTimersByTimeAsync(600);

    expect(page.settings.saveStatus).toBe('error');
    expect(page.settings.saveError).toBe('Excluded domain "not a domain" is not a domain.');
    expect(page.settings.domainsText).toBe('gmail.com\nnot a domain');
    expect(page.settings.minValueText).toBe('1,500.50');
    expect(page.settings.values.minValueMinor).toBe(150_050);
    expect(list).not.toHaveBeenCalled(); // nothing was saved, nothing to re-tally

    // Reloading the tab does not overwrite what is waiting to be saved.
    await page.settings.load();
    expect(page.settings.domainsText).toBe('gmail.com\nnot a domain');
  });

  it('reads and writes the minimum value in whole units when the base currency has no minor unit', async () => {
    vi.mocked(convertSettings).mockResolvedValue({
      ...settingsDTO(),
      baseCurrency: 'JPY',
      settings: values({ minValueMinor: 30_000 }),
    });
    const page = await started();
    await page.settings.load();
    expect(page.settings.minValueText).toBe('30000');
    page.settings.setMinValueText('45,000');
    expect(page.settings.values.minValueMinor).toBe(45_000);
  });

  it('does not send values the backend would refuse, and says why', async () => {
    const page = await started();
    await page.settings.load();
    page.settings.setNumber('highCutoff', 30); // below Medium (40)
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).not.toHaveBeenCalled();
    expect(page.settings.saveError).toBe('The High cut-off must be above the Medium cut-off.');

    page.settings.setNumber('urgencyDays', 91);
    page.settings.setNumber('highCutoff', 80);
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).not.toHaveBeenCalled();
    expect(page.settings.saveError).toMatch(/1 to 90/);

    page.settings.setNumber('urgencyDays', 30);
    await vi.advanceTimersByTimeAsync(600);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0][0]).toMatchObject({ urgencyDays: 30, highCutoff: 80, mediumCutoff: 40 });
  });

  it('resets to the defaults with an Undo that puts the earlier values back', async () => {
    const toasts = new ToastState();
    vi.mocked(convertSettings).mockResolvedValue(settingsDTO({ urgencyDays: 21, excludeDomains: ['a.com', 'b.com'] }));
    const page = await started({ toasts });
    await page.settings.load();
    expect(page.settings.isDefault).toBe(false);

    page.resetSettings();
    expect(page.settings.values.urgencyDays).toBe(7);
    expect(page.settings.domainsText).toBe('gmail.com');
    expect(page.settings.isDefault).toBe(true);
    await vi.advanceTimersByTimeAsync(600);
    expect(save).toHaveBeenLastCalledWith(values());

    expect(toasts.items.at(-1)).toMatchObject({ message: 'Convert settings reset to their defaults.', actionLabel: 'Undo' });
    await toasts.act(toasts.items.at(-1)!.id);
    expect(page.settings.values.urgencyDays).toBe(21);
    expect(page.settings.domainsText).toBe('a.com\nb.com');
    await vi.advanceTimersByTimeAsync(600);
    expect(save).toHaveBeenLastCalledWith(values({ urgencyDays: 21, excludeDomains: ['a.com', 'b.com'] }));
  });

  it('saves a pending edit at once when the Settings tab is left', async () => {
    const page = await started();
    page.setTab('settings');
    await vi.advanceTimersByTimeAsync(0);
    page.settings.setStatus('draft', true);
    page.setTab('overview');
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0][0].statuses).toEqual(['trialing', 'pending', 'draft']);
  });
});

describe('Convert queue query', () => {
  it('debounces search by 200 ms and sends it with the filters to the queue and the cards', async () => {
    const page = await started();
    list.mockClear();
    summary.mockClear();
    page.setSearchText('ho');
    page.setSearchText('hoo');
    await vi.advanceTimersByTimeAsync(199);
    expect(list).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(list).toHaveBeenCalledTimes(1);
    expect(list.mock.calls[0][0]).toEqual({
      search: 'hoo',
      source: '',
      likelihood: '',
      sort: 'score',
      desc: true,
      offset: 0,
      limit: PAGE_SIZE,
    });
    expect(summary.mock.calls[0][0]).toMatchObject({ search: 'hoo', source: '' });

    page.setLikelihood('high');
    expect(list.mock.calls.at(-1)![0]).toMatchObject({ search: 'hoo', likelihood: 'high' });
    // The cards count every likelihood tier: the likelihood filter does not reach them.
    expect(summary).toHaveBeenCalledTimes(1);
  });

  it('sorts a new column in its own direction and flips the current one', async () => {
    const page = await started();
    page.toggleSort('score');
    expect(list.mock.calls.at(-1)![0]).toMatchObject({ sort: 'score', desc: false });
    page.toggleSort('company');
    expect(list.mock.calls.at(-1)![0]).toMatchObject({ sort: 'company', desc: false });
    page.toggleSort('company');
    expect(list.mock.calls.at(-1)![0]).toMatchObject({ sort: 'company', desc: true });
    page.toggleSort('trialDays');
    expect(list.mock.calls.at(-1)![0]).toMatchObject({ sort: 'trialDays', desc: false });
    page.toggleSort('value');
    expect(list.mock.calls.at(-1)![0]).toMatchObject({ sort: 'value', desc: true });
  });

  it('loads more rows after the first page and drops an answer to an older query', async () => {
    const first = Array.from({ length: PAGE_SIZE }, (_, i) => row({ key: `rs:${i}`, accountId: i }));
    const second = [row({ key: 'rs:100', accountId: 100 })];
    list.mockImplementation(async (q) => listDTO(q.offset === 0 ? first : second, { total: 101, offset: q.offset }));
    const page = await started();
    expect(page.list.rows).toHaveLength(PAGE_SIZE);
    expect(page.list.hasMore).toBe(true);
    await page.list.loadMore();
    expect(list.mock.calls.at(-1)![0]).toMatchObject({ offset: PAGE_SIZE, limit: PAGE_SIZE });
    expect(page.list.rows).toHaveLength(101);
    expect(page.list.hasMore).toBe(false);

    let release!: (v: ReturnType<typeof listDTO>) => void;
    list.mockImplementationOnce(() => new Promise((r) => (release = r)));
    page.setSource('stripe');
    list.mockResolvedValueOnce(listDTO([row({ key: 'rs:new', company: 'Newer' })]));
    page.setSource('salesbricks');
    await vi.advanceTimersByTimeAsync(0);
    release(listDTO([row({ key: 'rs:old', company: 'Older' })]));
    await vi.advanceTimersByTimeAsync(0);
    expect(page.list.rows.map((r) => r.key)).toEqual(['rs:new']);
  });

  it('exports the queue as filtered and says where it went', async () => {
    const toasts = new ToastState();
    vi.mocked(exportConvert).mockResolvedValue({ path: '/home/me/convert-2026-11-26.json', filename: 'convert-2026-11-26.json', format: 'json', rows: 3, content: '' });
    const page = await started({ toasts });
    page.setSource('stripe');
    await page.exportAs('json');
    expect(exportConvert).toHaveBeenCalledWith(expect.objectContaining({ source: 'stripe', offset: 0 }), 'json');
    expect(page.exportResult).toEqual({ ok: true, text: 'Exported 3 rows to /home/me/convert-2026-11-26.json' });
    expect(toasts.items.at(-1)?.tone).toBe('success');

    vi.mocked(exportConvert).mockRejectedValueOnce(new ApiError('internal', 'No export folder is set.'));
    await page.exportAs('csv');
    expect(page.exportResult).toEqual({ ok: false, text: 'Export failed: No export folder is set.' });
  });

  it('keeps one controller per window and book', () => {
    const owner = {};
    const a = convertPageFor(owner, 0);
    expect(convertPageFor(owner, 0)).toBe(a);
    expect(convertPageFor(owner, 1)).not.toBe(a);
  });
});
