import { describe, expect, it } from 'vitest';
import { evidenceView } from './evidence';
import { daysFrom } from '../format';

const NOW = new Date('2026-11-27T12:00:00Z');

describe('evidenceView', () => {
  it('keeps a record id, and gives a date the label does not hold with how far it is', () => {
    expect(
      evidenceView({ kind: 'signal', ref: 'bb_sig_9', label: 'Outages during month-end close', at: '2026-11-25T10:00:00Z' }, NOW),
    ).toEqual({ kind: 'Signal', ref: 'bb_sig_9', mono: true, label: 'Outages during month-end close', when: 'Nov 25, 2026 · 2 days ago' });
  });
  it('does not repeat a date the label already says, only how far it is', () => {
    const v = evidenceView({ kind: 'invoice', ref: 'in_3', label: '$1,200.00 due Oct 1, 2026', at: '2026-10-01T00:00:00Z' }, NOW);
    expect(v.when).toBe('57 days ago');
    expect(v.ref).toBe('in_3');
    const c = evidenceView({ kind: 'contract', ref: 'C-1', label: 'Pro, active, term end Dec 17, 2026', at: '2026-12-17T00:00:00Z' }, NOW);
    expect(c.when).toBe('in 20 days');
  });
  it('leaves a usage week to the date and writes a run of weeks in words', () => {
    expect(
      evidenceView({ kind: 'usage', ref: '2026-11-23', label: '8 of 95 licensed users active', at: '2026-11-23T00:00:00Z' }, NOW),
    ).toEqual({ kind: 'Usage', ref: '', mono: false, label: '8 of 95 licensed users active', when: 'Nov 23, 2026 · 4 days ago' });
    expect(
      evidenceView({ kind: 'usage', ref: '2026-09-28..2026-10-12', label: '0 active users', at: '2026-10-12T00:00:00Z' }, NOW),
    ).toEqual({ kind: 'Usage', ref: 'weeks of Sep 28, 2026 – Oct 12, 2026', mono: false, label: '0 active users', when: '46 days ago' });
  });
  it('shows an unknown kind by its name and survives missing fields', () => {
    expect(evidenceView({ kind: 'ticket', ref: '', label: '', at: '' }, NOW)).toEqual({
      kind: 'ticket',
      ref: '',
      mono: false,
      label: '',
      when: '',
    });
  });
});

describe('daysFrom', () => {
  it('counts calendar days (UTC) from now', () => {
    expect(daysFrom('2026-11-27T23:59:00Z', NOW)).toBe('today');
    expect(daysFrom('2026-11-28T00:00:00Z', NOW)).toBe('tomorrow');
    expect(daysFrom('2026-11-26T23:00:00Z', NOW)).toBe('yesterday');
    expect(daysFrom('2027-01-01T00:00:00Z', NOW)).toBe('in 35 days');
    expect(daysFrom('nonsense', NOW)).toBe('');
  });
});
