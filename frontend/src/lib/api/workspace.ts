import * as Workspace from '../../../wailsjs/go/app/WorkspaceService';
import type { app } from '../../../wailsjs/go/models';
import { call } from './core';

export type InfoDTO = app.InfoDTO;
export type RouteDTO = app.RouteDTO;
export type RoutedListDTO = app.RoutedListDTO;

export const workspaceInfo = () => call(() => Workspace.Info({}));
export const routeAccount = (req: app.RouteRequest) => call(() => Workspace.Route(req));
export const clearRoute = (accountId: number) => call(() => Workspace.ClearRoute({ accountId }));
export const routedTo = (section: string) => call(() => Workspace.RoutedTo({ section }));
export const reportPainted = (view: string, rows: number) => call(() => Workspace.Painted({ view, rows }));
export const undoRoute = (routeId: number) => call(() => Workspace.UndoRoute({ routeId }));
