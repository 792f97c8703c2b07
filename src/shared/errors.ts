// The one error catalogue. The domain throws AppError with a stable code; only the HTTP edge
// (server/problem.ts) and the CLI turn codes into statuses and messages.

export const errorCodes = [
  'validation',
  'auth.required',
  'auth.invalidCredentials',
  'auth.forbidden',
  'notFound',
  'conflict.version',
  'conflict.idNumber',
  'conflict.householdNo',
  'conflict.username',
  'region.unknown',
  'region.outOfScope',
  'request.tooLarge',
  'request.badJson',
  'request.unsupportedMediaType',
  'monitoring.monthLocked',
  'workflow.notAllowedInStatus',
  'workflow.levelTooLow',
  'workflow.reasonRequired',
  'warning.badTransition',
  'ledger.badFile',
  'ledger.headerNotFound',
  'ledger.columnsMissing',
  'ledger.notReady',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** One problem with one input field: `field` is the path as the client sent it (e.g. members.2.idNumber). */
export interface FieldProblem {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: { fields?: FieldProblem[]; params?: Record<string, string | number> } = {},
  ) {
    super(code);
    this.name = 'AppError';
  }

  get fields(): FieldProblem[] {
    return this.details.fields ?? [];
  }
}

export function validationError(fields: FieldProblem[]): AppError {
  return new AppError('validation', { fields });
}

export function httpStatus(code: ErrorCode): number {
  switch (code) {
    case 'validation':
      return 400;
    case 'auth.required':
    case 'auth.invalidCredentials':
      return 401;
    case 'auth.forbidden':
    case 'region.outOfScope':
      return 403;
    case 'notFound':
      return 404;
    case 'conflict.version':
    case 'conflict.idNumber':
    case 'conflict.householdNo':
    case 'conflict.username':
      return 409;
    case 'region.unknown':
      return 422;
    case 'request.tooLarge':
      return 413;
    case 'request.badJson':
      return 400;
    case 'request.unsupportedMediaType':
      return 415;
    case 'monitoring.monthLocked':
    case 'workflow.notAllowedInStatus':
    case 'warning.badTransition':
      return 409;
    case 'workflow.levelTooLow':
      return 403;
    case 'workflow.reasonRequired':
      return 400;
    case 'ledger.badFile':
    case 'ledger.headerNotFound':
    case 'ledger.columnsMissing':
      return 422;
    case 'ledger.notReady':
      return 409;
    case 'internal':
      return 500;
    default:
      return assertNever(code);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled value: ${String(value)}`);
}
