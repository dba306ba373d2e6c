// The other sources end to end: connect Salesbricks, PostHog, BuildBetter
// and HubSpot in Settings & Data (each a local fake behind its
// SUCCESS_DESK_<SOURCE>_BASE_URL, the keys kept in a real Secret Service),
// follow each first sync, then read what they bring in the live book:
// Renewal, Adoption and Signals factors in Health, and in Customer Detail an
// account that Salesbricks, BuildBetter and HubSpot all know (contracts,
// calls, signals, contract changes and enrichment) and a PostHog account
// (active users and their weekly trend, enriched by HubSpot). Runs after
// settings.e2e.mjs, which connects Stripe and switches to the live book.
// Each step waits for a condition in the page; nothing sleeps.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  URL,
  failureShot,
  healthBook,
  launch,
  num,
  sel,
  seenTestId,
  testIdText,
  waitTestIdText,
  waitToast,
  watchTestIds,
} from './lib.mjs';

const env = process.env;
const shots = env.E2E_SHOTS; // a directory: save a screenshot after each step
const list = (s) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);

/** Salesbricks companies that BuildBetter and HubSpot know too (by domain). */
const SHARED = list(env.E2E_SHARED_DOMAINS);
/** PostHog companies that HubSpot knows too. */
const POSTHOG_SHARED = list(env.E2E_POSTHOG_DOMAINS);
/** A HubSpot company no other source knows. */
const HUBSPOT_ONLY = env.E2E_HUBSPOT_ONLY_DOMAIN ?? '';

