// Health Settings live preview: re-rank the current snapshot under candidate
// weights and cut-offs without saving them.
import { Preview } from '../../../wailsjs/go/app/HealthService';
import type { app } from '../../../wailsjs/go/models';
import { call } from './core';

export type PreviewRequest = app.PreviewRequest;
export type PreviewRowDTO = app.PreviewRowDTO;
export type { PreviewDTO } from './health';

export const previewHealth = (req: app.PreviewRequest) => call(() => Preview(req));
