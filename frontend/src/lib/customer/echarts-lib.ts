// The ECharts runtime for the score-history chart, imported chart by chart.
// ScoreHistory.svelte loads this module lazily so ECharts stays out of the
// first paint; tests replace it with a fake.
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, TooltipComponent, MarkAreaComponent, MarkLineComponent, CanvasRenderer]);

/** The subset of an ECharts instance the page uses. */
export interface HistoryChart {
  setOption(option: object, opts?: { notMerge?: boolean }): void;
  on(event: 'click', handler: (params: { dataIndex?: number; componentType?: string }) => void): void;
  resize(): void;
  dispose(): void;
}

export function initChart(el: HTMLElement): HistoryChart {
  return echarts.init(el, undefined, { renderer: 'canvas' }) as unknown as HistoryChart;
}
