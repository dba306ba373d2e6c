import { DAY_MS, formatDate } from '../format';
import type { UsagePointDTO } from './labels';

const WEEK_MS = 7 * DAY_MS;

/**
 * usageNote is the line under "Active users" when the score carries no
 * week-over-week percentage (trendPct is null: the week before had no
 * active users, or there is no week before). It reads the weekly points
 * (oldest first) and says what they do show, so a sparkline that falls to
 * zero is never captioned "no trend":
 * - no users this week or last week, but some earlier: "No active users since the week of <date>"
 * - no users in any week: "No active users in N weeks"
 * - users this week, none the week before: "Up from none the week before"
 * - otherwise (one week of data, or points that do not end on the scored week): "No weekly trend yet".
 * `active` is the scored week's count; when the last point does not hold it,
 * the points are not read.
 */
export function usageNote(usage: UsagePointDTO[], active: number): string {
  const last = usage.at(-1);
  const prev = usage.at(-2);
  if (!last || last.activeUsers !== active || !prev || !consecutive(prev.weekStart, last.weekStart)) {
    return 'No weekly trend yet';
  }
  if (active > 0) return prev.activeUsers === 0 ? 'Up from none the week before' : 'No weekly trend yet';
  const lastActive = usage.findLast((p) => p.activeUsers > 0);
  if (!lastActive) return `No active users in ${usage.length} weeks`;
  return `No active users since the week of ${formatDate(lastActive.weekStart)}`;
}

/** consecutive reports whether week b starts seven days after week a. */
function consecutive(a: string, b: string): boolean {
  const d = Date.parse(b) - Date.parse(a);
  return Math.abs(d - WEEK_MS) < 2 * 60 * 60 * 1000; // daylight-saving-proof, though the dates are UTC
}
