// Convert end to end on the demo book: Sync trials shows every phase in
// order, the queue filters, sorts and opens a candidate, a setting change
// re-tallies the queue, and the CSV export holds the rows on screen. Each
// step waits for a condition in the page; nothing sleeps.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { URL, assertNoAlerts, failureShot, launch, num, sel, shooter, watchTestIds, seenTestId } from './lib.mjs';
import { parseCSV } from './csv.mjs';

const PHASES = ['Loading…', 'Checking sources…', 'Fetching orders…', 'Fetching subscriptions…', 'Tallying…'];

describe('Convert', () => {
  /** @type {Awaited<ReturnType<typeof launch>>} */
  let b;
  let page;

  before(async () => {
    b = await launch();
    page = b.page;
  });
  afterEach(async (t) => {
    if (t.passed === false) await failureShot(page, `convert ${t.name}`);
  });
  after(async () => {
    await b?.close();
  });

  const shot = shooter(() => page, 'convert');

  const noAlerts = () => assertNoAlerts(assert, b);

  /** The queue rows now in the DOM, top to bottom, with their cells' text. */
  async function rows() {
    return page.$$eval('[data-testid="candidate-row"]', (els) =>
      els
        .map((el) => {
          const cell = (c) => (el.querySelector(`[data-col="${c}"]`)?.textContent ?? '').replace(/\s+/g, ' ').trim();
          return {
            key: el.getAttribute('data-key'),
            company: cell('company'),
            source: cell('source'),
            score: Number(cell('score')),
            likelihood: cell('likelihood'),
            trialDays: cell('trialDays'),
            value: cell('value'),
            routed: !!el.querySelector('[data-testid="routed-badge"]'),
            top: el.getBoundingClientRect().top,
          };
        })
        .sort((a, b) => a.top - b.top),
    );
  }

  async function waitRows(pred, arg = null) {
    await page.waitForFunction(pred, arg);
  }

  test('opens Convert with its four cards and a queue of demo trials', async () => {
    await page.goto(URL, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector(sel('nav-convert'));
    await page.click(sel('nav-convert'));
    await page.waitForFunction(() => location.hash === '#/success/convert');
    await page.waitForSelector(sel('candidate-row'), { state: 'visible' });
    for (const id of ['card-total', 'card-high', 'card-ending', 'card-value']) {
      assert.ok(await page.isVisible(sel(id)), `${id} is visible`);
    }
    assert.match(await page.textContent(sel('card-ending')), /Trials ending in 7 days/);
    const total = num(await page.textContent(sel('convert-total')));
    assert.ok(total > 0, 'the demo book has candidates');
    // Candidates, not accounts routed here without a trial (Health's suite routes one).
    const r = (await rows()).filter((x) => x.source !== '—');
    assert.ok(r.length > 0);
    assert.ok(r.every((x) => ['High', 'Medium', 'Low'].includes(x.likelihood)), 'every candidate has a likelihood badge');
    assert.ok(r.every((x) => x.score >= 0 && x.score <= 100), 'scores are 0–100');
    await shot('overview');
    noAlerts();
  });

  test('Sync trials shows each phase in order, then the last-synced time', async () => {
    await watchTestIds(page, ['sync-phase']);
    await page.click(sel('sync-trials'));
    // The run is over when the last-synced line names its phases (its title).
    await page.waitForFunction(() =>
      (document.querySelector('[data-testid="last-synced"]')?.getAttribute('title') ?? '').includes('Tallying…'),
    );
    const seen = (await seenTestId(page, 'sync-phase')).map((s) => s.text);
    const order = PHASES.map((p) => seen.findIndex((s) => s.includes(p)));
    assert.ok(order.every((i) => i >= 0), `every phase was shown: saw ${JSON.stringify(seen)}`);
    assert.deepEqual([...order].sort((a, b) => a - b), order, `phases in order: saw ${JSON.stringify(seen)}`);
    assert.match(await page.textContent(sel('last-synced')), /Last synced/);
    noAlerts();
  });

  test('the source filter keeps only Stripe trials; sorting by score puts the highest first', async () => {
    await page.selectOption(sel('convert-source'), 'stripe');
    await waitRows(() => {
      const r = [...document.querySelectorAll('[data-testid="candidate-row"]')];
      return r.length > 0 && r.every((el) => el.querySelector('[data-col="source"]')?.textContent?.trim() === 'Stripe');
    });
    await page.selectOption(sel('convert-source'), '');
    const button = `${sel('convert-table')} ${sel('col-header-score')}`;
    const header = `${sel('convert-table')} [role="columnheader"]:has(${sel('col-header-score')})`;
    for (let i = 0; i < 2 && (await page.getAttribute(header, 'aria-sort')) !== 'descending'; i++) {
      await page.click(button);
      await page.waitForFunction((h) => document.querySelector(h)?.getAttribute('aria-sort') !== 'none', header);
    }
    await waitRows(() => {
      const v = [...document.querySelectorAll('[data-testid="candidate-row"]')]
        .filter((el) => !el.querySelector('[data-testid="routed-badge"]'))
        .map((el) => Number(el.querySelector('[data-col="score"]')?.textContent));
      return v.length >= 2 && v.every((x, i) => i === 0 || v[i - 1] >= x);
    });
    noAlerts();
  });

  test('a candidate opens in the sheet with the factors behind its score and a next step', async () => {
    const first = (await rows()).find((r) => !r.routed && r.source !== '—');
    await page.click(`${sel('candidate-row')}[data-key="${first.key}"] [data-col="company"]`);
    await page.waitForSelector(sel('candidate-sheet'), { state: 'visible' });
    await page.waitForSelector(sel('candidate-factor'));
    const points = (await page.$$eval('[data-testid="candidate-sheet"] [data-testid="factor-points"]', (els) =>
      els.map((e) => Number(e.textContent.replace(/[^0-9+-]/g, ''))),
    ));
    assert.ok(points.length > 0, 'the score is explained');
    assert.equal(Math.min(100, Math.max(0, points.reduce((a, b) => a + b, 0))), first.score, 'the points sum to the score');
    assert.ok((await page.textContent(sel('candidate-next-step'))).trim().length > 10, 'a next step is suggested');
    await shot('candidate');
    await page.keyboard.press('Escape');
    await page.waitForSelector(sel('candidate-sheet'), { state: 'detached' });
    noAlerts();
  });

  test('raising the High cut-off autosaves and re-tallies the queue', async () => {
    const highBefore = num(await page.textContent(sel('card-high-value')));
    const scores = (await rows()).filter((r) => r.source !== '—').map((r) => r.score);
    await page.click(sel('tab-settings'));
    await page.waitForSelector(sel('setting-high-cutoff'));
    const medium = Number(await page.inputValue(sel('setting-medium-cutoff')));
    const high = Number(await page.inputValue(sel('setting-high-cutoff')));
    // A cut-off that moves at least one candidate out of High.
    const highs = scores.filter((s) => s >= high).sort((a, b) => a - b);
    assert.ok(highs.length > 0, 'the demo queue has High candidates');
    const cutoff = Math.min(100, highs[0] + 1);
    assert.ok(cutoff > medium);
    await page.fill(sel('setting-high-cutoff'), String(cutoff));
    await page.waitForFunction(() => /Saved/.test(document.querySelector('[data-testid="autosave-status"]')?.textContent ?? ''));
    await shot('settings');
    await page.click(sel('tab-overview'));
    const all = await page.evaluate(async () => {
      const out = [];
      for (let offset = 0; ; ) {
        const p = await window.go.app.ConvertService.List({ search: '', source: '', likelihood: '', sort: '', desc: false, offset, limit: 1000 });
        out.push(...p.rows);
        offset += p.rows.length;
        if (p.rows.length === 0 || offset >= p.total) return out;
      }
    });
    const want = all.filter((r) => r.score >= cutoff).length;
    assert.ok(want < highBefore, `fewer High candidates at ${cutoff} (${want} < ${highBefore})`);
    await page.waitForFunction(
      (n) => Number((document.querySelector('[data-testid="card-high-value"]')?.textContent ?? '').replace(/[^0-9]/g, '')) === n,
      want,
    );
    assert.ok(all.every((r) => (r.score >= cutoff) === (r.likelihood === 'high')), 'every row is tiered by the new cut-off');
    // Put the default back so later suites see the usual queue.
    await page.click(sel('tab-settings'));
    await page.fill(sel('setting-high-cutoff'), '70');
    await page.waitForFunction(() => /Saved/.test(document.querySelector('[data-testid="autosave-status"]')?.textContent ?? ''));
    await page.click(sel('tab-overview'));
    noAlerts();
  });

  test('the CSV export holds the filtered queue, in the order on screen', async () => {
    await page.fill(sel('convert-search'), '');
    await page.selectOption(sel('convert-likelihood'), 'medium');
    await waitRows(() => {
      const r = [...document.querySelectorAll('[data-testid="candidate-row"]')].filter((el) => !el.querySelector('[data-testid="routed-badge"]'));
      return r.length > 0 && r.every((el) => el.querySelector('[data-col="likelihood"]')?.textContent?.trim() === 'Medium');
    });
    const total = num(await page.textContent(sel('convert-total')));
    const onScreen = await rows(); // the rows the window shows: the top of the queue
    assert.ok(onScreen.length > 0 && onScreen.length <= total);
    await page.click(sel('export-button'));
    await page.click(sel('export-csv'));
    await page.waitForSelector(sel('export-result'));
    const text = await page.textContent(sel('export-result'));
    const m = text.match(/Exported (\d+) rows? to (.+)$/);
    assert.ok(m, `export result: ${text}`);
    assert.equal(Number(m[1]), total);
    const csv = parseCSV(readFileSync(m[2].trim(), 'utf8'));
    const header = csv[0];
    const company = header.indexOf('Company');
    const score = header.indexOf('Score');
    assert.ok(company >= 0 && score >= 0, `header: ${header}`);
    assert.equal(csv.length - 1, total, 'one line per matching row, after the header');
    assert.deepEqual(
      csv.slice(1, 1 + onScreen.length).map((r) => [r[company], Number(r[score])]),
      onScreen.map((r) => [r.company, r.score]),
      'the file starts with the rows on screen, in order',
    );
    await page.selectOption(sel('convert-likelihood'), '');
    noAlerts();
  });
});
