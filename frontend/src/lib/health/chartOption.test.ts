import { describe, expect, it } from 'vitest';
import { levelColors, riskChartOption, type LevelBar } from './chartOption';

const usd = (major: number) => ({ amountMinor: major * 100, currency: 'USD' });
const bars: LevelBar[] = [
  { level: 'healthy', label: 'Healthy', count: 80, arr: usd(9_000_000) },
  { level: 'critical', label: 'Critical', count: 12, arr: usd(1_250_000) },
  { level: 'at_risk', label: 'At risk', count: 28, arr: usd(3_400_000) },
];

type Item = { value: number; name: string; itemStyle: { color: string; opacity: number }; label: { formatter: string } };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const seriesData = (o: any): Item[] => o.series[0].data;

describe('riskChartOption', () => {
  it('orders bars Critical, At risk, Healthy whatever the input order', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const o: any = riskChartOption(bars);
    expect(o.yAxis.data).toEqual(['Critical', 'At risk', 'Healthy']);
    expect(o.yAxis.inverse).toBe(true);
    expect(seriesData(o).map((d) => d.name)).toEqual(['critical', 'at_risk', 'healthy']);
  });

  it('plots ARR in major units with tier colours and labels', () => {
    const d = seriesData(riskChartOption(bars));
    expect(d.map((x) => x.value)).toEqual([1_250_000, 3_400_000, 9_000_000]);
    expect(d.map((x) => x.itemStyle.color)).toEqual([levelColors.critical, levelColors.at_risk, levelColors.healthy]);
    expect(d[0].label.formatter).toBe('$1.3M · 12');
    expect(d[2].label.formatter).toBe('$9M · 80');
  });

  it('dims the bars that are not the selected risk level', () => {
    const d = seriesData(riskChartOption(bars, 'at_risk'));
    expect(d.map((x) => x.itemStyle.opacity)).toEqual([0.3, 1, 0.3]);
    expect(seriesData(riskChartOption(bars)).every((x) => x.itemStyle.opacity === 1)).toBe(true);
  });

  it('fills missing levels with zero bars in the same currency', () => {
    const d = seriesData(riskChartOption([{ level: 'healthy', label: 'Healthy', count: 3, arr: { amountMinor: 500, currency: 'EUR' } }]));
    expect(d.map((x) => x.value)).toEqual([0, 0, 5]);
    expect(d[0].label.formatter).toBe('€0 · 0');
  });

  it('is pure: the same input gives an equal option', () => {
    expect(JSON.stringify(riskChartOption(bars, 'critical'))).toBe(JSON.stringify(riskChartOption(bars, 'critical')));
  });
});
