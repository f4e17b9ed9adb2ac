// The one root error type: every failure a user can act on carries a code and a sentence saying what to do.

export type ErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'DUPLICATE'
  | 'LIMIT_EXCEEDED'
  | 'IMPORT_RUNNING'
  | 'UNUSABLE_FILE'
  | 'UPSTREAM'
  | 'BUSY'
  /** The customer panel is not enabled for the issue's project (the admins' visibility settings). */
  | 'NOT_ENABLED'
  | 'INTERNAL'
  /** The database schema has not been migrated on this site yet (first install or an upgrade in progress). */
  | 'SETTING_UP';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: string) => new AppError('NOT_FOUND', `${what} ${id} does not exist (it may have been deleted).`);

export const conflict = (what: string) =>
  new AppError('CONFLICT', `${what} was changed by someone else since you opened it. Reload it and apply your change again.`);

/** The store is held by something else for a moment: the same request will work if sent again a little later. */
export const busy = (message: string, retryAfterSeconds: number) => new AppError('BUSY', message, { retryAfterSeconds });

export const invalid = (message: string, details?: Record<string, unknown>) => new AppError('INVALID_INPUT', message, details);
