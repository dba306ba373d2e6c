// Pure builders for the score-history chart and its "What changed" list.
// No ECharts runtime import here: only types, so this file tests without a canvas.
import type { ComposeOption } from 'echarts/core';
import type { LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { DAY_MS, formatDate, formatDateTime, levelLabel } from '../format';
import { dateFormat } from '../intl';
import type { FactorChangeDTO, HistoryPointDTO } from './labels';

export type HistoryOption = ComposeOption<
  LineSeriesOption | GridComponentOption | TooltipComponentOption | MarkAreaComponentOption | MarkLineComponentOption
>;

export interface Cutoffs {
  critical: number;
  atRisk: number;
}

/** The workspace defaults (domain.DefaultHealthSettings). */
export const DEFAULT_CUTOFFS: Cutoffs = { critical: 40, atRisk: 70 };

/** resolveCutoffs returns c when it is a sane pair (0 ≤ critical ≤ atRisk ≤ 100), else the defaults. */
export function resolveCutoffs(c?: Partial<Cutoffs> | null): Cutoffs {
  const crit = c?.critical;
  const risk = c?.atRisk;
  if (
    typeof crit === 'number' &&
    typeof risk === 'number' &&
    Number.isFinite(crit) &&
    Number.isFinite(risk) &&
    crit >= 0 &&
    crit <= risk &&
    risk <= 100
  ) {
    return { critical: crit, atRisk: risk };
  }
  return { ...DEFAULT_CUTOFFS };
}

export const LEVEL_HEX: Record<string, string> = {
  critical: '#dc2626',
  at_risk: '#d97706',
  healthy: '#059669',
};
const LINE_HEX = '#475569';
const BAND = {
  critical: 'rgba(220, 38, 38, 0.07)',
  at_risk: 'rgba(217, 119, 6, 0.08)',
  healthy: 'rgba(5, 150, 105, 0.06)',
};

function levelOf(score: number, c: Cutoffs): string {
  return score < c.critical ? 'critical' : score < c.atRisk ? 'at_risk' : 'healthy';
}

export interface HistoryOptionInput {
  cutoffs?: Partial<Cutoffs> | null;
  /** index into points of the selected snapshot; drawn larger with a guide line. */
  selectedIndex?: number | null;
}

/**
 * buildHistoryOption returns the ECharts option for the score line over
 * snapshots (oldest first), with red / amber / green tier bands behind it.
 */
export function buildHistoryOption(points: HistoryPointDTO[], input: HistoryOptionInput = {}): HistoryOption {
  const cut = resolveCutoffs(input.cutoffs);
  const sel = input.selectedIndex;
  const selected = sel != null && sel >= 0 && sel < points.length ? points[sel] : null;
  const data = points.map((p, i) => {
    const level = p.level in LEVEL_HEX ? p.level : levelOf(p.score, cut);
    return {
      value: [p.at, p.score] as [string, number],
      level,
      symbolSize: i === sel ? 11 : 6,
      itemStyle: {
        color: LEVEL_HEX[level],
        borderColor: '#ffffff',
        borderWidth: i === sel ? 2 : 1,
      },
    };
  });
  return {
    animation: false,
    grid: { left: 34, right: 14, top: 12, bottom: 26 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const p = params as { dataIndex?: number };
        const pt = typeof p.dataIndex === 'number' ? points[p.dataIndex] : undefined;
        if (!pt) return '';
        const lvl = levelLabel[pt.level] ?? levelLabel[levelOf(pt.score, cut)];
        return `${formatDateTime(pt.at)}<br/>Score ${Math.round(pt.score)} · ${lvl}`;
      },
    },
    xAxis: {
      type: 'time',
      axisLine: { lineStyle: { color: '#cbd5e1' } },
      minInterval: timeAxisStep(points),
      axisLabel: { color: '#64748b', fontSize: 11, hideOverlap: true, formatter: timeAxisLabel(points) },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      interval: 20,
      axisLabel: { color: '#64748b', fontSize: 11 },
      splitLine: { lineStyle: { color: '#e2e8f0', type: 'dashed' } },
    },
    series: [
      {
        type: 'line',
        name: 'Health score',
        data,
        showSymbol: true,
        symbol: 'circle',
        lineStyle: { color: LINE_HEX, width: 2 },
        emphasis: { scale: 1.4 },
        markArea: {
          silent: true,
          data: [
            [{ yAxis: 0, itemStyle: { color: BAND.critical } }, { yAxis: cut.critical }],
            [{ yAxis: cut.critical, itemStyle: { color: BAND.at_risk } }, { yAxis: cut.atRisk }],
            [{ yAxis: cut.atRisk, itemStyle: { color: BAND.healthy } }, { yAxis: 100 }],
          ],
        },
        markLine: selected
          ? {
              silent: true,
              symbol: 'none',
              label: { show: false },
              lineStyle: { color: '#94a3b8', type: 'solid', width: 1 },
              data: [{ xAxis: selected.at }],
            }
          : undefined,
      },
    ],
  };
}

