import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatDays, formatMoney, formatPct, formatPoints, initials, levelLabel, plural, relativeTime, toMajor } from './format';

describe('format', () => {
  it('formatMoney renders minor units, whole amounts ≥ 1,000 without cents', () => {
    expect(formatMoney({ amountMinor: 1_234_500, currency: 'USD' })).toBe('$12,345');
    expect(formatMoney({ amountMinor: 99_999, currency: 'USD' })).toBe('$999.99');
    expect(formatMoney({ amountMinor: 250_000_000, currency: 'EUR' })).toBe('€2,500,000');
    expect(formatMoney({ amountMinor: 0, currency: 'GBP' })).toBe('£0');
  });

  it('formatMoney reads a currency without minor units as whole units', () => {
    expect(formatMoney({ amountMinor: 30_000, currency: 'JPY' })).toBe('¥30,000');
    expect(formatMoney({ amountMinor: 500, currency: 'JPY' })).toBe('¥500');
    expect(formatMoney({ amountMinor: 1_250_000, currency: 'KRW' })).toBe('₩1,250,000');
    expect(toMajor({ amountMinor: 30_000, currency: 'jpy' })).toBe(30_000);
    expect(toMajor({ amountMinor: 1250, currency: 'USD' })).toBe(12.5);
    expect(formatMoney({ amountMinor: 1_250_000_00, currency: 'USD' }, { compact: true })).toBe('$1.3M');
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney({ amountMinor: 5, currency: '' })).toBe('—');
  });

  it('formatMoney keeps two decimals for cents below 1,000', () => {
    expect(formatMoney({ amountMinor: 99_950, currency: 'USD' })).toBe('$999.50');
    expect(formatMoney({ amountMinor: 4_900, currency: 'EUR' })).toBe('€49.00');
    expect(formatMoney({ amountMinor: 1_240_000, currency: 'USD' })).toBe('$12,400');
  });

  it('formatPoints uses a true minus sign', () => {
    expect(formatPoints(-8)).toBe('−8');
    expect(formatPoints(5)).toBe('+5');
    expect(formatPoints(0)).toBe('0');
  });

  it('formatDays reads days to renewal', () => {
    expect(formatDays(null)).toBe('Unknown');
    expect(formatDays(undefined)).toBe('Unknown');
    expect(formatDays(0)).toBe('Today');
    expect(formatDays(1)).toBe('Tomorrow');
    expect(formatDays(12)).toBe('12 days');
    expect(formatDays(-1)).toBe('Yesterday');
    expect(formatDays(-3)).toBe('3 days ago');
  });

  it('formatDate and relativeTime', () => {
    expect(formatDate('2026-11-25T10:00:00Z')).toBe('Nov 25, 2026');
    expect(formatDate('')).toBe('—');
    expect(formatDate('not a date')).toBe('—');
    const now = new Date('2026-01-10T12:00:00Z');
    expect(relativeTime('2026-01-10T11:57:00Z', now)).toBe('3 minutes ago');
    expect(relativeTime('2026-01-08T12:00:00Z', now)).toBe('2 days ago');
    expect(relativeTime('2026-01-10T15:00:00Z', now)).toBe('in 3 hours');
    expect(relativeTime('2026-01-10T11:59:50Z', now)).toBe('just now');
    expect(relativeTime(null, now)).toBe('—');
  });

  it('formatPct signs a change', () => {
    expect(formatPct(12.4)).toBe('+12%');
    expect(formatPct(-8)).toBe('−8%');
    expect(formatPct(0)).toBe('0%');
    expect(formatPct(null)).toBe('—');
    expect(formatPct(Number.NaN)).toBe('—');
  });

  it('initials ignores markup and punctuation', () => {
    expect(initials('Hooli Inc')).toBe('HI');
    expect(initials('pied piper')).toBe('PP');
    expect(initials('Raviga')).toBe('R');
    expect(initials('<img src=x onerror=alert(1)><script>alert("pwned")</script> Holdings')).toBe('AP');
    expect(initials('—')).toBe('?');
  });

  it('formatCount and plural write counts with their nouns', () => {
    expect(formatCount(12400)).toBe('12,400');
    expect(formatCount(undefined)).toBe('0');
    expect(plural(1, 'event')).toBe('1 event');
    expect(plural(0, 'event')).toBe('0 events');
    expect(plural(2500, 'activity', 'activities')).toBe('2,500 activities');
  });

  it('levelLabel names the tiers', () => {
    expect(levelLabel.critical).toBe('Critical');
    expect(levelLabel.at_risk).toBe('At risk');
    expect(levelLabel.healthy).toBe('Healthy');
  });
});
