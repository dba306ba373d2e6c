import { describe, expect, it } from 'vitest';
import { usageNote } from './usageNote';

const weeks = (...n: number[]) =>
  n.map((activeUsers, i) => ({ weekStart: new Date(Date.UTC(2026, 9, 5 + 7 * i)).toISOString(), activeUsers }));

describe('usageNote', () => {
  it('says since when an account that had users has none', () => {
    expect(usageNote(weeks(5, 4, 2, 0, 0), 0)).toBe('No active users since the week of Oct 19, 2026');
  });
  it('says how long an account has had no users at all', () => {
    expect(usageNote(weeks(0, 0, 0), 0)).toBe('No active users in 3 weeks');
  });
  it('says when users came back after an empty week', () => {
    expect(usageNote(weeks(3, 0, 6), 6)).toBe('Up from none the week before');
  });
  it('claims nothing from a single week or from points that are not the scored week', () => {
    expect(usageNote(weeks(4), 4)).toBe('No weekly trend yet');
    expect(usageNote([], 0)).toBe('No weekly trend yet');
    expect(usageNote(weeks(3, 0, 6), 0)).toBe('No weekly trend yet');
    const gap = weeks(3, 0);
    gap[1].weekStart = new Date(Date.UTC(2026, 9, 26)).toISOString();
    expect(usageNote(gap, 0)).toBe('No weekly trend yet');
  });
});
