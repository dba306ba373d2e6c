// Runs the end-to-end tests against a running `wails dev` (E2E_URL, default
// http://localhost:34115/). Usage: node e2e/run.mjs
import { waitForServer, URL } from './lib.mjs';

await waitForServer(URL);
await import('./health.e2e.mjs');
// On the demo book too, before Settings switches to live data.
await import('./convert.e2e.mjs');
await import('./contracts.e2e.mjs');
// After Health, which needs the demo book: this one connects Stripe and switches to live data.
await import('./settings.e2e.mjs');
// After Settings, which leaves the live book with Stripe: this one connects the other sources.
await import('./sources.e2e.mjs');
// After Sources, which connects every source: Convert and Contracts on live data.
await import('./live-sections.e2e.mjs');
