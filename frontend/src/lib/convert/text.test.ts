import { describe, expect, it } from 'vitest';
import { groupFactors, isUrgent, parseDomains, pointsTotal, trialDaysClass, trialDaysText } from './text';
import type { app } from '../../../wailsjs/go/models';

const f = (code: string, category: string, points: number): app.FactorDTO => ({
  code,
  category,
  label: code,
  points,
  detail: '',
  evidence: [],
});

describe('trialDaysText', () => {
  it('says days left, ends today, ended N days ago, or a dash when unknown', () => {
    expect(trialDaysText(12)).toBe('12 days');
    expect(trialDaysText(1)).toBe('1 day');
    expect(trialDaysText(0)).toBe('Ends today');
    expect(trialDaysText(-1)).toBe('Ended 1 day ago');
    expect(trialDaysText(-3)).toBe('Ended 3 days ago');
    expect(trialDaysText(null)).toBe('—');
    expect(trialDaysText(undefined)).toBe('—');
  });

  it('marks trials within the urgency window (and ended ones) as urgent', () => {
    expect(isUrgent(7, 7)).toBe(true);
    expect(isUrgent(8, 7)).toBe(false);
    expect(isUrgent(0, 7)).toBe(true);
    expect(isUrgent(-2, 7)).toBe(true);
    expect(isUrgent(null, 7)).toBe(false);
    expect(trialDaysClass(3, 7)).toContain('text-red-600');
    expect(trialDaysClass(30, 7)).toBe('text-slate-700');
    expect(trialDaysClass(undefined, 7)).toBe('text-slate-400');
  });
});

describe('groupFactors', () => {
  it('groups by category in the order usage, seats, signals, fit, urgency, with unknown ones last', () => {
    const groups = groupFactors([f('u1', 'urgency', 10), f('x', 'mystery', 1), f('a', 'usage', 40), f('b', 'usage', -5), f('s', 'seats', 3)]);
    expect(groups.map((g) => g.id)).toEqual(['usage', 'seats', 'urgency', 'mystery']);
    expect(groups[0]).toMatchObject({ label: 'Usage', points: 35 });
    expect(groups[0].factors.map((x) => x.code)).toEqual(['a', 'b']);
    expect(groups[3].label).toBe('Mystery');
    expect(pointsTotal([f('a', 'usage', 40), f('b', 'fit', -5)])).toBe(35);
  });
});

describe('parseDomains', () => {
  it('reads one domain a line, lower-cased and de-duplicated, tolerating URLs and @', () => {
    expect(parseDomains('Example.com\n\n  https://Foo.io/path \n@gmail.com, example.com')).toEqual([
      'example.com',
      'foo.io',
      'gmail.com',
    ]);
    expect(parseDomains('   ')).toEqual([]);
  });
});
