import { describe, expect, it } from 'vitest';
import { intervalLabel, nextRunText, removeDataText, untilText } from './text';
import { NOW, noRows, stripeRows, syncFixture } from './test-fixtures';

const inMin = (m: number) => new Date(NOW.getTime() + m * 60_000).toISOString();

describe('settings text', () => {
  it('says how long until the next run', () => {
    expect(untilText(inMin(12), NOW)).toBe('in 12 min');
    expect(untilText(inMin(0.2), NOW)).toBe('in 1 min');
    expect(untilText(inMin(30.4), NOW)).toBe('in 30 min'); // a 30-minute schedule read by a clock a tick behind
    expect(untilText(inMin(-3), NOW)).toBe('due now');
    expect(untilText(inMin(120), NOW)).toBe('in 2 h');
    expect(untilText(inMin(125), NOW)).toBe('in 2 h 5 min');
    expect(untilText(inMin(1440), NOW)).toBe('in 1 day');
    expect(untilText('nonsense', NOW)).toBe('—');
  });

  it('names the next run for each state', () => {
    expect(nextRunText(syncFixture(), false, NOW)).toBe('in 12 min');
    expect(nextRunText(syncFixture(), true, NOW)).toBe('after this run');
    expect(nextRunText(syncFixture({ status: 'reconnect', nextRunAt: '' }), false, NOW)).toBe('paused: waiting for a new key');
    expect(nextRunText(undefined, false, NOW)).toBe('within a minute');
  });

  it('labels the schedule choices', () => {
    expect([15, 30, 60, 120, 240, 1440].map(intervalLabel)).toEqual([
      'Every 15 minutes',
      'Every 30 minutes',
      'Every hour',
      'Every 2 hours',
      'Every 4 hours',
      'Once a day',
    ]);
  });

  it('counts the rows a disconnect deletes, skipping empty kinds', () => {
    expect(removeDataText('Stripe', stripeRows)).toBe(
      'Also delete the 12,345 rows Stripe synced (1,000 accounts, 10,000 subscriptions, 1,300 invoices, 45 activity events)',
    );
    expect(removeDataText('Stripe', { ...noRows, accounts: 1, other: 2, total: 3 })).toBe(
      'Also delete the 3 rows Stripe synced (1 account, 2 other records)',
    );
  });
});