/** The sources in the order they are connected: HubSpot last, as it only enriches accounts the others made. */
const SOURCES = [
  { src: 'salesbricks', label: 'Salesbricks', key: env.E2E_SALESBRICKS_KEY, url: env.E2E_SALESBRICKS_URL, fields: {} },
  {
    src: 'posthog',
    label: 'PostHog',
    key: env.E2E_POSTHOG_KEY,
    url: env.E2E_POSTHOG_URL,
    // The host stays empty: SUCCESS_DESK_POSTHOG_BASE_URL overrides it.
    fields: { project: env.E2E_POSTHOG_PROJECT ?? '', group_type: 'company' },
    asks: ['field-host', 'field-project', 'field-group_type'],
  },
  { src: 'buildbetter', label: 'BuildBetter', key: env.E2E_BUILDBETTER_KEY, url: env.E2E_BUILDBETTER_URL, fields: {} },
  { src: 'hubspot', label: 'HubSpot', key: env.E2E_HUBSPOT_KEY, url: env.E2E_HUBSPOT_URL, fields: {} },
];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const categories = (r) => new Set(r.factors.map((f) => f.category));
/** A Salesbricks contract id as Customer Detail shows it. */
const CONTRACT_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('Sources: connect Salesbricks, PostHog, BuildBetter and HubSpot, and read them live', () => {
  /** @type {Awaited<ReturnType<typeof launch>>} */
  let b;
  let page;

  before(async () => {
    for (const s of SOURCES) assert.ok(s.key && s.url, `the ${s.label} key and address are set (run .ci/e2e)`);
    assert.ok(SHARED.length > 0 && POSTHOG_SHARED.length > 0 && HUBSPOT_ONLY, 'the shared domains are set (run .ci/e2e)');
    b = await launch();
    page = b.page;
  });

  afterEach(async (t) => {
    if (!t.passed) await failureShot(page, `sources-${t.name}`);
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

  const texts = (selector) => page.$$eval(selector, (els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));
  const totalIs = (n) =>
    page.waitForFunction(
      (n) => document.querySelector('[data-testid="health-table"]')?.getAttribute('data-total') === String(n),
      n,
    );

  /** Wait until the Health table shows loaded rows of the book now shown. */
  async function gotoHealth() {
    await page.click(sel('nav-health'));
    await page.waitForFunction(() => location.hash === '#/success/health');
    await page.waitForFunction(() => !!window.__e2eRows());
  }

  async function gotoSettings() {
    await page.click(sel('nav-settings'));
    await page.waitForFunction(() => location.hash === '#/settings');
  }

  /** Search Health for domain and return the selector of its row. */
  async function findRow(domain) {
    await page.fill(sel('health-search'), domain);
    const row = `${sel('health-row')}[data-domain="${domain}"]`;
    await page.waitForSelector(row);
    return row;
  }

  /** The factors the row's tooltip lists ("-12 Escalation · Signals …"), shown by hovering its chips. */
  async function tooltipFactors(row) {
    await page.hover(`${row} ${sel('factor-chips')}`);
    await page.waitForSelector(sel('factor-tooltip'), { state: 'visible' });
    const items = await texts(`${sel('factor-tooltip')} ${sel('factor-tooltip-item')}`);
    await page.mouse.move(1, 1);
    await page.waitForSelector(sel('factor-tooltip'), { state: 'detached' });
    return items;
  }

  /** Open the account of row in Customer Detail. */
  async function openCustomer(row, target) {
    await page.click(`${row} ${sel('account-name')}`);
    await page.waitForFunction((d) => location.hash.startsWith('#/success/customers/' + encodeURIComponent(d)), target.domain);
    await page.waitForFunction(
      (name) => document.querySelector('[data-testid="customer-name"]')?.textContent?.trim() === name.trim(),
      target.name,
    );
    assert.equal(await testIdText(page, 'customer-domain'), target.domain);
  }

  async function backToHealth() {
    await page.click(sel('back-button'));
    await page.waitForFunction(() => location.hash === '#/success/health');
    await page.fill(sel('health-search'), '');
    await totalIs(liveTracked);
  }

  /** The enrichment panel shows the fake HubSpot company of domain. */
  async function seeEnrichment(domain) {
    await waitTestIdText(page, 'enrichment-panel', new RegExp(`Matched on ${escape(domain)} in HubSpot`));
    const panel = await testIdText(page, 'enrichment-panel');
    assert.match(panel, /Industry Computer software/, panel);
    assert.match(panel, /Employees 1\d\d\b/, panel);
    assert.match(panel, /Location Berlin, Germany/, panel);
  }

  let liveTracked = 0;
  /** @type {{ accountId: number, domain: string, name: string, tracked: boolean, activeUsers: number | null, factors: { code: string, category: string, label: string }[] }[]} */
  let live = [];
  /** an account Salesbricks, BuildBetter and HubSpot share, with Signals and Renewal factors */
  let shared;
  /** a PostHog account HubSpot knows, with active users */
  let usage;

  test('Settings offers the four sources, each pointed at its custom endpoint', async () => {
    await page.goto(URL, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => location.hash === '#/success/health');
    await page.waitForFunction(() => !!window.__e2eRows());
    assert.equal(await page.locator(sel('demo-banner')).count(), 0, 'the window opens on the live book');
    await gotoSettings();
    await waitTestIdText(page, 'settings-mode', /Showing live data/);
    for (const s of SOURCES) {
      const card = sel(`integration-card-${s.src}`);
      await page.waitForSelector(card, { state: 'visible' });
      assert.equal(await page.getAttribute(card, 'data-status'), 'available', s.label);
      assert.equal(await testIdText(page, `integration-status-${s.src}`), 'Available');
      assert.ok(await page.isVisible(sel(`connect-${s.src}`)), `Connect ${s.label} is offered`);
      assert.match(await testIdText(page, `base-url-${s.src}`), new RegExp(`Using a custom endpoint: ${escape(s.url)}$`));
      assert.equal(await page.locator(sel(`sync-block-${s.src}`)).count(), 0, `no ${s.label} sync state before a connection`);
    }
    assert.equal(await page.getAttribute(sel('integration-card-stripe'), 'data-status'), 'connected');
    await shot('r01-settings');
    noAlerts();
  });

  for (const s of SOURCES) {
    test(`${s.label} connects with its key and its first sync finishes`, async () => {
      const card = sel(`integration-card-${s.src}`);
      await watchTestIds(page, [`sync-progress-${s.src}`, 'toast']);
      await page.click(sel(`connect-${s.src}`));
      await page.waitForSelector(sel('connect-dialog'), { state: 'visible' });
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'token-input');
      assert.equal(await page.getAttribute(sel('token-input'), 'type'), 'password', 'the key is not shown while typed');
      const asked = await page.$$eval(`${sel('connect-dialog')} [data-testid^="field-"]`, (els) =>
        els.map((e) => e.getAttribute('data-testid')),
      );
      for (const id of s.asks ?? []) assert.ok(asked.includes(id), `the dialog asks for ${id}: ${asked}`);
      if (s.asks) assert.equal(await page.inputValue(sel('field-host')), '', 'the host is left empty');
      for (const [k, v] of Object.entries(s.fields)) await page.fill(sel(`field-${k}`), v);
      await page.fill(sel('token-input'), s.key);
      await page.click(sel('connect-submit'));
      await page.waitForSelector(sel('connect-dialog'), { state: 'detached' });

      await page.waitForSelector(`${card}[data-status="connected"]`);
      assert.equal(await testIdText(page, `integration-status-${s.src}`), 'Connected');
      await waitToast(page, new RegExp(`^${s.label} connected\\b`));
      const kept = await page.evaluate(
        (k) => document.body.innerText.includes(k) || [...document.querySelectorAll('input')].some((i) => i.value.includes(k)),
        s.key,
      );
      assert.equal(kept, false, 'the accepted key is not kept in the page');

      // The first sync starts by itself and ends in a toast.
      await waitToast(page, new RegExp(`^${s.label} (synced|sync failed|needs a new key)`));
      const toasts = (await seenTestId(page, 'toast')).map((t) => t.text);
      assert.ok(
        toasts.some((t) => new RegExp(`^${s.label} synced [\\d,]+ items?\\.`).test(t)),
        `the first sync succeeded: ${JSON.stringify(toasts)}`,
      );
      await page.waitForSelector(sel(`sync-progress-${s.src}`), { state: 'detached' });
      // The card settles at the run's end and reads the saved state a moment later.
      await page.waitForFunction(
        (src) => !/Never/.test(document.querySelector(`[data-testid="last-success-${src}"]`)?.textContent ?? 'Never'),
        s.src,
      );
      await waitTestIdText(page, `sync-status-${s.src}`, /^\s*Idle\s*$/);
      await page.waitForSelector(`${sel(`sync-now-${s.src}`)}:enabled`);
      const seen = await seenTestId(page, `sync-progress-${s.src}`);
      assert.ok(seen.length > 0, 'the sync showed its progress');
      for (const p of seen) assert.ok(p.parts[`sync-phase-${s.src}`], `a phase is named: ${JSON.stringify(p)}`);
      assert.equal(await page.locator(sel(`last-error-${s.src}`)).count(), 0, 'no error');
      await waitTestIdText(page, `rows-${s.src}`, /[\d,]+ items synced · holds [1-9][\d,]* rows?/);
      await shot(`r02-${s.src}`);
      noAlerts();
    });
  }

  test('Sync now re-reads HubSpot', async () => {
    await watchTestIds(page, ['sync-progress-hubspot', 'sync-status-hubspot', 'toast']);
    await page.click(sel('sync-now-hubspot'));
    await page.waitForFunction(() => window.__e2eSaw('sync-status-hubspot').some((s) => s.text === 'Syncing now'));
    await waitToast(page, /^HubSpot (synced|sync failed|needs a new key)/);
    await waitTestIdText(page, 'sync-status-hubspot', /^\s*Idle\s*$/);
    await page.waitForSelector(`${sel('sync-now-hubspot')}:enabled`);
    assert.equal(await page.locator(sel('last-error-hubspot')).count(), 0, 'no error');
    noAlerts();
  });

  test('Needs matching lists the new sources\u2019 records that matched no company', async () => {
    await page.waitForSelector(sel('needs-matching'), { state: 'visible' });
    for (const src of ['salesbricks', 'posthog', 'buildbetter']) {
      await page.waitForSelector(`${sel('needs-matching-list')} [data-testid^="unmatched-${src}-"]`);
    }
    const items = await page.locator(`${sel('needs-matching-list')} > li`).count();
    await waitTestIdText(page, 'needs-matching-count', new RegExp(`^\\s*${items.toLocaleString('en-US')} to match\\s*$`));
    const salesbricks = await texts(`${sel('needs-matching-list')} [data-testid^="unmatched-salesbricks-"]`);
    for (const t of salesbricks) assert.match(t, /^Salesbricks /, t);
    const hubspot = await page.locator(`${sel('needs-matching-list')} [data-testid^="unmatched-hubspot-"]`).count();
    assert.equal(hubspot, 0, 'HubSpot leaves no record unmatched: it only enriches');
    await page.locator(sel('needs-matching')).scrollIntoViewIfNeeded();
    await shot('r03-needs-matching');
    noAlerts();
  });

  test('Health shows Renewal, Adoption and Signals factors on live accounts', async () => {
    await gotoHealth();
    const book = await healthBook(page);
    assert.equal(book.mode, 'live');
    live = book.rows;
    liveTracked = live.filter((r) => r.tracked).length;
    await totalIs(liveTracked);
    for (const d of SHARED) assert.equal(live.filter((r) => r.domain === d).length, 1, `one account at ${d}`);
    assert.deepEqual(live.filter((r) => r.domain === HUBSPOT_ONLY), [], 'HubSpot made no account of its own');
    const all = new Set(live.flatMap((r) => r.factors.map((f) => f.category)));
    for (const c of ['payment', 'renewal', 'adoption', 'signals']) assert.ok(all.has(c), `some live account has a ${c} factor`);

    // Signals from BuildBetter and Renewal from a Salesbricks contract on one account.
    shared = live.find((r) => SHARED.includes(r.domain) && categories(r).has('signals') && categories(r).has('renewal'));
    assert.ok(shared, 'an account BuildBetter and Salesbricks share has Signals and Renewal factors');
    let row = await findRow(shared.domain);
    const chips = await page.getAttribute(`${row} ${sel('factor-chips')}`, 'aria-label');
    for (const f of shared.factors) assert.ok(chips.includes(f.label), `the chips name ${f.label}: ${chips}`);
    let tip = await tooltipFactors(row);
    assert.ok(tip.some((t) => / · Signals\b/.test(t)), `a Signals factor: ${JSON.stringify(tip)}`);
    assert.ok(tip.some((t) => / · Renewal\b/.test(t)), `a Renewal factor: ${JSON.stringify(tip)}`);
    await shot('r04-shared-row');

    // Adoption comes from PostHog only.
    const adoption = live.find((r) => r.domain && categories(r).has('adoption'));
    assert.ok(adoption, 'a PostHog account has an Adoption factor');
    row = await findRow(adoption.domain);
    tip = await tooltipFactors(row);
    assert.ok(tip.some((t) => / · Adoption\b/.test(t)), `an Adoption factor: ${JSON.stringify(tip)}`);

    // A PostHog account HubSpot knows, with active users.
    usage = live
      .filter((r) => POSTHOG_SHARED.includes(r.domain) && r.activeUsers > 0)
      .sort((a, c) => c.activeUsers - a.activeUsers)[0];
    assert.ok(usage, `a PostHog account of ${POSTHOG_SHARED} has active users`);
    row = await findRow(usage.domain);
    assert.match(await page.textContent(`${row} ${sel('cell-users')}`), new RegExp(`^\\s*${usage.activeUsers} / `));
    await shot('r05-usage-row');

    await page.fill(sel('health-search'), '');
    await totalIs(liveTracked);
    noAlerts();
  });

  test('Customer Detail gathers Salesbricks contracts, BuildBetter calls and signals, and HubSpot enrichment', async () => {
    const row = await findRow(shared.domain);
    await openCustomer(row, shared);
    assert.equal(await testIdText(page, 'customer-source-badge'), 'Salesbricks');

    await page.waitForSelector(`${sel('revenue-sources')} ${sel('revenue-card')}`);
    const cards = await texts(`${sel('revenue-sources')} ${sel('revenue-card')}`);
    const contracts = [];
    for (const c of cards) {
      assert.match(c, new RegExp(`Salesbricks · ${CONTRACT_ID.source}`), `a Salesbricks contract: ${c}`);
      contracts.push(c.match(CONTRACT_ID)[0]);
    }
    assert.match(await testIdText(page, 'metric-contract-value'), /ARR/);

    await page.waitForSelector(`${sel('factor-breakdown')} ${sel('factor-row')}`);
    const factors = await texts(`${sel('factor-breakdown')} ${sel('factor-row')}`);
    const signal = factors.find((f) => /\bSignals\b/.test(f));
    assert.ok(signal, `a Signals factor is listed: ${JSON.stringify(factors)}`);
    assert.match(signal, /\bSignal signal_\d+/, 'with the BuildBetter signal as evidence');
    const renewal = factors.find((f) => /\bRenewal\b/.test(f));
    assert.ok(renewal, `a Renewal factor is listed: ${JSON.stringify(factors)}`);
    assert.ok(
      contracts.some((id) => renewal.includes(`Contract ${id}`)),
      `with one of its Salesbricks contracts as evidence: ${renewal} (${contracts})`,
    );

    // The feed: BuildBetter's calls and signals beside Salesbricks' contract changes.
    await page.waitForSelector(`${sel('activity-feed')} ${sel('activity-item')}`);
    await waitTestIdText(page, 'activity-filter-call', /\d/);
    let counted = 0;
    for (const [kind, source] of [
      ['call', 'BuildBetter'],
      ['signal', 'BuildBetter'],
      ['contract_change', 'Salesbricks'],
    ]) {
      const n = num(await testIdText(page, `activity-filter-${kind}`));
      assert.ok(n > 0, `the ${kind} filter counts items`);
      counted += n;
      await page.click(sel(`activity-filter-${kind}`));
      await page.waitForFunction(
        ([kind, n]) => {
          const items = [...document.querySelectorAll('[data-testid="activity-feed"] [data-testid="activity-item"]')];
          return (
            document.querySelector(`[data-testid="activity-filter-${kind}"]`)?.getAttribute('aria-pressed') === 'true' &&
            items.length === Math.min(n, 30) && // the feed's first page
            items.every((e) => e.getAttribute('data-kind') === kind)
          );
        },
        [kind, n],
      );
      for (const t of await texts(`${sel('activity-feed')} ${sel('activity-item')}`)) {
        assert.ok(t.endsWith(source), `a ${kind} from ${source}: ${t}`);
      }
    }
    // All of them together: the account has no other kind of activity.
    await page.click(sel('activity-filter-all'));
    await page.waitForFunction(
      (n) =>
        document.querySelector('[data-testid="activity-filter-all"]')?.getAttribute('aria-pressed') === 'true' &&
        document.querySelectorAll('[data-testid="activity-feed"] [data-testid="activity-item"]').length === Math.min(n, 30),
      counted,
    );

    await seeEnrichment(shared.domain);
    await page.locator(sel('enrichment-panel')).scrollIntoViewIfNeeded();
    await shot('r06-shared-customer');
    noAlerts();
    await backToHealth();
  });

  test('Customer Detail shows PostHog active users with their weekly chart, and HubSpot enrichment', async () => {
    const row = await findRow(usage.domain);
    await openCustomer(row, usage);
    assert.equal(await testIdText(page, 'customer-source-badge'), 'No billing source');
    const metric = await testIdText(page, 'metric-active-users');
    assert.match(metric, new RegExp(`^Active users ${usage.activeUsers}\\b`), metric);
    assert.match(metric, /week over week|No weekly trend yet|Up from none the week before|No active users (since|in)/, metric);
    const chart = await page.getAttribute(`${sel('metric-active-users')} ${sel('usage-sparkline')}`, 'aria-label');
    assert.match(chart, /^Weekly active users over the last \d+ weeks: from \d+ to \d+$/);
    assert.match(await testIdText(page, 'revenue-sources'), /No contract or subscription/);
    await seeEnrichment(usage.domain);
    await shot('r07-usage-customer');
    noAlerts();
    await backToHealth();
  });
});
