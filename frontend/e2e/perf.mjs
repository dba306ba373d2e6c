// Dev helper: how the Health table behaves on a large book. Start the app with
// `--demo-size 100000`, then: node e2e/perf.mjs
// Prints time to first rows, to rows after jumps, the windows fetched, and the
// number of rows in the DOM.
import { URL, launch, waitForServer } from './lib.mjs';

await waitForServer(URL);
const b = await launch();
const { page } = b;
try {
  const t0 = Date.now();
  await page.goto(URL);
  await page.waitForSelector('[data-testid="health-row"]', { timeout: 120_000 });
  console.log('first rows after', Date.now() - t0, 'ms');
  const total = Number(await page.getAttribute('[data-testid="health-table"]', 'data-total'));
  console.log('total', total);
  await page.evaluate(() => {
    const svc = window.go.app.HealthService;
    const orig = svc.List;
    window.__calls = [];
    svc.List = (req) => {
      window.__calls.push(req.offset);
      return orig(req);
    };
  });
  const jump = async (label, frac) => {
    const t = await page.evaluate((f) => {
      const el = document.querySelector('[data-testid="health-scroll"]');
      const start = performance.now();
      el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
      return new Promise((resolve) => {
        const tick = () => {
          const rows = document.querySelectorAll('[data-testid="health-row"]').length;
          const sk = document.querySelectorAll('[data-testid="health-row-skeleton"]').length;
          if (rows > 0 && sk === 0) resolve(Math.round(performance.now() - start));
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    }, frac);
    const dom = await page.locator('[data-testid="health-row"]').count();
    const calls = await page.evaluate(() => window.__calls.splice(0));
    console.log(`${label}: rows ready in ${t} ms, windows fetched ${JSON.stringify(calls)}, rows in DOM ${dom}`);
  };
  await jump('middle', 0.5);
  await jump('bottom', 1);
  await jump('top', 0);
  const frames = await page.evaluate(async () => {
    const el = document.querySelector('[data-testid="health-scroll"]');
    const times = [];
    let last = performance.now();
    for (let i = 0; i < 60; i++) {
      el.scrollTop += 600;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    times.sort((a, c) => a - c);
    return { median: times[30].toFixed(1), max: times[59].toFixed(1) };
  });
  const calls = await page.evaluate(() => window.__calls.splice(0));
  console.log(`step scroll 60×600px: frame median ${frames.median} ms, max ${frames.max} ms, windows fetched ${JSON.stringify(calls)}`);
  console.log('dialogs', b.dialogs, 'page errors', b.pageErrors);
} finally {
  await b.close();
}
