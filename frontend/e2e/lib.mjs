// Shared plumbing for the end-to-end tests: Debian's Chromium driven by
// playwright-core against `wails dev` (the real Go backend behind the bridge).
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const URL = process.env.E2E_URL || 'http://localhost:34115/';
export const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
export const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 15_000);

/** waitForServer polls the URL until it answers (the app may still be compiling). */
export async function waitForServer(url = URL, deadlineMs = Number(process.env.E2E_SERVER_WAIT_MS || 120_000)) {
  const end = Date.now() + deadlineMs;
  let last = '';
  while (Date.now() < end) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = String(e?.cause?.code ?? e?.message ?? e);
    }
    await new Promise((r) => setTimeout(r, 250)); // a poll interval, not a wait for the app to settle
  }
  throw new Error(`${url} did not answer within ${deadlineMs} ms (${last})`);
}

/** launch starts Chromium with a fresh profile; close() removes it. */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'success-desk-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1360, height: 860 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  context.setDefaultTimeout(TIMEOUT);
  // Test instrumentation (injected over CDP, so the app's CSP is untouched):
  // the loaded Health rows in order, or null while any window still loads.
  await context.addInitScript(() => {
    window.__e2eRows = () => {
      const rows = [...document.querySelectorAll('[data-testid="health-row"]')];
      if (document.querySelector('[data-testid="health-row-skeleton"]') || rows.length === 0) return null;
      return rows;
    };
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const dialogs = [];
  const pageErrors = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => pageErrors.push(String(e?.message ?? e)));
  return {
    page,
    dialogs,
    pageErrors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Attributes of the Health rows now in the DOM, top to bottom. */
export async function visibleRows(page) {
  return page.$$eval('[data-testid="health-row"]', (els) =>
    els
      .map((el) => ({
        id: Number(el.getAttribute('data-account-id')),
        level: el.getAttribute('data-level'),
        domain: el.getAttribute('data-domain') ?? '',
        tracked: el.getAttribute('data-tracked') === 'true',
        routed: !!el.querySelector('[data-testid="routed-badge"]'),
        untrackedBadge: !!el.querySelector('[data-testid="untracked-badge"]'),
        name: el.querySelector('[data-testid="account-name"]')?.textContent ?? '',
        arrBase: Number(el.querySelector('[data-testid="cell-arr"]')?.getAttribute('data-arr-base') ?? 'NaN'),
        top: el.getBoundingClientRect().top,
      }))
      .sort((a, b) => a.top - b.top),
  );
}

export const num = (s) => Number(String(s ?? '').replace(/[^0-9.-]/g, ''));

/**
 * watchTestIds records, inside the page, every state the elements with the
 * given test ids pass through: the text of each matching element and of each
 * of its descendants that has a test id. A MutationObserver takes the
 * records, so a state that lasts one frame (a quick sync's progress line, a
 * toast) is not missed. Watching an id again starts its record afresh.
 * In the page, window.__e2eSaw(id) lists the states seen; seenTestId reads it.
 */
export async function watchTestIds(page, ids) {
  await page.evaluate((ids) => {
    const w = (window.__e2eSeen ??= { ids: [], log: {}, last: {}, observer: null });
    for (const id of ids) {
      if (!w.ids.includes(id)) w.ids.push(id);
      w.log[id] = [];
      w.last[id] = '';
    }
    const clean = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
    w.snap ??= () => {
      for (const id of w.ids) {
        const states = [...document.querySelectorAll(`[data-testid="${id}"]`)].map((el) => {
          const parts = {};
          for (const c of el.querySelectorAll('[data-testid]')) parts[c.getAttribute('data-testid')] = clean(c.textContent);
          return { text: clean(el.textContent), parts };
        });
        const key = JSON.stringify(states);
        if (key === w.last[id]) continue;
        w.last[id] = key;
        for (const st of states) {
          const k = JSON.stringify(st);
          if (!w.log[id].some((x) => JSON.stringify(x) === k)) w.log[id].push(st);
        }
      }
    };
    window.__e2eSaw ??= (id) => w.log[id] ?? [];
    if (!w.observer) {
      w.observer = new MutationObserver(() => w.snap());
      w.observer.observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
    }
    w.snap();
  }, ids);
}

/** The distinct states watchTestIds recorded for id (in the order first seen). */
export async function seenTestId(page, id) {
  return page.evaluate((id) => window.__e2eSaw?.(id) ?? [], id);
}

/**
 * failureShot saves a screenshot of the page to E2E_ARTIFACTS (when set) as
 * <name>.png; for use in afterEach when a test did not pass.
 */
export async function failureShot(page, name) {
  const dir = process.env.E2E_ARTIFACTS;
  if (!dir || !page) return;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase()}.png`);
  await page.screenshot({ path: file }).catch(() => {});
  console.log(`# screenshot of the failure: ${file}`);
}

/** The CSS selector of a test id. */
export const sel = (id) => `[data-testid="${id}"]`;

/** The text of the first element with the test id, white space collapsed. */
export async function testIdText(page, id) {
  return ((await page.textContent(sel(id))) ?? '').replace(/\s+/g, ' ').trim();
}

/** Waits until the first element with the test id has text matching re. */
export async function waitTestIdText(page, id, re) {
  await page.waitForFunction(
    ([s, src, flags]) => new RegExp(src, flags).test(document.querySelector(s)?.textContent?.replace(/\s+/g, ' ') ?? ''),
    [sel(id), re.source, re.flags],
  );
}

/** Waits for a toast whose message matches re, since toasts were last watched (watchTestIds; they go after 4 s). */
export async function waitToast(page, re) {
  await page.waitForFunction(
    ([src, flags]) => window.__e2eSaw('toast').some((t) => new RegExp(src, flags).test(t.text)),
    [re.source, re.flags],
  );
}

/**
 * Every row of the book the window shows, untracked ones included, through
 * the bound method the Health table uses: { mode, rows: [{ accountId,
 * domain, name, tracked, activeUsers, factors: [{ code, category, label }] }] }.
 */
export async function healthBook(page) {
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
          accountId: x.accountId,
          domain: x.domain,
          name: x.name,
          tracked: x.tracked,
          activeUsers: x.activeUsers,
          factors: (x.factors ?? []).map((f) => ({ code: f.code, category: f.category, label: f.label })),
        })),
      );
      offset += r.rows.length;
      if (r.rows.length === 0 || offset >= r.total) break;
    }
    return { mode, rows };
  });
}

/** assertNoAlerts fails when the page fired a dialog or threw (b is launch()'s result). */
export function assertNoAlerts(assert, b) {
  assert.deepEqual(b.dialogs, [], 'no dialog or alert may fire');
  assert.deepEqual(b.pageErrors, [], 'no uncaught page errors');
}

/**
 * shooter returns shot(name), which saves a numbered screenshot of page as
 * <E2E_SHOTS>/<prefix>-NN-<name>.png when E2E_SHOTS names a directory.
 */
export function shooter(getPage, prefix) {
  const dir = process.env.E2E_SHOTS;
  let step = 0;
  return async (name) => {
    if (dir) await getPage().screenshot({ path: `${dir}/${prefix}-${String(++step).padStart(2, '0')}-${name}.png` });
  };
}
