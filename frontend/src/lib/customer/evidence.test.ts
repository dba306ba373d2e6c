import { describe, expect, it } from 'vitest';
import { evidenceView } from './evidence';

describe('evidenceView', () => {
  it('keeps a record id and a date the label does not hold', () => {
    expect(
      evidenceView({ kind: 'signal', ref: 'bb_sig_9', label: 'Outages during month-end close', at: '2026-11-25T10:00:00Z' }),
    ).toEqual({ kind: 'Signal', ref: 'bb_sig_9', mono: true, label: 'Outages during month-end close', date: 'Nov 25, 2026' });
  });
  it('does not repeat a date the label already says', () => {
    const v = evidenceView({ kind: 'invoice', ref: 'in_3', label: '$1,200.00 due Oct 1, 2026', at: '2026-10-01T00:00:00Z' });
    expect(v.date).toBe('');
    expect(v.ref).toBe('in_3');
  });
  it('leaves a usage week to the date and writes a run of weeks in words', () => {
    expect(evidenceView({ kind: 'usage', ref: '2026-11-23', label: '8 of 95 licensed users active', at: '2026-11-23T00:00:00Z' })).toEqual({
      kind: 'Usage',
      ref: '',
      mono: false,
      label: '8 of 95 licensed users active',
      date: 'Nov 23, 2026',
    });
    expect(
      evidenceView({ kind: 'usage', ref: '2026-09-28..2026-10-12', label: '0 active users', at: '2026-10-12T00:00:00Z' }),
    ).toEqual({ kind: 'Usage', ref: 'weeks of Sep 28, 2026 – Oct 12, 2026', mono: false, label: '0 active users', date: '' });
  });
  it('shows an unknown kind by its name and survives missing fields', () => {
    expect(evidenceView({ kind: 'ticket', ref: '', label: '', at: '' })).toEqual({
      kind: 'ticket',
      ref: '',
      mono: false,
      label: '',
      date: '',
    });
  });
});
