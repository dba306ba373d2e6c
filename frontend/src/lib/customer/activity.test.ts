import { describe, expect, it } from 'vitest';
import { groupByDay, signalPill } from './activity';
import type { ActivityDTO } from './labels';

const item = (id: number, occurredAt: string, over: Partial<ActivityDTO> = {}): ActivityDTO => ({
  id,
  kind: 'call',
  signal: '',
  source: 'buildbetter',
  occurredAt,
  title: `t${id}`,
  body: '',
  actor: '',
  ...over,
});

describe('groupByDay', () => {
  const now = new Date(2026, 2, 2, 15, 0);
  it('sorts newest first and groups by local day with Today / Yesterday labels', () => {
    const groups = groupByDay(
      [
        item(1, new Date(2026, 1, 20, 9).toISOString()),
        item(2, new Date(2026, 2, 2, 9).toISOString()),
        item(3, new Date(2026, 2, 1, 18).toISOString()),
        item(4, new Date(2026, 2, 2, 11).toISOString()),
      ],
      now,
    );
    expect(groups.map((g) => g.label)).toEqual(['Today', 'Yesterday', 'Fri, Feb 20, 2026']);
    expect(groups[0].items.map((i) => i.id)).toEqual([4, 2]);
  });
  it('puts unreadable dates last', () => {
    const groups = groupByDay([item(1, 'nope'), item(2, new Date(2026, 2, 2, 9).toISOString())], now);
    expect(groups.map((g) => g.label)).toEqual(['Today', 'Undated']);
  });
});

describe('signalPill', () => {
  it('labels signal kinds and NPS scores', () => {
    expect(signalPill({ kind: 'signal', signal: 'feature_request', score: undefined })?.text).toBe('Feature request');
    expect(signalPill({ kind: 'signal', signal: 'escalation', score: undefined })?.cls).toContain('red');
    expect(signalPill({ kind: 'signal', signal: 'nps', score: 9 })).toMatchObject({ text: 'NPS 9' });
    expect(signalPill({ kind: 'signal', signal: 'nps', score: 3 })?.cls).toContain('red');
    expect(signalPill({ kind: 'signal', signal: 'nps', score: null as unknown as undefined })?.text).toBe('NPS');
    expect(signalPill({ kind: 'call', signal: '', score: undefined })).toBeNull();
  });
});
