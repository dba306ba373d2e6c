// Settings & Data end to end: connect Stripe (a local fake behind
// SUCCESS_DESK_STRIPE_BASE_URL, the key kept in a real Secret Service),
// follow the sync, switch to the live book, and read Stripe's payment
// factors and revenue sources in Health and Customer Detail. Runs after
// health.e2e.mjs, which needs the demo book. Each step waits for a
// condition in the page; nothing sleeps.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { URL, failureShot, launch, num, seenTestId, visibleRows, watchTestIds } from './lib.mjs';

const sel = (id) => `[data-testid="${id}"]`;
const shots = process.env.E2E_SHOTS; // a directory: save a screenshot after each step

const KEY = process.env.E2E_STRIPE_KEY ?? '';
const BAD_KEY = process.env.E2E_STRIPE_BAD_KEY ?? '';
const STRIPE_URL = process.env.E2E_STRIPE_URL ?? '';

/** Factor labels of the payment category that only billing data can raise. */
const PAYMENT_CODES = ['failed_payment', 'past_due_invoice'];
const PAYMENT_LABELS = /Failed payment|Past-due invoice/;
/** Progress phases a sync shows (run-wide and Stripe's own). */
const PHASES = /^(Starting…|Loading…|Checking sources…|Tallying…|Fetching (subscriptions|customers|invoices|changes)…)$/;

