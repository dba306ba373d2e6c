// The only module family that imports wailsjs/. Every bound call goes through
// `call`, which turns a rejection into an ApiError with a stable code.

export type ErrorCode =
  | 'invalid'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'unavailable'
  | 'not_connected'
  | 'internal';

export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'ApiError';
  }
}

const codes: ErrorCode[] = ['invalid', 'not_found', 'conflict', 'unauthorized', 'unavailable', 'not_connected', 'internal'];

/** toApiError normalizes whatever a bound method rejected with into an ApiError. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  let v: unknown = e;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return new ApiError('internal', v as string);
    }
  }
  if (v && typeof v === 'object') {
    const o = v as { code?: unknown; message?: unknown };
    const code = codes.includes(o.code as ErrorCode) ? (o.code as ErrorCode) : 'internal';
    const message = typeof o.message === 'string' && o.message ? o.message : 'Internal error.';
    return new ApiError(code, message);
  }
  return new ApiError('unavailable', 'The app backend is not reachable.');
}

/** call runs a bound method and rethrows failures as ApiError. */
export async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toApiError(e);
  }
}
