// Settings → Integrations: connect and disconnect sources, sync them, set the
// schedule, and switch the window between the demo and the live book.
// A pasted token travels only in the Connect request; nothing here keeps it.
import * as Settings from '../../../wailsjs/go/app/SettingsService';
import type { app } from '../../../wailsjs/go/models';
import { call } from './core';

export type IntegrationsDTO = app.IntegrationsDTO;
export type IntegrationDTO = app.IntegrationDTO;
export type SyncStateDTO = app.SyncStateDTO;
export type SourceRowsDTO = app.SourceRowsDTO;
export type SectionReadinessDTO = app.SectionReadinessDTO;
export type ConnectDTO = app.ConnectDTO;
export type DisconnectDTO = app.DisconnectDTO;
export type SyncStartedDTO = app.SyncStartedDTO;
export type CancelDTO = app.CancelDTO;
export type ModeDTO = app.ModeDTO;
export type PropertiesDTO = app.PropertiesDTO;
export type PropertyDTO = app.PropertyDTO;

export type Mode = 'demo' | 'live';

export const integrations = () => call(() => Settings.Integrations({}));
/** connectSource checks and saves a credential with the source's other settings (IntegrationDTO.fields). */
export const connectSource = (source: string, token: string, options: Record<string, string> = {}) =>
  call(() => Settings.Connect({ source, token, options }));
export const disconnectPreview = (source: string) => call(() => Settings.DisconnectPreview({ source }));
export const disconnectSource = (source: string, removeData: boolean) =>
  call(() => Settings.Disconnect({ source, removeData }));
/** syncNow starts a sync of the named sources (every connected one when none is named). */
export const syncNow = (sources: string[] = []) => call(() => Settings.SyncNow({ sources }));
/** cancelSync stops the source's run ("" stops every run). */
export const cancelSync = (source = '') => call(() => Settings.CancelSync({ source }));
/** sourceProperties lists the properties a connected source offers to show, and the chosen ones (read live). */
export const sourceProperties = (source: string) => call(() => Settings.Properties({ source }));
/** setSourceOptions saves settings of a connected source (others keep their value); the next sync uses them. */
export const setSourceOptions = (source: string, options: Record<string, string>) =>
  call(() => Settings.SetOptions({ source, options }));
export const setMode = (mode: Mode) => call(() => Settings.SetMode({ mode }));
export type DemoBuildDTO = app.DemoBuildDTO;
/** demoBuild says how far the demo book's build has come; it answers while the build still holds the book. */
export const demoBuild = () => call(() => Settings.DemoBuild({}));
export const setSyncInterval = (minutes: number) => call(() => Settings.SetSyncInterval({ minutes }));

export type ReportingDTO = app.ReportingDTO;
export type RateDTO = app.RateDTO;
export type SaveReportingRequest = app.SaveReportingRequest;

/** reporting reads the reporting currency, its rates and which currencies the shown book holds. */
export const reporting = () => call(() => Settings.Reporting({}));
/**
 * saveReporting sets the reporting currency. With no rates the current ones are
 * restated in `base`; with rates they are taken as given in `base` (0 removes a
 * rate). Scores are recomputed; the answer is the new state. Errors: invalid.
 */
export const saveReporting = (req: SaveReportingRequest) => call(() => Settings.SaveReporting(req));
