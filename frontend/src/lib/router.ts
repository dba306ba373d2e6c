// Hash routes of the Success workspace. Pure functions: no window access here.
//   #/success                      -> #/success/health
//   #/success/<slug>               -> a section page
//   #/success/releases             -> #/success/close-the-loop
//   #/success/customers/:domain    -> Customer Detail (optional ?from=<section id>)
//   #/settings                     -> Settings & Data (integrations, sync, demo/live)
import { isSectionId, sectionById, sectionBySlug, type SectionId } from './sections';

export type Route =
  | { kind: 'section'; section: SectionId }
  | { kind: 'customer'; domain: string; from: SectionId }
  | { kind: 'settings' };

/** What the nav highlights: a section, or the Settings item. */
export type NavKey = SectionId | 'settings';

export interface Resolved {
  route: Route;
  /** Set when the hash is not canonical; the router replaces the URL with it. */
  redirect?: string;
}

export const defaultHash = '#/success/health';
export const settingsHash = '#/settings';

export function sectionHash(id: SectionId): string {
  return `#/success/${sectionById(id)?.slug ?? 'health'}`;
}

export function customerHash(domain: string, from: SectionId): string {
  return `#/success/customers/${encodeURIComponent(domain)}?from=${from}`;
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

const home: Resolved = { route: { kind: 'section', section: 'health' }, redirect: defaultHash };

export function parseHash(hash: string): Resolved {
  let h = hash.startsWith('#') ? hash.slice(1) : hash;
  let query = '';
  const q = h.indexOf('?');
  if (q >= 0) {
    query = h.slice(q + 1);
    h = h.slice(0, q);
  }
  const parts = h.split('/').filter(Boolean);
  if (parts[0] === 'settings') {
    const settings: Route = { kind: 'settings' };
    return parts.length === 1 && !query ? { route: settings } : { route: settings, redirect: settingsHash };
  }
  if (parts.length === 0 || parts[0] !== 'success') return home;
  if (parts.length === 1) return home;
  const [, head, ...rest] = parts;
  if (head === 'releases' && rest.length === 0) {
    return { route: { kind: 'section', section: 'loop' }, redirect: sectionHash('loop') };
  }
  if (head === 'customers') {
    const domain = rest.length === 1 ? safeDecode(rest[0])?.trim() : null;
    if (!domain) return home;
    const fromParam = new URLSearchParams(query).get('from') ?? '';
    const from: SectionId = isSectionId(fromParam) ? fromParam : 'health';
    return { route: { kind: 'customer', domain, from } };
  }
  const sec = rest.length === 0 ? sectionBySlug(head) : undefined;
  if (!sec) return home;
  if (query) return { route: { kind: 'section', section: sec.id }, redirect: sectionHash(sec.id) };
  return { route: { kind: 'section', section: sec.id } };
}

/** The nav item a route belongs to (Customer Detail belongs to where it was opened from). */
export function activeSection(r: Route): NavKey {
  if (r.kind === 'settings') return 'settings';
  return r.kind === 'section' ? r.section : r.from;
}
