import * as Customer from '../../../wailsjs/go/app/CustomerService';
import type { app } from '../../../wailsjs/go/models';
import { call } from './core';

export type CustomerDTO = app.CustomerDTO;
export type ActivityPageDTO = app.ActivityPageDTO;
export type HistoryDTO = app.HistoryDTO;

export const getCustomer = (req: { domain?: string; accountId?: number }) =>
  call(() => Customer.Get({ domain: req.domain ?? '', accountId: req.accountId ?? 0 }));
export const customerActivity = (req: app.ActivityRequest) => call(() => Customer.Activity(req));
export const customerHistory = (accountId: number, limit = 0) => call(() => Customer.History({ accountId, limit }));
