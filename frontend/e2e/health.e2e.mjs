// Health end to end: cards, filters, search, sort, routing from Customer
// Detail, settings autosave, untracking and untrusted text. Each step waits
// for a condition in the page; nothing sleeps.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { URL, launch, num, visibleRows } from './lib.mjs';

const sel = (id) => `[data-testid="${id}"]`;
const shots = process.env.E2E_SHOTS; // a directory: save a screenshot after each step

describe('Health', () => {
  /** @type {Awaited<ReturnType<typeof launch>>} */
  let b;
  let page;

  before(async () => {
    b = await launch();
    page = b.page;
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

  async function gotoHealth() {
    await page.click(sel('nav-health'));
    await page.waitForFunction(() => location.hash === '#/success/health');
    await page.waitForSelector(`${sel('health-row')}`, { state: 'visible' });
  }

  /**
   * Wait until pred(arg) holds in the page. Predicates read the loaded rows
   * through window.__e2eRows() (null while a window still shows skeletons).
   */
  async function waitRows(pred, arg = null) {
    await page.waitForFunction(pred, arg);
  }

  let fullTotal = 0;
  /** Wait until the unfiltered list is back (debounced search applied, rows loaded). */
  async function waitFullList() {
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="health-table"]')?.getAttribute('data-total') === String(n),
      fullTotal,
    );
    await waitRows(() => !!window.__e2eRows());
  }

  async function firstPlainRow() {
    const rows = await visibleRows(page);
    const r = rows.find((x) => !x.routed && x.tracked);
    assert.ok(r, 'a row that is neither routed nor untracked');
    return r;
  }

  test('opens on Health with cards, chart, rows and the demo banner', async () => {
    await page.goto(URL, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => location.hash === '#/success/health');
    await page.waitForSelector(sel('health-row'), { state: 'visible' });
    await page.waitForSelector(sel('demo-banner'), { state: 'visible' });
    assert.match(await page.textContent(sel('demo-banner')), /Demo data — you are exploring the Pied Piper sample book/);
    for (const id of ['health-card-critical', 'health-card-at-risk', 'health-card-renewing', 'health-card-arr', 'health-chart']) {
      assert.ok(await page.isVisible(sel(id)), `${id} is visible`);
    }
    await page.waitForSelector(`${sel('health-chart')} canvas`);
    assert.ok(num(await page.textContent(sel('health-card-critical-value'))) >= 0);
    assert.match(await page.textContent(sel('health-card-arr-value')), /\d/);
    assert.match(await page.textContent(sel('last-updated')), /Last updated .*ago|just now/);
    fullTotal = num(await page.getAttribute(sel('health-table'), 'data-total'));
    assert.ok(fullTotal > 0, 'the demo book has accounts');
    assert.equal(num(await page.textContent(sel('health-total'))), fullTotal);
    assert.equal(
      await page.getAttribute(`[role="columnheader"]:has(${sel('col-header-score')})`, 'aria-sort'),
      'ascending',
      'worst health first by default',
    );
    await shot('01-health');
    noAlerts();
  });

  test('the Critical filter lists only critical accounts, as many as the card says', async () => {
    const critical = num(await page.textContent(sel('health-card-critical-value')));
    assert.ok(critical > 0, 'the demo book has critical accounts');
    await page.click(sel('risk-filter-critical'));
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="health-table"]')?.getAttribute('data-total') === String(n),
      critical,
    );
    await waitRows(() => window.__e2eRows()?.every((r) => r.getAttribute('data-level') === 'critical'));
    const rows = await visibleRows(page);
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r) => r.level === 'critical'));
    assert.equal(await page.getAttribute(sel('risk-filter-critical'), 'aria-pressed'), 'true');
    await shot('02-critical');
    await page.click(sel('risk-filter-all'));
    await waitRows(() => window.__e2eRows()?.some((r) => r.getAttribute('data-level') !== 'critical'));
    noAlerts();
  });

  test('search finds an account by domain and by a contact e-mail', async () => {
    const rows = await visibleRows(page);
    const target = rows.find((r) => r.domain && !r.routed) ?? rows[0];
    assert.ok(target.domain, 'a row with a domain');
    await page.fill(sel('health-search'), target.domain);
    await waitRows(
      (a) => {
        const rows = window.__e2eRows();
        return !!rows && rows.length <= 5 && rows.some((r) => Number(r.getAttribute('data-account-id')) === a);
      },
      target.id,
    );
    const found = await visibleRows(page);
    assert.ok(found.some((r) => r.id === target.id), 'the account is listed');
    assert.ok(found.some((r) => r.domain === target.domain), 'the domain is shown');

    // A contact's e-mail (read through the same bound method the app uses).
    const email = await page.evaluate(async (domain) => {
      const c = await window.go.app.CustomerService.Get({ domain, accountId: 0 });
      const all = [c.account.primaryEmail, ...(c.account.contacts ?? []).map((x) => x.email)].filter(Boolean);
      return all.find((e) => !e.endsWith('@' + domain)) ?? all[0] ?? '';
    }, target.domain);
    assert.ok(email, 'the account has a contact e-mail');
    await page.fill(sel('health-search'), '');
    await page.fill(sel('health-search'), email);
    await waitRows((a) => window.__e2eRows()?.some((r) => Number(r.getAttribute('data-account-id')) === a), target.id);
    await shot('03-search');

    await page.press(sel('health-search'), 'Escape');
    assert.equal(await page.inputValue(sel('health-search')), '');
    await waitFullList();
    noAlerts();
  });

  test('sorting by ARR descending puts the largest ARR first', async () => {
    const header = `[role="columnheader"]:has(${sel('col-header-arr')})`;
    for (let i = 0; i < 2 && (await page.getAttribute(header, 'aria-sort')) !== 'descending'; i++) {
      await page.click(sel('col-header-arr'));
      await page.waitForFunction((h) => document.querySelector(h)?.getAttribute('aria-sort') !== 'none', header);
    }
    assert.equal(await page.getAttribute(header, 'aria-sort'), 'descending');
    await waitRows(() => {
      const rows = window.__e2eRows();
      if (!rows) return false;
      const v = rows
        .filter((r) => !r.querySelector('[data-testid="routed-badge"]'))
        .map((r) => Number(r.querySelector('[data-testid="cell-arr"]').getAttribute('data-arr-base')));
      return v.length >= 2 && v.every((x, i) => i === 0 || v[i - 1] >= x);
    });
    const rows = (await visibleRows(page)).filter((r) => !r.routed);
    assert.ok(rows[0].arrBase >= rows[1].arrBase, `first ARR ${rows[0].arrBase} ≥ second ${rows[1].arrBase}`);
    await shot('04-sort-arr');

    const score = `[role="columnheader"]:has(${sel('col-header-score')})`;
    await page.click(sel('col-header-score'));
    await page.waitForFunction((h) => document.querySelector(h)?.getAttribute('aria-sort') === 'ascending', score);
    noAlerts();
  });

  test('an account routed to Convert from Customer Detail shows on Convert with its reason', async () => {
    await waitRows(() => !!window.__e2eRows());
    const rows = await visibleRows(page);
    const target = rows.find((r) => r.domain && !r.routed && r.tracked);
    assert.ok(target, 'a tracked row with a domain');
    await page.click(`${sel('health-row')}[data-account-id="${target.id}"] ${sel('account-name')}`);
    await page.waitForFunction(() => location.hash.startsWith('#/success/customers/'));
    await page.waitForFunction(
      (name) => document.querySelector('[data-testid="customer-name"]')?.textContent?.trim() === name.trim(),
      target.name,
    );
    const reason = `E2E: on a free plan and adding seats (${Date.now()})`;
    await page.click(`${sel('route-bar')} ${sel('route-to-convert')}`);
    await page.fill(sel('route-reason'), reason);
    await page.click(sel('route-confirm'));
    await page.waitForSelector(`${sel('route-done')}, ${sel('route-active')}`);
    await shot('05-customer-routed');

    await page.click(sel('nav-convert'));
    await page.waitForFunction(() => location.hash === '#/success/convert');
    // Pinned at the top of the queue, whether or not the account is on a trial.
    const item = `${sel('candidate-row')}[data-account-id="${target.id}"]`;
    await page.waitForSelector(item);
    assert.match(await page.textContent(`${item} ${sel('routed-badge')}`), /Routed from Health/);
    assert.equal((await page.textContent(`${item} ${sel('routed-reason')}`)).trim(), reason);
    const first = await page.$eval(sel('candidate-row'), (el) => el.getAttribute('data-account-id'));
    assert.equal(first, String(target.id), 'the routed account is the first row');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="nav-convert-count"]')?.textContent) >= 1);
    await shot('06-convert');
    await gotoHealth();
    noAlerts();
  });

  async function settingsSaved() {
    await page.waitForFunction(() =>
      /Saved/.test(document.querySelector('[data-testid="settings-save-status"]')?.textContent ?? ''),
    );
  }

  test('changing weights in Settings re-ranks the table after autosave', async () => {
    await page.click(sel('settings-button'));
    await page.waitForSelector(sel('settings-sheet'), { state: 'visible' });
    await page.waitForSelector(sel('weight-payment'));
    await page.waitForSelector(sel('preview-row'));
    if (await page.isEnabled(sel('settings-reset'))) {
      // A book left with other weights by an earlier run: start from the defaults.
      await page.click(sel('settings-reset'));
      await settingsSaved();
      await page.waitForSelector(sel('settings-reset') + ':disabled');
    }
    await page.waitForFunction(() => !!window.__e2eRows());
    const before = await firstPlainRow();
    assert.ok((await page.locator(sel('preview-row')).count()) > 0, 'the live preview lists accounts');
    await page.fill(sel('weight-payment'), '100');
    await page.fill(sel('weight-adoption'), '0');
    assert.equal(await page.textContent(sel('weight-payment-value')), '100');
    assert.equal(await page.textContent(sel('weight-adoption-value')), '0');
    await settingsSaved();
    await shot('07-settings');
    await page.keyboard.press('Escape');
    await page.waitForSelector(sel('settings-sheet'), { state: 'detached' });
    await waitRows((a) => {
      const r = window.__e2eRows()?.find((x) => !x.querySelector('[data-testid="routed-badge"]'));
      return !!r && Number(r.getAttribute('data-account-id')) !== a;
    }, before.id);
    const after = await firstPlainRow();
    assert.notEqual(after.id, before.id, 'the worst account changed');
    await shot('08-reranked');

    // Back to the defaults for the next steps.
    await page.click(sel('settings-button'));
    await page.waitForSelector(sel('settings-reset'));
    await page.click(sel('settings-reset'));
    await settingsSaved();
    await page.keyboard.press('Escape');
    await page.waitForSelector(sel('settings-sheet'), { state: 'detached' });
    await waitRows((a) => {
      const r = window.__e2eRows()?.find((x) => !x.querySelector('[data-testid="routed-badge"]'));
      return !!r && Number(r.getAttribute('data-account-id')) === a;
    }, before.id);
    noAlerts();
  });

  test('untracking hides an account; Show untracked brings it back with a badge', async () => {
    await waitRows(() => !!window.__e2eRows());
    const target = await firstPlainRow();
    const row = `${sel('health-row')}[data-account-id="${target.id}"]`;
    await page.click(`${row} ${sel('row-menu-button')}`);
    await page.click(sel('row-menu-untrack'));
    await page.waitForSelector(sel('toast'));
    await page.waitForSelector(row, { state: 'detached' });
    assert.match(await page.textContent(sel('toast')), /no longer tracked/);
    await shot('09-untracked');

    await page.click(sel('show-untracked'));
    assert.equal(await page.getAttribute(sel('show-untracked'), 'aria-checked'), 'true');
    await page.waitForSelector(`${row} ${sel('untracked-badge')}`);
    await shot('10-show-untracked');

    // Track it again and hide untracked accounts.
    await page.click(`${row} ${sel('row-menu-button')}`);
    await page.click(sel('row-menu-track'));
    await page.waitForSelector(`${row} ${sel('untracked-badge')}`, { state: 'detached' });
    await page.click(sel('show-untracked'));
    await page.waitForFunction(() => document.querySelector('[data-testid="show-untracked"]')?.getAttribute('aria-checked') === 'false');
    noAlerts();
  });

  test('an account name holding markup is shown as text everywhere', async () => {
    await page.fill(sel('health-search'), 'pwned');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="health-table"]')?.getAttribute('data-total')) <= 3);
    await waitRows(() =>
      window.__e2eRows()?.some((r) => r.querySelector('[data-testid="account-name"]').textContent.includes('<script>')),
    );
    const rows = await visibleRows(page);
    const evil = rows.find((r) => r.name.includes('<script>'));
    assert.ok(evil, 'the markup account is listed');
    assert.match(evil.name, /<img src=x onerror=alert\(1\)><script>alert\("pwned"\)<\/script> Holdings/);
    assert.equal(await page.locator('img[src="x"]').count(), 0);
    await shot('11-markup-table');

    await page.click(`${sel('health-row')}[data-account-id="${evil.id}"] ${sel('account-name')}`);
    await page.waitForFunction(() => (document.querySelector('[data-testid="customer-name"]')?.textContent ?? '').includes('<script>'));
    assert.equal(await page.locator('img[src="x"]').count(), 0);
    assert.equal(await page.locator('body script:not([src])').count(), 0, 'no inline script element was created');
    await shot('12-markup-detail');
    noAlerts();

    if (await page.isVisible(sel('customer-sheet')).catch(() => false)) {
      await page.click(sel('sheet-close'));
    } else {
      await page.click(sel('back-button'));
    }
    await page.waitForFunction(() => location.hash === '#/success/health');
    await page.fill(sel('health-search'), '');
    await waitFullList();
  });

  test('routes: /success opens Health, /success/releases opens Close the Loop', async () => {
    await page.goto(new globalThis.URL('#/success/releases', URL).href);
    await page.waitForFunction(() => location.hash === '#/success/close-the-loop');
    await page.waitForSelector(sel('section-notice'));
    assert.match(await page.textContent(`${sel('section-page-loop')} h1`), /Releases \/ Close the Loop/);
    assert.equal(await page.getAttribute(sel('nav-loop'), 'aria-current'), 'page');
    await page.waitForSelector(`${sel('routed-list')}, ${sel('routed-empty')}`);
    await page.goto(new globalThis.URL('#/success', URL).href);
    await page.waitForFunction(() => location.hash === '#/success/health');
    await waitFullList();
    noAlerts();
  });

  test('keyboard: / focuses search, j/k move the focus ring, Enter opens', async () => {
    await waitFullList();
    await page.focus(sel('health-table'));
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="health-row"][aria-selected="true"]').length === 1);
    const activeId = await page.getAttribute(`${sel('health-row')}[aria-selected="true"]`, 'data-account-id');
    const activeDomain = await page.getAttribute(`${sel('health-row')}[aria-selected="true"]`, 'data-domain');
    await page.keyboard.press('k');
    await page.keyboard.press('j');
    assert.equal(await page.getAttribute(`${sel('health-row')}[aria-selected="true"]`, 'data-account-id'), activeId);
    await page.keyboard.press('m');
    await page.waitForSelector(sel('row-menu'));
    await page.keyboard.press('Escape');
    await page.waitForSelector(sel('row-menu'), { state: 'detached' });
    // Focus comes back to the table, so Enter opens the active row.
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'health-table');
    await page.keyboard.press('Enter');
    if (activeDomain) {
      await page.waitForFunction((d) => location.hash.startsWith('#/success/customers/' + encodeURIComponent(d)), activeDomain);
      // Escape goes back from Customer Detail, as the Back button does.
      await page.waitForSelector(sel('customer-name'));
      await page.keyboard.press('Escape');
    } else {
      await page.waitForSelector(sel('customer-sheet'));
      await page.click(sel('sheet-close'));
    }
    await page.waitForFunction(() => location.hash === '#/success/health');
    // The page shows once the router has taken the new hash: only then is "/" Health's.
    await page.waitForSelector(sel('health-table'), { state: 'visible' });
    await page.keyboard.press('/');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'health-search');
    noAlerts();
  });
});
