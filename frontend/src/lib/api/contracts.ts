import * as Contracts from '../../../wailsjs/go/app/ContractsService';
import type { app } from '../../../wailsjs/go/models';
import { call } from './core';

export type ContractsQuery = app.ContractsQuery;
export type ContractsListDTO = app.ContractsListDTO;
export type ContractRowDTO = app.ContractRowDTO;
export type ContractsSummaryDTO = app.ContractsSummaryDTO;
export type CurrencyTotalDTO = app.CurrencyTotalDTO;
export type MismatchDTO = app.MismatchDTO;
export type ContractDetailDTO = app.ContractDetailDTO;
export type HistoryEventDTO = app.HistoryEventDTO;
export type RetryDTO = app.RetryDTO;
export type LinkedRequestDTO = app.LinkedRequestDTO;
export type RenewalDraftDTO = app.RenewalDraftDTO;
export type ExportDTO = app.ExportDTO;
export type ExportFormat = 'csv' | 'json';

export const listContracts = (q: app.ContractsQuery) => call(() => Contracts.List(q));
export const contractsSummary = (q: app.ContractsQuery) => call(() => Contracts.Summary(q));
export const contractDetail = (key: string) => call(() => Contracts.Detail({ key }));
export const renewalDraft = (key: string) => call(() => Contracts.RenewalDraft({ key }));
export const exportContracts = (query: app.ContractsQuery, format: ExportFormat) =>
  call(() => Contracts.Export({ query, format }));