/**
 * timeAxisLabel picks how the time axis labels its ticks for these
 * snapshots: by day ("Nov 27", UTC, as scores count days) when they span
 * two days or more; when they are closer, by the time of day in local time,
 * as the "What changed" line shows them ("12:13 PM", or "Nov 27, 12:13 PM"
 * when they cross midnight), so a day of refreshes does not read
 * "Nov 27, Nov 27, Nov 27"; and with seconds when they are minutes apart
 * ("2:44:05 PM"), so refreshes in one minute do not read "2:44 PM" four times.
 */
export function timeAxisLabel(points: HistoryPointDTO[]): (v: number) => string {
  const scale = axisScale(points);
  if (scale === 'day') return shortDate;
  const ts = times(points);
  const day = (t: number) => new Date(t).toDateString();
  const oneDay = ts.every((t) => day(t) === day(ts[0]));
  const clock: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
  if (scale === 'second') clock.second = '2-digit';
  return (v: number) => {
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) return '';
    const time = dateFormat(clock).format(d);
    return oneDay ? time : `${dateFormat({ month: 'short', day: 'numeric' }).format(d)}, ${time}`;
  };
}

/**
 * timeAxisStep is the least gap between the time axis's ticks, in ms: the
 * unit its labels name (see timeAxisLabel), so no two ticks read the same.
 */
export function timeAxisStep(points: HistoryPointDTO[]): number {
  return { day: DAY_MS, minute: 60_000, second: 1000 }[axisScale(points)];
}

const times = (points: HistoryPointDTO[]) => points.map((p) => Date.parse(p.at)).filter((t) => !Number.isNaN(t));

/**
 * axisScale is the unit the axis labels: days for one snapshot or snapshots
 * two days apart or more, seconds for snapshots under ten minutes apart,
 * minutes between.
 */
function axisScale(points: HistoryPointDTO[]): 'day' | 'minute' | 'second' {
  const ts = times(points);
  const span = ts.length < 2 ? Infinity : Math.max(...ts) - Math.min(...ts);
  return span >= 2 * DAY_MS ? 'day' : span < 10 * 60_000 ? 'second' : 'minute';
}

function shortDate(v: number): string {
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? '' : dateFormat({ month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d);
}

export type ChangeKind = 'new' | 'resolved' | 'moved';

export interface ChangeLine {
  code: string;
  label: string;
  before: number;
  after: number;
  delta: number;
  kind: ChangeKind;
}

/** describeChanges turns FactorChangeDTOs into display lines, biggest move first. */
export function describeChanges(changes: FactorChangeDTO[] | null | undefined): ChangeLine[] {
  return (changes ?? [])
    .map((c) => ({
      code: c.code,
      label: c.label,
      before: c.before,
      after: c.after,
      delta: c.after - c.before,
      kind: (c.before === 0 ? 'new' : c.after === 0 ? 'resolved' : 'moved') as ChangeKind,
    }))
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.label.localeCompare(b.label));
}

/**
 * snapshotLabels are the list entries of the snapshots, in their order: when
 * and the score, "Nov 25, 2025 · 42", each "when" as brief as tells it from
 * the others (see whenLabels).
 */
export function snapshotLabels(points: HistoryPointDTO[]): string[] {
  const when = whenLabels(points.map((p) => p.at));
  return points.map((p, i) => `${when[i]} · ${Math.round(p.score)}`);
}

/**
 * whenLabels names each moment as briefly as tells it from the others: its
 * date ("Nov 27, 2026"); with the time when another falls on the same day
 * ("Nov 27, 2:53 PM"); to the second when another falls in the same minute
 * ("Nov 27, 2:53:49 PM").
 */
export function whenLabels(ats: string[]): string[] {
  const distinct = (labels: string[]) => (l: string) => labels.indexOf(l) === labels.lastIndexOf(l);
  const days = ats.map((at) => formatDate(at));
  const minutes = ats.map((at) => formatDateTime(at));
  const seconds = ats.map((at) => withSeconds(at));
  return ats.map((_, i) =>
    distinct(days)(days[i]) ? days[i] : distinct(minutes)(minutes[i]) ? minutes[i] : seconds[i],
  );
}

/** spanLabels names two moments with their times, to the second when they share a minute. */
export function spanLabels(a: string, b: string): [string, string] {
  const [x, y] = [formatDateTime(a), formatDateTime(b)];
  return x === y ? [withSeconds(a), withSeconds(b)] : [x, y];
}

function withSeconds(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime())
    ? '—'
    : dateFormat({ month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(d);
}
