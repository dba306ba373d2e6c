// Account identity in the live book: the synced records that matched no
// company ("needs matching"), and a person's attach, merge and split. Each
// change answers with the needs-matching list after it; the demo book has
// no source records and refuses changes with a plain message.
import * as Identity from '../../../wailsjs/go/app/IdentityService';
import type { app } from '../../../wailsjs/go/models';
import { call } from './core';

export type UnmatchedDTO = app.UnmatchedDTO;
export type NeedsMatchingDTO = app.NeedsMatchingDTO;
export type AccountOptionDTO = app.AccountOptionDTO;
export type FindAccountsDTO = app.FindAccountsDTO;
export type IdentityDTO = app.IdentityDTO;
export type AccountRecordDTO = app.AccountRecordDTO;
export type AccountRecordsDTO = app.AccountRecordsDTO;

/** needsMatching lists the live book's records that matched no company, by name. */
export const needsMatching = () => call(() => Identity.NeedsMatching({}));
/** findAccounts searches accounts by name, domain or contact e-mail (limit 0 means 20). */
export const findAccounts = (query: string, limit = 0) => call(() => Identity.FindAccounts({ query, limit }));
/** attachRecord points a source record, with every row synced under it, at an account. */
export const attachRecord = (source: string, key: string, accountId: number) =>
  call(() => Identity.Attach({ source, key, accountId }));
/** mergeAccounts folds account dropId into keepId; dropId is removed. It cannot be undone. */
export const mergeAccounts = (keepId: number, dropId: number) => call(() => Identity.Merge({ keepId, dropId }));
/** splitRecord moves a source record off its account into a new account; the answer names it. */
export const splitRecord = (source: string, key: string) => call(() => Identity.Split({ source, key }));
/** accountRecords lists the source records an account is made of (none in the demo book). */
export const accountRecords = (accountId: number) => call(() => Identity.AccountRecords({ accountId }));
