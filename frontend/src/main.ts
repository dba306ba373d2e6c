import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { AppState } from './lib/state/app.svelte';

/**
 * How long the window waits for Health's first rows and cards before it
 * mounts without them (showing their loading state). In a cold window the
 * first frame takes a few hundred milliseconds to lay out and draw; an answer
 * that arrives during it waits for it, and the rows then cost a second frame.
 * Asked for before mounting, the answer is usually in within a few tens of
 * milliseconds and the first frame shows the rows.
 */
const FIRST_DATA_WAIT_MS = 250;

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

const app = new AppState();
await Promise.race([app.health.start(), new Promise((resolve) => setTimeout(resolve, FIRST_DATA_WAIT_MS))]);

export default mount(App, { target, props: { app } });
