// Convert and Contracts on the live book, after sources.e2e.mjs connected
// every source to its fake: the ledger holds the synced contracts and
// subscriptions, and Sync trials fetches orders (Salesbricks) and then
// subscriptions (Stripe) before it tallies. Each step waits for a condition
// in the page; nothing sleeps.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { URL, assertNoAlerts, failureShot, launch, num, sel, seenTestId, watchTestIds } from './lib.mjs';

describe('Convert and Contracts on live data', () => {
  /** @type {Awaited<ReturnType<typeof launch>>} */
  let b;
  let page;

  before(async () => {
    b = await launch();
    page = b.page;
  });
  afterEach(async (t) => {
    if (t.passed === false) await failureShot(page, `live sections ${t.name}`);
  });
  after(async () => {
    await b?.close();
  });

  const noAlerts = () => assertNoAlerts(assert, b);

  test('Contracts lists the synced Salesbricks contracts and Stripe subscriptions', async () => {
    await page.goto(URL + '#/success/contracts', { waitUntil: 'domcontentloaded' });
    await page.waitForSelector(sel('contract-row'), { state: 'visible' });
    assert.equal(await page.locator(sel('demo-banner')).count(), 0, 'the live book is shown');
    const sum = await page.evaluate(() =>
      window.go.app.ContractsService.Summary({ search: '', status: '', source: '', mismatched: false, sort: '', desc: false, offset: 0, limit: 0 }),
    );
    assert.equal(sum.meta.mode, 'live');
    assert.ok(sum.stripe > 0 && sum.salesbricks > 0, `both sources fill the ledger: ${sum.stripe} Stripe, ${sum.salesbricks} Salesbricks`);
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="contracts-total"]')?.textContent?.replace(/[^0-9]/g, '')) === n, sum.total);
    await page.selectOption(sel('source-select'), 'salesbricks');
    await page.waitForFunction(() => {
      const r = [...document.querySelectorAll('[data-testid="contract-row"]')];
      return r.length > 0 && r.every((el) => ['Salesbricks', 'Merged'].includes(el.querySelector('[data-col="source"]')?.textContent?.trim()));
    });
    await page.selectOption(sel('source-select'), '');
    noAlerts();
  });

  test('Sync trials fetches orders, then subscriptions, then tallies the live queue', async () => {
    await page.click(sel('nav-convert'));
    await page.waitForFunction(() => location.hash === '#/success/convert');
    await page.waitForSelector(`${sel('candidate-row')}, ${sel('convert-empty')}`);
    await watchTestIds(page, ['sync-phase']);
    await page.click(sel('sync-trials'));
    await page.waitForFunction(() =>
      (document.querySelector('[data-testid="last-synced"]')?.getAttribute('title') ?? '').includes('Tallying…'),
    );
    const seen = (await seenTestId(page, 'sync-phase')).map((s) => s.text);
    const want = ['Loading…', 'Checking sources…', 'Fetching orders…', 'Fetching subscriptions…', 'Tallying…'];
    assert.deepEqual(
      want.map((p) => seen.findIndex((s) => s.includes(p))),
      want.map((_, i) => i),
      `every phase, in order: saw ${JSON.stringify(seen)}`,
    );
    await page.waitForSelector(sel('candidate-row'));
    assert.ok(num(await page.textContent(sel('card-total-value'))) > 0, 'the fakes have trials or open orders');
    const sources = await page.$$eval('[data-testid="candidate-row"] [data-col="source"]', (els) => els.map((e) => e.textContent.trim()));
    assert.ok(sources.every((s) => s === 'Stripe' || s === 'Salesbricks'), `candidate sources: ${sources}`);
    noAlerts();
  });
});
