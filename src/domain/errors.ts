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
  /** The customer panel is not enabled for the issue's project (the admins' visibility settings). */
  | 'NOT_ENABLED'
  | 'INTERNAL';

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

export const invalid = (message: string, details?: Record<string, unknown>) => new AppError('INVALID_INPUT', message, details);
