// Convert: the trial and open-order queue, its cards, Sync trials (with its
// phase events), the candidate sheet, the Settings tab and exports.
import * as Convert from '../../../wailsjs/go/app/ConvertService';
import type { app } from '../../../wailsjs/go/models';
import { call } from './core';
import { on } from './events';

export type ConvertQuery = app.ConvertQuery;
export type ConvertListDTO = app.ConvertListDTO;
export type ConvertRowDTO = app.ConvertRowDTO;
export type ConvertSummaryDTO = app.ConvertSummaryDTO;
export type ConvertSettingsDTO = app.ConvertSettingsDTO;
export type ConvertSettingsValues = app.ConvertSettingsValues;
export type SyncTrialsDTO = app.SyncTrialsDTO;
export type CandidateDTO = app.CandidateDTO;
export type ExportDTO = app.ExportDTO;

export type ExportFormat = 'csv' | 'json';

export const EVENT_CONVERT_PHASE = 'convert:phase';

/** ConvertPhase is one step of a Sync trials run. */
export interface ConvertPhase {
  /** loading | checking | orders | subscriptions | tallying | done */
  phase: string;
  /** the label to show as is: "Loading…", "Checking sources…", … ("" for done) */
  label: string;
  /** the event's number in its run, from 1 (0 when the backend sent none) */
  seq: number;
}

export const listConvert = (q: app.ConvertQuery) => call(() => Convert.List(q));
export const convertSummary = (q: app.ConvertQuery) => call(() => Convert.Summary(q));
/** syncTrials runs Sync trials to the end; phases arrive meanwhile through onConvertPhase. */
export const syncTrials = () => call(() => Convert.SyncTrials({}));
export const convertCandidate = (key: string) => call(() => Convert.Candidate({ key }));
export const convertSettings = () => call(() => Convert.Settings({}));
/** saveConvertSettings validates and stores the settings (ApiError "invalid" says what is wrong), then re-tallies. */
export const saveConvertSettings = (v: app.ConvertSettingsValues) => call(() => Convert.SaveSettings(v));
/** exportConvert saves the queue exactly as filtered to a file and names it. */
export const exportConvert = (query: app.ConvertQuery, format: ExportFormat) =>
  call(() => Convert.Export({ query, format }));

/** onConvertPhase fires for each phase of a Sync trials run, in order. */
export function onConvertPhase(cb: (p: ConvertPhase) => void): () => void {
  return on<Partial<ConvertPhase> | null>(EVENT_CONVERT_PHASE, (d) =>
    cb({
      phase: typeof d?.phase === 'string' ? d.phase : '',
      label: typeof d?.label === 'string' ? d.label : '',
      seq: typeof d?.seq === 'number' && Number.isInteger(d.seq) && d.seq > 0 ? d.seq : 0,
    }),
  );
}