describe('Settings: connect Stripe and switch to the live book', () => {
  /** @type {Awaited<ReturnType<typeof launch>>} */
  let b;
  let page;

  before(async () => {
    assert.ok(KEY && BAD_KEY && STRIPE_URL, 'E2E_STRIPE_KEY, E2E_STRIPE_BAD_KEY and E2E_STRIPE_URL are set (run .ci/e2e)');
    assert.notEqual(KEY, BAD_KEY);
    b = await launch();
    page = b.page;
  });

  afterEach(async (t) => {
    if (!t.passed) await failureShot(page, `settings-${t.name}`);
  });

  after(async () => {
    await b?.close();
  });

  async function shot(name) {
    if (shots) await page.screenshot({ path: `${shots}/${name}.png` });
  }

  function noAlerts() {
    assert.deepEqual(b.dialogs, [], 'no dialog or alert may fire');
    assert.deepEqual(b.pageErrors, [], 'no uncaught page errors');
  }

  const text = async (id) => ((await page.textContent(sel(id))) ?? '').replace(/\s+/g, ' ').trim();

  async function waitText(id, re) {
    await page.waitForFunction(
      ([s, src, flags]) => new RegExp(src, flags).test(document.querySelector(s)?.textContent?.replace(/\s+/g, ' ') ?? ''),
      [sel(id), re.source, re.flags],
    );
  }

  /** Wait for a toast whose message matches re, since toasts were last watched (they go after 4 s). */
  async function waitToast(re) {
    await page.waitForFunction(
      ([src, flags]) => window.__e2eSaw('toast').some((t) => new RegExp(src, flags).test(t.text)),
      [re.source, re.flags],
    );
  }

  /** Every row of the current book's Health list, through the bound method the table uses. */
  async function allHealthRows() {
    return page.evaluate(async () => {
      const rows = [];
      let mode = '';
      for (let offset = 0; ; ) {
        const r = await window.go.app.HealthService.List({
          risk: '', search: '', includeUntracked: true, sort: 'score', desc: false, offset, limit: 1000,
        });
        mode = r.meta.mode;
        rows.push(
          ...r.rows.map((x) => ({
            domain: x.domain,
            name: x.name,
            tracked: x.tracked,
            factors: (x.factors ?? []).map((f) => f.code),
          })),
        );
        offset += r.rows.length;
        if (r.rows.length === 0 || offset >= r.total) break;
      }
      return { mode, rows };
    });
  }

  /** Wait until the Health table shows loaded rows of the book now shown. */
  async function gotoHealth() {
    await page.click(sel('nav-health'));
    await page.waitForFunction(() => location.hash === '#/success/health');
    await page.waitForFunction(() => !!window.__e2eRows());
  }

  const card = sel('integration-card-stripe');
  let demoDomains = new Set();
  let demoCount = 0;
  /** tracked accounts: what the table lists by default */
  let liveTracked = 0;
  let liveRows = [];
  /** accounts the Stripe card says it synced */
  let stripeAccounts = 0;
  /** an account of the live book with a Stripe payment factor and a domain */
  let target;

  test('Settings lists Stripe as available, pointed at the custom endpoint', async () => {
    await page.goto(URL, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => location.hash === '#/success/health');
    await page.waitForSelector(sel('demo-banner'), { state: 'visible' });
    const demo = await allHealthRows();
    assert.equal(demo.mode, 'demo', 'the window starts on the demo book');
    demoDomains = new Set(demo.rows.map((r) => r.domain).filter(Boolean));
    demoCount = demo.rows.length;
    assert.ok(demoDomains.has('hooli.com'), 'the demo book holds its sample accounts');

    await page.click(sel('nav-settings'));
    await page.waitForFunction(() => location.hash === '#/settings');
    await page.waitForSelector(card, { state: 'visible' });
    assert.equal(await page.getAttribute(sel('nav-settings'), 'aria-current'), 'page');
    assert.equal(await page.getAttribute(card, 'data-status'), 'available');
    assert.equal(await text('integration-status-stripe'), 'Available');
    assert.ok(await page.isVisible(sel('connect-stripe')), 'Connect is offered');
    assert.match(await text('base-url-stripe'), new RegExp(`Using a custom endpoint: ${STRIPE_URL.replace(/[.]/g, '\\.')}$`));
    assert.equal(await text('settings-mode'), 'Showing demo data');
    assert.equal(await page.locator(sel('sync-block-stripe')).count(), 0, 'no sync state before a connection');
    await shot('s01-settings');
    noAlerts();
  });

  test('a refused key is explained in plain words, inline, without echoing it', async () => {
    await page.click(sel('connect-stripe'));
    await page.waitForSelector(sel('connect-dialog'), { state: 'visible' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'token-input');
    assert.equal(await page.getAttribute(sel('token-input'), 'type'), 'password', 'the key is not shown while typed');

    await page.fill(sel('token-input'), BAD_KEY);
    await page.click(sel('connect-submit'));
    await page.waitForSelector(sel('connect-error'), { state: 'visible' });
    const msg = await text('connect-error');
    assert.match(msg, /^Stripe refused the key\b/);
    assert.ok(!msg.includes(BAD_KEY), 'the message does not echo the key');
    assert.ok(!msg.includes(BAD_KEY.slice(-8)), 'nor its end');
    assert.doesNotMatch(msg, /\b401\b|invalid_api_key|Invalid API Key|\{|stripe-go|Error:/, 'no codes or raw API text');
    assert.equal(await page.getAttribute(sel('token-input'), 'aria-invalid'), 'true');
    assert.equal(await page.inputValue(sel('token-input')), BAD_KEY, 'the input keeps what was pasted');
    assert.equal(await page.getAttribute(card, 'data-status'), 'available', 'nothing was saved');
    assert.equal(await page.isEnabled(sel('connect-submit')), true);
    assert.equal((await page.textContent('body')).includes(BAD_KEY), false, 'the key appears nowhere in the page text');
    await shot('s02-refused');
    noAlerts();
  });

  test('the right key connects in test mode and the first sync shows its progress', async () => {
    await watchTestIds(page, ['sync-progress-stripe', 'toast']);
    await page.fill(sel('token-input'), KEY);
    await page.click(sel('connect-submit'));
    await page.waitForSelector(sel('connect-dialog'), { state: 'detached' });

    await page.waitForSelector(`${card}[data-status="connected"]`);
    const kept = await page.evaluate(
      (k) => document.body.innerText.includes(k) || [...document.querySelectorAll('input')].some((i) => i.value.includes(k)),
      KEY,
    );
    assert.equal(kept, false, 'the accepted key is not kept in the page');
    assert.equal(await text('integration-status-stripe'), 'Connected');
    assert.equal(await text('key-mode-stripe'), 'Test');
    assert.equal(await text('account-stripe'), 'Success Desk (test)');
    assert.equal(await text('key-kind-stripe'), 'Secret key');
    assert.match(await text('connected-at-stripe'), /^since /);
    await waitToast(/^Stripe connected: Success Desk \(test\) \(test mode\)/);
    await page.waitForSelector(sel('live-offer'), { state: 'visible' });
    assert.match(await text('live-offer'), /Switch to live data\?/);

    // The first sync starts by itself; its progress line names the phase and counts.
    await page.waitForFunction(() =>
      window.__e2eSaw('sync-progress-stripe').some((s) => /\d/.test(s.parts['sync-count-stripe'] ?? '')),
    );
    await waitText('sync-status-stripe', /^\s*Idle\s*$/);
    await page.waitForSelector(sel('sync-progress-stripe'), { state: 'detached' });
    await waitToast(/^Stripe synced [\d,]+ items\./);
    const seen = await seenTestId(page, 'sync-progress-stripe');
    for (const s of seen) assert.match(s.parts['sync-phase-stripe'], PHASES, `a known phase: ${JSON.stringify(s)}`);
    const counted = seen.filter((s) => s.parts['sync-count-stripe']);
    assert.ok(counted.length > 0, 'the progress counted records');
    for (const s of counted) assert.match(s.parts['sync-count-stripe'], /^[\d,]+ (of [\d,]+|so far)$/);
    assert.ok(
      seen.some((s) => /^Fetching /.test(s.parts['sync-phase-stripe'])),
      `a Stripe phase was shown: ${JSON.stringify(seen.map((s) => s.parts['sync-phase-stripe']))}`,
    );

    assert.doesNotMatch(await text('last-success-stripe'), /Never/);
    assert.equal(await page.locator(sel('last-error-stripe')).count(), 0, 'no error');
    // The card's row counts come with the reload that follows the run.
    await waitText('rows-stripe', /[1-9][\d,]* accounts.*[1-9][\d,]* subscriptions.*[1-9][\d,]* invoices/);
    const rows = await text('rows-stripe');
    assert.match(rows, /holds [\d,]+ rows/);
    stripeAccounts = num(rows.match(/([\d,]+) accounts/)?.[1]);
    assert.ok(stripeAccounts > 0, `Stripe accounts are counted: ${rows}`);
    assert.match(rows, /[\d,]+ subscriptions/);
    assert.match(rows, /[\d,]+ invoices/);
    await page.waitForSelector(`${sel('sync-now-stripe')}:enabled`);
    await shot('s03-connected');
    noAlerts();
  });

  test('Sync now shows the progress and ends with a success', async () => {
    await watchTestIds(page, ['sync-progress-stripe', 'sync-status-stripe', 'toast']);
    await page.click(sel('sync-now-stripe'));
    // The progress line may pass quickly: the page records it as it appears.
    await page.waitForFunction(() => window.__e2eSaw('sync-progress-stripe').length > 0);
    await page.waitForFunction(() => window.__e2eSaw('sync-status-stripe').some((s) => s.text === 'Syncing now'));
    await waitText('sync-status-stripe', /^\s*Idle\s*$/);
    await page.waitForSelector(sel('sync-progress-stripe'), { state: 'detached' });
    await page.waitForSelector(`${sel('sync-now-stripe')}:enabled`);
    await waitToast(/^Stripe synced [\d,]+ items?\./);
    const seen = await seenTestId(page, 'sync-progress-stripe');
    assert.ok(seen.length > 0);
    for (const s of seen) {
      assert.match(s.parts['sync-phase-stripe'], PHASES, `a known phase: ${JSON.stringify(s)}`);
      if (s.parts['sync-count-stripe']) assert.match(s.parts['sync-count-stripe'], /^[\d,]+ (of [\d,]+|so far)$/);
    }
    assert.equal(await page.locator(sel('last-error-stripe')).count(), 0, 'no error');
    assert.doesNotMatch(await text('last-success-stripe'), /Never/);
    assert.match(await text('next-run-stripe'), /^in \d|^within a minute$|^due now$/);
    await shot('s04-synced');
    noAlerts();
  });

  test('switching to live data shows the Stripe book and no demo account', async () => {
    await watchTestIds(page, ['toast']);
    await page.click(sel('switch-live'));
    await page.waitForSelector(sel('live-offer'), { state: 'detached' });
    await waitText('settings-mode', /Showing live data/);
    await waitToast(/^Showing your live data\./);
    await page.waitForSelector(sel('demo-banner'), { state: 'detached' });
    await page.waitForSelector(sel('preview-demo'), { state: 'visible' });

    await gotoHealth();
    const live = await allHealthRows();
    assert.equal(live.mode, 'live');
    liveRows = live.rows;
    assert.equal(liveRows.length, stripeAccounts, 'the live book holds exactly the accounts Stripe synced');
    liveTracked = liveRows.filter((r) => r.tracked).length;
    assert.ok(liveTracked > 0, 'the live book has accounts');
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="health-table"]')?.getAttribute('data-total') === String(n),
      liveTracked,
    );
    const mixed = liveRows.filter((r) => r.domain && demoDomains.has(r.domain));
    assert.deepEqual(mixed, [], 'no demo account in the live book');
    assert.equal(await page.locator(sel('demo-banner')).count(), 0);
    const rows = await visibleRows(page);
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r) => !demoDomains.has(r.domain)), 'the table shows no demo domain');

    // The demo book's markup account is not here.
    await page.fill(sel('health-search'), 'pwned');
    await page.waitForFunction(() => document.querySelector('[data-testid="health-table"]')?.getAttribute('data-total') === '0');
    await page.fill(sel('health-search'), '');
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="health-table"]')?.getAttribute('data-total') === String(n),
      liveTracked,
    );
    await page.waitForFunction(() => !!window.__e2eRows());
    await shot('s05-live-health');
    noAlerts();
  });

  test('Health shows Stripe payment factors on live accounts', async () => {
    const withPayment = liveRows.filter((r) => r.factors.some((c) => PAYMENT_CODES.includes(c)));
    assert.ok(withPayment.length > 0, 'some live accounts have a failed payment or a past-due invoice');
    target = withPayment.find((r) => r.domain);
    assert.ok(target, 'one of them has a domain');

    await page.fill(sel('health-search'), target.domain);
    const row = `${sel('health-row')}[data-domain="${target.domain}"]`;
    await page.waitForSelector(row);
    const label = await page.getAttribute(`${row} ${sel('factor-chips')}`, 'aria-label');
    assert.match(label, PAYMENT_LABELS, `the row's factors name the payment problem: ${label}`);
    assert.ok(num(await page.getAttribute(`${row} ${sel('cell-arr')}`, 'data-arr-base')) >= 0);
    await shot('s06-payment-row');
    noAlerts();
  });

  test('Customer Detail shows the payment factor and Stripe revenue sources', async () => {
    const row = `${sel('health-row')}[data-domain="${target.domain}"]`;
    await page.click(`${row} ${sel('account-name')}`);
    await page.waitForFunction((d) => location.hash.startsWith('#/success/customers/' + encodeURIComponent(d)), target.domain);
    await page.waitForFunction(
      (name) => document.querySelector('[data-testid="customer-name"]')?.textContent?.trim() === name.trim(),
      target.name,
    );
    assert.equal(await text('customer-domain'), target.domain);
    assert.equal(await text('customer-source-badge'), 'Stripe');

    await page.waitForSelector(`${sel('factor-breakdown')} ${sel('factor-row')}`);
    const factors = await page.$$eval(`${sel('factor-breakdown')} ${sel('factor-row')}`, (els) =>
      els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()),
    );
    const payment = factors.find((f) => PAYMENT_LABELS.test(f));
    assert.ok(payment, `a payment factor is listed: ${JSON.stringify(factors)}`);
    assert.match(payment, /Payment/, 'in the Payment category');
    assert.match(payment, /\bin_\w+/, 'with the Stripe invoice as evidence');

    await page.waitForSelector(`${sel('revenue-sources')} ${sel('revenue-card')}`);
    const cards = await page.$$eval(`${sel('revenue-sources')} ${sel('revenue-card')}`, (els) =>
      els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()),
    );
    assert.ok(cards.length > 0);
    for (const c of cards) assert.match(c, /Stripe · sub_\w+/, `a Stripe subscription: ${c}`);
    assert.ok((await page.locator(`${sel('revenue-sources')} ${sel('invoice-row')}`).count()) > 0, 'its Stripe invoices are listed');
    await shot('s07-customer');
    noAlerts();

    await page.click(sel('back-button'));
    await page.waitForFunction(() => location.hash === '#/success/health');
    await page.fill(sel('health-search'), '');
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="health-table"]')?.getAttribute('data-total') === String(n),
      liveTracked,
    );
  });

  test('the demo book keeps only its sample accounts, and live data comes back', async () => {
    await watchTestIds(page, ['toast']);
    await page.click(sel('preview-demo'));
    await page.waitForSelector(sel('demo-banner'), { state: 'visible' });
    await waitToast(/^Showing the demo book\. Your live data is kept\./);
    const demo = await allHealthRows();
    assert.equal(demo.mode, 'demo');
    const liveDomains = new Set(liveRows.map((r) => r.domain).filter(Boolean));
    const mixed = demo.rows.filter((r) => r.domain && liveDomains.has(r.domain));
    assert.deepEqual(mixed, [], 'no Stripe account in the demo book');
    assert.equal(demo.rows.length, demoCount, 'the demo book is as it was');

    await page.waitForFunction(() => !!window.__e2eRows());
    await page.fill(sel('health-search'), target.domain);
    await page.waitForFunction(() => document.querySelector('[data-testid="health-table"]')?.getAttribute('data-total') === '0');
    await page.fill(sel('health-search'), '');
    await page.waitForFunction(() => !!window.__e2eRows());
    await shot('s08-demo-again');

    await page.click(sel('demo-use-live'));
    await page.waitForSelector(sel('demo-banner'), { state: 'detached' });
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="health-table"]')?.getAttribute('data-total') === String(n),
      liveTracked,
    );
    noAlerts();
  });
});
