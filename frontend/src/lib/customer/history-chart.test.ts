import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CUTOFFS,
  LEVEL_HEX,
  buildHistoryOption,
  describeChanges,
  resolveCutoffs,
  snapshotLabels,
  spanLabels,
  whenLabels,
  timeAxisLabel,
  timeAxisStep,
} from './history-chart';
import { historyFixture } from './test-fixtures';

type Series = {
  type: string;
  data: { value: [string, number]; symbolSize: number; itemStyle: { color: string } }[];
  markArea: { data: [{ yAxis: number; itemStyle: { color: string } }, { yAxis: number }][] };
  markLine?: { data: { xAxis: string }[] };
};
const seriesOf = (o: ReturnType<typeof buildHistoryOption>) => (o.series as Series[])[0];

describe('resolveCutoffs', () => {
  it('falls back to 40 / 70 when absent or inconsistent', () => {
    expect(resolveCutoffs()).toEqual(DEFAULT_CUTOFFS);
    expect(resolveCutoffs(null)).toEqual({ critical: 40, atRisk: 70 });
    expect(resolveCutoffs({ critical: 80, atRisk: 50 })).toEqual(DEFAULT_CUTOFFS);
    expect(resolveCutoffs({ critical: 30 })).toEqual(DEFAULT_CUTOFFS);
    expect(resolveCutoffs({ critical: -1, atRisk: 50 })).toEqual(DEFAULT_CUTOFFS);
  });
  it('keeps sane cut-offs from the data', () => {
    expect(resolveCutoffs({ critical: 35, atRisk: 65 })).toEqual({ critical: 35, atRisk: 65 });
  });
});

describe('buildHistoryOption', () => {
  it('plots score over time with a point per snapshot coloured by level', () => {
    const s = seriesOf(buildHistoryOption(historyFixture));
    expect(s.type).toBe('line');
    expect(s.data.map((d) => d.value)).toEqual([
      ['2026-02-01T09:00:00Z', 80],
      ['2026-02-15T09:00:00Z', 62],
      ['2026-03-02T09:00:00Z', 42],
    ]);
    expect(s.data.map((d) => d.itemStyle.color)).toEqual([LEVEL_HEX.healthy, LEVEL_HEX.at_risk, LEVEL_HEX.at_risk]);
  });

  it('fixes the y axis to 0–100 on a time x axis', () => {
    const o = buildHistoryOption(historyFixture) as { xAxis: { type: string }; yAxis: { min: number; max: number } };
    expect(o.xAxis.type).toBe('time');
    expect(o.yAxis.min).toBe(0);
    expect(o.yAxis.max).toBe(100);
  });

  it('draws red / amber / green tier bands at the default cut-offs', () => {
    const bands = seriesOf(buildHistoryOption(historyFixture)).markArea.data;
    expect(bands.map(([a, b]) => [a.yAxis, b.yAxis])).toEqual([
      [0, 40],
      [40, 70],
      [70, 100],
    ]);
    expect(bands[0][0].itemStyle.color).toMatch(/220, 38, 38/);
  });

  it('uses cut-offs from the data when given', () => {
    const bands = seriesOf(buildHistoryOption(historyFixture, { cutoffs: { critical: 30, atRisk: 60 } })).markArea.data;
    expect(bands.map(([a, b]) => [a.yAxis, b.yAxis])).toEqual([
      [0, 30],
      [30, 60],
      [60, 100],
    ]);
  });

  it('derives the colour from the score when the level is unknown', () => {
    const s = seriesOf(buildHistoryOption([{ at: '2026-01-01T00:00:00Z', score: 20, level: '', factors: [], changes: [] }]));
    expect(s.data[0].itemStyle.color).toBe(LEVEL_HEX.critical);
  });

  it('marks the selected snapshot larger with a guide line', () => {
    const s = seriesOf(buildHistoryOption(historyFixture, { selectedIndex: 1 }));
    expect(s.data.map((d) => d.symbolSize)).toEqual([6, 11, 6]);
    expect(s.markLine?.data).toEqual([{ xAxis: '2026-02-15T09:00:00Z' }]);
    expect(seriesOf(buildHistoryOption(historyFixture, { selectedIndex: 9 })).markLine).toBeUndefined();
  });

  it('formats the tooltip from the snapshot, not from source text', () => {
    const o = buildHistoryOption(historyFixture) as { tooltip: { formatter: (p: unknown) => string } };
    expect(o.tooltip.formatter({ dataIndex: 2 })).toContain('Score 42 · At risk');
    expect(o.tooltip.formatter({ dataIndex: 7 })).toBe('');
  });

  it('handles no points', () => {
    expect(seriesOf(buildHistoryOption([])).data).toEqual([]);
  });
});

