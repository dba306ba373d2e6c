import type { app } from '../../../wailsjs/go/models';

export type FactorDTO = app.FactorDTO;
export type MissingDTO = app.MissingDTO;
