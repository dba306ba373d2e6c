import { daysFrom, formatDate } from '../format';
import { evidenceLabel, label } from './labels';
import type { app } from '../../../wailsjs/go/models';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

/** EvidenceView is one evidence line as Customer Detail writes it. */
export interface EvidenceView {
  kind: string; // "Invoice", "Usage", …
  ref: string; // the record's id, or a usage run in words; "" when the date says it
  mono: boolean; // ref is an identifier (shown in a fixed-width face)
  label: string;
  /** when: the date (unless the ref or the label already says it) and how far it is from now: "Dec 17, 2026 · in 20 days". */
  when: string;
}

/**
 * evidenceView turns a factor's evidence into its line without saying a
 * date twice: a usage week (its reference is the week's ISO date) is left to
 * the trailing date, a run of weeks reads "weeks of Sep 28, 2026 – Oct 12,
 * 2026", and the trailing date is dropped when the label already holds it
 * ("$1,200.00 due Oct 1, 2026"). Other references are record ids, kept as
 * they are. How far the date is from now is added here, at reading time:
 * the stored explanation holds dates only, so it never goes stale.
 */
export function evidenceView(ev: app.EvidenceDTO, now: Date = new Date()): EvidenceView {
  let ref = ev.ref ?? '';
  let mono = ref !== '';
  if (ev.kind === 'usage') {
    const run = ISO_RANGE.exec(ref);
    if (run) {
      ref = `weeks of ${formatDate(run[1])} – ${formatDate(run[2])}`;
      mono = false;
    } else if (ISO_DAY.test(ref)) {
      ref = '';
      mono = false;
    }
  }
  const lbl = ev.label ?? '';
  const at = ev.at ? formatDate(ev.at) : '';
  const date = at && at !== '—' && !lbl.includes(at) && !ref.includes(at) ? at : '';
  const when = [date, ev.at ? daysFrom(ev.at, now) : ''].filter(Boolean).join(' · ');
  return { kind: label(evidenceLabel, ev.kind), ref, mono, label: lbl, when };
}
