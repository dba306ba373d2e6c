import { describe, expect, it } from 'vitest';
import { activeSection, customerHash, parseHash, sectionHash } from './router';

describe('parseHash', () => {
  it.each(['', '#', '#/', '#/success', '#/success/', '#/nowhere', '#/success/nope', '#/success/health/extra'])(
    'sends %j to Health',
    (h) => {
      const r = parseHash(h);
      expect(r.route).toEqual({ kind: 'section', section: 'health' });
      expect(r.redirect).toBe('#/success/health');
    },
  );

  it('reads every section by its slug, canonical hashes need no redirect', () => {
    const cases: [string, string][] = [
      ['#/success/health', 'health'],
      ['#/success/convert', 'convert'],
      ['#/success/contracts', 'contracts'],
      ['#/success/pipeline', 'pipeline'],
      ['#/success/re-engage', 'reengage'],
      ['#/success/close-the-loop', 'loop'],
    ];
    for (const [h, id] of cases) {
      expect(parseHash(h)).toEqual({ route: { kind: 'section', section: id } });
    }
  });

  it('redirects /success/releases to /success/close-the-loop', () => {
    expect(parseHash('#/success/releases')).toEqual({
      route: { kind: 'section', section: 'loop' },
      redirect: '#/success/close-the-loop',
    });
  });

  it('opens Customer Detail by domain with the section it came from', () => {
    expect(parseHash('#/success/customers/hooli.com?from=convert').route).toEqual({
      kind: 'customer',
      domain: 'hooli.com',
      from: 'convert',
    });
    expect(parseHash('#/success/customers/hooli.com').route).toEqual({ kind: 'customer', domain: 'hooli.com', from: 'health' });
    expect(parseHash('#/success/customers/hooli.com?from=bogus').route).toMatchObject({ from: 'health' });
  });

  it('decodes the domain and rejects empty or malformed ones', () => {
    expect(parseHash('#/success/customers/a%2Eb.com').route).toMatchObject({ domain: 'a.b.com' });
    expect(parseHash('#/success/customers/%E0%A4%A').redirect).toBe('#/success/health');
    expect(parseHash('#/success/customers/').redirect).toBe('#/success/health');
  });

  it('builds hashes that parse back', () => {
    expect(sectionHash('reengage')).toBe('#/success/re-engage');
    const h = customerHash('weird domain/?.com', 'pipeline');
    expect(parseHash(h).route).toEqual({ kind: 'customer', domain: 'weird domain/?.com', from: 'pipeline' });
  });

  it('maps a route to its nav section', () => {
    expect(activeSection({ kind: 'section', section: 'contracts' })).toBe('contracts');
    expect(activeSection({ kind: 'customer', domain: 'x.com', from: 'loop' })).toBe('loop');
    expect(activeSection({ kind: 'settings' })).toBe('settings');
  });

  it('opens Settings & Data at #/settings and tidies other forms of it', () => {
    expect(parseHash('#/settings')).toEqual({ route: { kind: 'settings' } });
    expect(parseHash('#/settings/')).toEqual({ route: { kind: 'settings' } });
    expect(parseHash('#/settings/integrations')).toEqual({ route: { kind: 'settings' }, redirect: '#/settings' });
    expect(parseHash('#/settings?x=1')).toEqual({ route: { kind: 'settings' }, redirect: '#/settings' });
  });
});