describe('describeChanges', () => {
  it('classifies new, resolved and moved factors, biggest move first', () => {
    const lines = describeChanges(historyFixture[2].changes);
    expect(lines.map((l) => [l.code, l.kind, l.delta])).toEqual([
      ['past_due_invoice', 'new', -18],
      ['praise', 'resolved', -3],
      ['usage_drop', 'moved', -2],
    ]);
  });
  it('accepts null', () => {
    expect(describeChanges(null)).toEqual([]);
  });
  it('labels a snapshot with its date and score', () => {
    expect(snapshotLabels(historyFixture)[2]).toBe('Mar 2, 2026 · 42');
  });
});

describe('whenLabels', () => {
  const at = (h: number, m: number, s = 0, day = 27) => new Date(2026, 10, day, h, m, s).toISOString();
  it('names each snapshot as briefly as tells it from the others', () => {
    expect(whenLabels([at(9, 5, 0, 20), at(9, 5), at(14, 53, 49), at(14, 53, 52)])).toEqual([
      'Nov 20, 2026',
      'Nov 27, 9:05 AM',
      'Nov 27, 2:53:49 PM',
      'Nov 27, 2:53:52 PM',
    ]);
  });
  it('gives two moments in one minute their seconds, and others their minutes', () => {
    expect(spanLabels(at(14, 53, 49), at(14, 53, 52))).toEqual(['Nov 27, 2:53:49 PM', 'Nov 27, 2:53:52 PM']);
    expect(spanLabels(at(9, 5), at(14, 53, 52))).toEqual(['Nov 27, 9:05 AM', 'Nov 27, 2:53 PM']);
  });
});

describe('timeAxisLabel', () => {
  const pt = (at: string) => ({ ...historyFixture[0], at });
  it('spaces ticks by the unit the labels name, so no two read the same', () => {
    const seconds = [pt('2026-11-27T14:44:05Z'), pt('2026-11-27T14:44:31Z')];
    const minutes = [pt('2026-11-27T09:05:00Z'), pt('2026-11-27T12:13:00Z')];
    expect(timeAxisStep(seconds)).toBe(1000);
    expect(timeAxisStep(minutes)).toBe(60_000);
    expect(timeAxisStep(historyFixture)).toBe(86_400_000);
    expect((buildHistoryOption(seconds).xAxis as { minInterval: number }).minInterval).toBe(1000);
    const at = new Date(2026, 10, 27, 14, 44, 5);
    const label = timeAxisLabel([pt(at.toISOString()), pt(new Date(at.getTime() + 26_000).toISOString())]);
    expect(label(at.getTime())).toBe('2:44:05 PM');
  });
  it('labels snapshots weeks apart by day', () => {
    expect(timeAxisLabel(historyFixture)(Date.parse('2026-02-15T09:00:00Z'))).toBe('Feb 15');
  });
  it('labels a day of refreshes by time of day, not by the same date over and over', () => {
    const a = new Date(2026, 10, 27, 9, 5).toISOString();
    const b = new Date(2026, 10, 27, 12, 13).toISOString();
    const label = timeAxisLabel([pt(a), pt(b)]);
    expect(label(Date.parse(a))).toBe('9:05 AM');
    expect(label(Date.parse(b))).toBe('12:13 PM');
  });
  it('adds the date when close snapshots cross midnight', () => {
    const a = new Date(2026, 10, 26, 23, 30).toISOString();
    const b = new Date(2026, 10, 27, 0, 45).toISOString();
    expect(timeAxisLabel([pt(a), pt(b)])(Date.parse(b))).toBe('Nov 27, 12:45 AM');
  });
  it('keeps day labels for a single snapshot', () => {
    expect(timeAxisLabel([pt('2026-02-15T09:00:00Z')])(Date.parse('2026-02-15T09:00:00Z'))).toBe('Feb 15');
  });
});
