// Contracts end to end on the demo book: the Past due and Expiring in 30
// days filters, a contract's invoices and payment retries, a reconciliation
// mismatch with both sources' values, and the CSV export compared with the
// rows on screen. Each step waits for a condition in the page; nothing sleeps.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { URL, assertNoAlerts, failureShot, launch, num, sel, shooter } from './lib.mjs';
import { parseCSV } from './csv.mjs';


describe('Contracts', () => {
  /** @type {Awaited<ReturnType<typeof launch>>} */
  let b;
  let page;

  before(async () => {
    b = await launch();
    page = b.page;
  });
  afterEach(async (t) => {
    if (t.passed === false) await failureShot(page, `contracts ${t.name}`);
  });
  after(async () => {
    await b?.close();
  });

  const shot = shooter(() => page, 'contracts');

  const noAlerts = () => assertNoAlerts(assert, b);

  /** The ledger rows now in the DOM, top to bottom, with their cells' text. */
  async function rows() {
    return page.$$eval('[data-testid="contract-row"]', (els) =>
      els
        .map((el) => {
          const cell = (c) => (el.querySelector(`[data-col="${c}"]`)?.textContent ?? '').replace(/\s+/g, ' ').trim();
          const out = { key: el.getAttribute('data-key'), top: el.getBoundingClientRect().top, mismatched: !!el.querySelector('[data-testid="mismatch-marker"]') };
          for (const c of ['customer', 'product', 'status', 'source', 'amount', 'mrr', 'arr', 'interval', 'renewal', 'payment']) out[c] = cell(c);
          return out;
        })
        .sort((a, b) => a.top - b.top),
    );
  }

  /**
   * Wait until the ledger has rows and every row on screen passes the named
   * check (the checks run in the page: the CSP forbids evaluating strings).
   */
  async function waitEveryRow(check) {
    await page.waitForFunction((check) => {
      const text = (el, c) => (el.querySelector(`[data-col="${c}"]`)?.textContent ?? '').replace(/\s+/g, ' ').trim();
      const checks = {
        pastDue: (el) => text(el, 'status') === 'Past due',
        expiring30: (el) => {
          const t = text(el, 'renewal');
          const m = t.match(/in (\d+) days/);
          return /today|tomorrow/.test(t) || (!!m && Number(m[1]) <= 30);
        },
        mismatched: (el) => !!el.querySelector('[data-testid="mismatch-marker"]'),
        stripe: (el) => ['Stripe', 'Merged'].includes(text(el, 'source')),
      };
      const r = [...document.querySelectorAll('[data-testid="contract-row"]')];
      return !document.querySelector('[data-testid="contract-row-skeleton"]') && r.length > 0 && r.every(checks[check]);
    }, check);
  }

  const total = async () => num(await page.textContent(sel('contracts-total')));

  test('opens Contracts with its cards, status counts and the ledger', async () => {
    await page.goto(URL, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector(sel('nav-contracts'));
    await page.click(sel('nav-contracts'));
    await page.waitForFunction(() => location.hash === '#/success/contracts');
    await page.waitForSelector(sel('contract-row'), { state: 'visible' });
    for (const id of ['card-total', 'card-active', 'card-expiring', 'card-mrr', 'status-counts']) {
      assert.ok(await page.isVisible(sel(id)), `${id} is visible`);
    }
    assert.match(await page.textContent(sel('card-mrr')), /\d/);
    // The Active card's split agrees with the status chips.
    const split = (await page.textContent(sel('card-active-hint'))).match(/^([\d,]+) active · ([\d,]+) trialing · ([\d,]+) past due$/);
    assert.ok(split, 'the Active card splits its count');
    for (const [i, status] of [[1, 'active'], [2, 'trialing'], [3, 'past_due']]) {
      const chip = await page.textContent(`${sel(`status-count-${status}`)} ${sel('status-count-value')}`);
      assert.equal(num(split[i]), num(chip), `the Active card's ${status} count`);
    }
    assert.ok((await total()) > 0, 'the demo book has contracts');
    await shot('ledger');
    noAlerts();
  });

  test('Past due lists only past-due contracts, as many as its count says', async () => {
    const want = num(await page.textContent(`${sel('status-count-past_due')} ${sel('status-count-value')}`));
    assert.ok(want > 0, 'the demo book has past-due contracts');
    await page.selectOption(sel('status-select'), 'past_due');
    await waitEveryRow('pastDue');
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="contracts-total"]')?.textContent?.replace(/[^0-9]/g, '')) === n, want);
    noAlerts();
  });

  test('a past-due contract shows its invoices and payment retries', async () => {
    const keys = (await rows()).map((r) => r.key);
    let opened = false;
    for (const key of keys) {
      await page.click(`${sel('contract-row')}[data-key="${key}"] [data-col="customer"]`);
      await page.waitForSelector(sel('contract-sheet'), { state: 'visible' });
      await page.waitForSelector(`${sel('sheet-invoices')} ${sel('invoice')}, ${sel('sheet-invoices')} :text("No invoices")`);
      const invoices = await page.$$(`${sel('contract-sheet')} ${sel('invoice')}`);
      const retries = await page.$$(`${sel('contract-sheet')} ${sel('retry')}`);
      if (invoices.length > 0 && retries.length > 0) {
        await shot('past-due-sheet');
        assert.match(await page.textContent(`${sel('contract-sheet')} ${sel('retry')}`), /failed|scheduled|succeeded|Failed|Scheduled|Succeeded/);
        opened = true;
        break;
      }
      await page.keyboard.press('Escape');
      await page.waitForSelector(sel('contract-sheet'), { state: 'detached' });
    }
    assert.ok(opened, 'some past-due contract has invoices and retry attempts');
    await page.keyboard.press('Escape');
    await page.waitForSelector(sel('contract-sheet'), { state: 'detached' });
    noAlerts();
  });

  test('Expiring in 30 days lists only contracts renewing within 30 days', async () => {
    const want = num(await page.textContent(`${sel('status-count-expiring30')} ${sel('status-count-value')}`));
    await page.selectOption(sel('status-select'), 'expiring30');
    await waitEveryRow('expiring30');
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="contracts-total"]')?.textContent?.replace(/[^0-9]/g, '')) === n, want);
    await page.selectOption(sel('status-select'), '');
    noAlerts();
  });

  test('a reconciliation mismatch shows the Salesbricks and Stripe values side by side', async () => {
    await page.click(sel('mismatch-toggle'));
    await waitEveryRow('mismatched');
    const r = (await rows())[0];
    assert.equal(r.source, 'Merged', 'a mismatch is between the two sources of one merged row');
    await page.click(`${sel('contract-row')}[data-key="${r.key}"] [data-col="customer"]`);
    await page.waitForSelector(`${sel('contract-sheet')} ${sel('mismatch')}`);
    const sb = (await page.textContent(`${sel('contract-sheet')} ${sel('mismatch-salesbricks')}`)).trim();
    const st = (await page.textContent(`${sel('contract-sheet')} ${sel('mismatch-stripe')}`)).trim();
    assert.ok(sb && st && sb !== st, `both values are shown and differ: ${sb} | ${st}`);
    assert.ok((await page.textContent(`${sel('contract-sheet')} ${sel('mismatch-explain')}`)).trim().length > 10);
    await shot('mismatch');
    await page.keyboard.press('Escape');
    await page.waitForSelector(sel('contract-sheet'), { state: 'detached' });
    await page.click(sel('mismatch-toggle'));
    noAlerts();
  });

  test('the CSV export holds the filtered rows, in the order on screen', async () => {
    await page.selectOption(sel('source-select'), 'stripe');
    await waitEveryRow('stripe');
    const n = await total();
    assert.ok(n > 0, 'Stripe bills some contracts');
    const onScreen = await rows(); // the rows the window shows: the top of the list
    assert.ok(onScreen.length > 0 && onScreen.length <= n);
    await page.click(sel('export-csv'));
    await page.waitForSelector(sel('export-result'));
    const path = await page.getAttribute(sel('export-result'), 'data-path');
    assert.equal(Number(await page.getAttribute(sel('export-result'), 'data-rows')), n);
    const csv = parseCSV(readFileSync(path, 'utf8'));
    const h = csv[0];
    const col = (name) => {
      const i = h.findIndex((x) => x.toLowerCase() === name.toLowerCase());
      assert.ok(i >= 0, `the header has ${name}: ${h}`);
      return i;
    };
    const [customer, product, source] = [col('Customer'), col('Product'), col('Source')];
    assert.equal(csv.length - 1, n, 'one line per matching row, after the header');
    assert.deepEqual(
      csv.slice(1, 1 + onScreen.length).map((r) => [r[customer], r[product], r[source].toLowerCase()]),
      onScreen.map((r) => [r.customer, r.product, r.source.toLowerCase()]),
      'the file starts with the rows on screen, in order',
    );
    await page.selectOption(sel('source-select'), '');
    noAlerts();
  });
});
