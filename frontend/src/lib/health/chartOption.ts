// The ARR-by-risk bar chart's ECharts option, built as plain data so it can
// be tested without a canvas. Bars run Critical → At risk → Healthy, top down.
import type { EChartsCoreOption } from 'echarts/core';
import { formatCount, formatMoney, toMajor, type Money } from '../format';

export interface LevelBar {
  level: string;
  label: string;
  count: number;
  arr: Money;
}

export const levelColors: Record<string, string> = {
  critical: '#dc2626',
  at_risk: '#d97706',
  healthy: '#059669',
};

export const levelOrder = ['critical', 'at_risk', 'healthy'];

const fallbackLabels: Record<string, string> = { critical: 'Critical', at_risk: 'At risk', healthy: 'Healthy' };

/** riskChartOption builds the option; `selected` dims the other bars when a risk filter is on. */
export function riskChartOption(byLevel: LevelBar[], selected = ''): EChartsCoreOption {
  const bars = levelOrder.map(
    (level) =>
      byLevel.find((b) => b.level === level) ?? {
        level,
        label: fallbackLabels[level],
        count: 0,
        arr: { amountMinor: 0, currency: byLevel[0]?.arr.currency ?? 'USD' },
      },
  );
  const text = '#475569';
  return {
    animationDuration: 300,
    textStyle: { fontFamily: 'system-ui, sans-serif' },
    grid: { left: 4, right: 112, top: 2, bottom: 2 },
    xAxis: { type: 'value', show: false, max: (v: { max: number }) => Math.max(v.max, 1) },
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.map((b) => b.label),
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { color: text, fontSize: 12, margin: 10 },
    },
    series: [
      {
        type: 'bar',
        barWidth: 14,
        barMinHeight: 2,
        cursor: 'pointer',
        showBackground: true,
        backgroundStyle: { color: '#f1f5f9', borderRadius: 3 },
        data: bars.map((b) => ({
          value: toMajor(b.arr),
          name: b.level,
          itemStyle: {
            color: levelColors[b.level] ?? '#64748b',
            borderRadius: 3,
            opacity: selected && selected !== b.level ? 0.3 : 1,
          },
          label: {
            show: true,
            position: 'right',
            color: text,
            fontSize: 12,
            formatter: `${formatMoney(b.arr, { compact: true })} · ${formatCount(b.count)}`,
          },
        })),
      },
    ],
  };
}
