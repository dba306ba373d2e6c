// Shared plumbing for the end-to-end tests: Debian's Chromium driven by
// playwright-core against `wails dev` (the real Go backend behind the bridge).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
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
