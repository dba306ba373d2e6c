import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { AppState } from './lib/state/app.svelte';
import { applyPlatformFonts } from './lib/shell/platformFonts';
import { warmFormats } from './lib/format';

/**
 * How long the window waits for its first data (AppState.start: the
 * workspace, Health's first rows and cards) before it mounts without it,
 * showing the loading states. In a cold window the first frame takes a few
 * hundred milliseconds to lay out and draw; an answer that arrives during it
 * waits for it, and the rows then cost a second frame (and the demo banner,
 * arriving late, pushed the page down). Asked for before mounting, the
 * answers are usually in within a few tens of milliseconds and the first
 * frame shows them.
 */
const FIRST_DATA_WAIT_MS = 250;

applyPlatformFonts(document.documentElement, navigator.userAgent);

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

const app = new AppState();
const firstData = app.start();
// The answers take a few tens of milliseconds: make the formatters the first
// rows need meanwhile.
warmFormats();
await Promise.race([firstData, new Promise((resolve) => setTimeout(resolve, FIRST_DATA_WAIT_MS))]);

export default mount(App, { target, props: { app } });
