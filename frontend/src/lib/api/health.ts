import * as Health from '../../../wailsjs/go/app/HealthService';
import type { app } from '../../../wailsjs/go/models';
import { call } from './core';

export type HealthListRequest = app.HealthListRequest;
export type HealthListDTO = app.HealthListDTO;
export type HealthRowDTO = app.HealthRowDTO;
export type HealthSummaryDTO = app.HealthSummaryDTO;
export type HealthSettingsDTO = app.HealthSettingsDTO;
export type WeightsDTO = app.WeightsDTO;
export type CutoffsDTO = app.CutoffsDTO;
export type PreviewDTO = app.PreviewDTO;

export const listHealth = (req: app.HealthListRequest) => call(() => Health.List(req));
export const healthSummary = (req: app.HealthSummaryRequest) => call(() => Health.Summary(req));
export const refreshHealth = () => call(() => Health.Refresh({}));
export const healthSettings = () => call(() => Health.Settings({}));
export const saveHealthSettings = (req: app.SaveHealthSettingsRequest) => call(() => Health.SaveSettings(req));
export const setTracked = (accountId: number, tracked: boolean) => call(() => Health.SetTracked({ accountId, tracked }));
