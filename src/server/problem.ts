// Every error leaves the server as application/problem+json (RFC 9457) with a stable machine code,
// a message in the caller's language and, for input errors, one entry per field.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type FieldProblem, httpStatus } from '../shared/errors.js';
import { errorMessage, fieldMessage, type Language, languageFromHeader } from '../shared/i18n.js';

export function requestLanguage(request: FastifyRequest): Language {
  return languageFromHeader(request.headers['accept-language']);
}

export function problemBody(error: AppError, language: Language, instance?: string) {
  return {
    type: `https://bangfu.invalid/problems/${error.code}`,
    title: errorMessage(error.code, language, error.details.params),
    status: httpStatus(error.code),
    code: error.code,
    instance,
    errors:
      error.fields.length > 0
        ? error.fields.map((f) => ({
            field: f.field,
            code: f.code,
            message: fieldMessage(f.field, f.code, language, f.params),
          }))
        : undefined,
  };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError) {
  const body = problemBody(error, requestLanguage(request), request.url);
  return reply.status(body.status).type('application/problem+json; charset=utf-8').send(body);
}

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message: string;
  params: { keys?: string[]; minimum?: unknown; maximum?: unknown; origin?: string };
}

/** A zod issue (as fastify-type-provider-zod passes it on) → our field problem; texts live in i18n.ts. */
function issueProblems(issue: ValidationIssue): FieldProblem[] {
  const field = issue.instancePath.split('/').filter(Boolean).join('.');
  const { keys, minimum, maximum, origin } = issue.params;
  switch (issue.keyword) {
    case 'unrecognized_keys':
      return (keys ?? []).map((key) => {
        const path = field ? `${field}.${key}` : key;
        return { field: path, code: 'unknownField', params: { field: path } };
      });
    case 'invalid_type':
      return [{ field, code: issue.message.endsWith('received undefined') ? 'required' : 'invalidType' }];
    case 'too_small':
      if (origin === 'string') {
        return [
          {
            field,
            code: Number(minimum) === 1 ? 'required' : 'tooShort',
            params: { minimum: Number(minimum) },
          },
        ];
      }
      return [{ field, code: 'tooSmall', params: { minimum: Number(minimum) } }];
    case 'too_big':
      return [
        { field, code: origin === 'string' ? 'tooLong' : 'tooBig', params: { maximum: Number(maximum) } },
      ];
    case 'invalid_value':
      return [{ field, code: 'invalidOption' }];
    case 'invalid_format':
      return [{ field, code: 'invalidFormat' }];
    default:
      return [{ field, code: 'invalid' }];
  }
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.tooLarge',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupportedMediaType',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.badJson',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.badJson',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.badJson',
};

/** Maps anything thrown in a request to a problem; unexpected errors are logged and become 500. */
export function toAppError(error: unknown, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError & { validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(fastifyError)) {
    const fields = fastifyError.validation.flatMap((v) => issueProblems(v as unknown as ValidationIssue));
    return new AppError('validation', { fields });
  }
  if (fastifyError.code && fastifyCodes[fastifyError.code])
    return new AppError(fastifyCodes[fastifyError.code] as ErrorCode);
  if (fastifyError instanceof SyntaxError || fastifyError.statusCode === 400)
    return new AppError('request.badJson');
  if (fastifyError.statusCode === 415) return new AppError('request.unsupportedMediaType');
  if (fastifyError.statusCode === 413) return new AppError('request.tooLarge');
  request.log.error({ err: error }, 'unexpected error');
  return new AppError('internal');
}
