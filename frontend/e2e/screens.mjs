// Dev helper: screenshots of the main views for a visual check.
// Usage: node e2e/screens.mjs [outdir]   (against E2E_URL, default http://localhost:34115/)
import { URL, launch, waitForServer } from './lib.mjs';

const out = process.argv[2] || '/tmp';
await waitForServer(URL);
const b = await launch();
const { page } = b;
try {
  await page.goto(URL);
  await page.waitForSelector('[data-testid="health-row"]');
  await page.waitForSelector('[data-testid="health-chart"] canvas', { state: 'attached' });
  await page.screenshot({ path: `${out}/shot-health.png` });
  await page.hover('[data-testid="health-row"] [data-testid="factor-chips"]');
  await page.waitForSelector('[role="tooltip"]');
  await page.screenshot({ path: `${out}/shot-tooltip.png` });
  await page.mouse.move(5, 5);
  await page.click('[data-testid="health-row"] [data-testid="row-menu-button"]');
  await page.waitForSelector('[data-testid="row-menu"]');
  await page.screenshot({ path: `${out}/shot-menu.png` });
  await page.click('[data-testid="row-menu-route-contracts"]');
  await page.waitForSelector('[data-testid="route-dialog"]');
  await page.fill('[data-testid="route-reason"]', 'Renewal paperwork stuck in procurement');
  await page.screenshot({ path: `${out}/shot-route-dialog.png` });
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="route-dialog"]', { state: 'detached' });
  await page.fill('[data-testid="health-search"]', 'zzzz-nothing');
  await page.waitForSelector('[data-testid="clear-filters"]');
  await page.screenshot({ path: `${out}/shot-empty.png` });
  await page.click('[data-testid="clear-filters"]');
  await page.waitForSelector('[data-testid="health-row"]');
  await page.click('[data-testid="settings-button"]');
  await page.waitForSelector('[data-testid="preview-row"]').catch(() => {});
  await page.screenshot({ path: `${out}/shot-settings.png` });
  await page.keyboard.press('Escape');
  await page.click('[data-testid="nav-convert"]');
  await page.waitForSelector('[data-testid="section-notice"]');
  await page.waitForSelector('[data-testid="routed-list"], [data-testid="routed-empty"]');
  await page.screenshot({ path: `${out}/shot-convert.png` });
  console.log('dialogs', b.dialogs, 'errors', b.pageErrors);
} finally {
  await b.close();
}
