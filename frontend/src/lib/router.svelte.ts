// The app's hash router: one reactive `route`, kept in step with location.hash.
import { parseHash, type Route } from './router';

export class Router {
  route = $state<Route>({ kind: 'section', section: 'health' });
  #stop: (() => void) | null = null;

  /** start reads the current hash and follows hashchange; returns a stop function. */
  start(): () => void {
    const sync = () => this.#sync();
    sync();
    window.addEventListener('hashchange', sync);
    this.#stop = () => window.removeEventListener('hashchange', sync);
    return this.#stop;
  }

  navigate(hash: string) {
    if (window.location.hash === hash) return;
    window.location.hash = hash;
  }

  #sync() {
    const r = parseHash(window.location.hash);
    if (r.redirect && window.location.hash !== r.redirect) {
      history.replaceState(history.state, '', r.redirect);
    }
    this.route = r.route;
  }
}
