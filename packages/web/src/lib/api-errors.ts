import { CombinedGraphQLErrors } from '@apollo/client';
import { errorMessage, isErrorCode } from '@open-ers/domain';

/** A problem to show the user: on a form field when it concerns one, else in a summary. */
export interface UserFacingError {
  readonly message: string;
  /** The API input field it concerns (`extensions.field`), for example `patient.postcode`. */
  readonly field?: string;
  readonly code: string;
}

/** Thrown by non-GraphQL calls (document upload) with the API's typed error. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const NETWORK_PROBLEM: UserFacingError = {
  code: 'NETWORK_ERROR',
  message: 'We could not reach open-ers. Check your connection and try again.',
};

/**
 * Turns whatever an operation failed with into plain-English problems. Typed API errors keep
 * their catalogue message and field; network and unexpected failures get one general message.
 */
export function toUserFacingErrors(error: unknown): UserFacingError[] {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.flatMap((e): UserFacingError[] => {
      // VALIDATION_FAILED lists every problem with the field it concerns: one entry each.
      const details = e.extensions?.details as { fieldErrors?: unknown } | undefined;
      if (e.extensions?.code === 'VALIDATION_FAILED' && Array.isArray(details?.fieldErrors)) {
        return (
          details.fieldErrors as { field?: unknown; code?: unknown; message?: unknown }[]
        ).map((f) => {
          const code = typeof f.code === 'string' ? f.code : 'VALIDATION_FAILED';
          const message =
            typeof f.message === 'string' && f.message
              ? f.message
              : errorMessage(isErrorCode(code) ? code : 'VALIDATION_FAILED');
          return typeof f.field === 'string'
            ? { code, field: f.field, message }
            : { code, message };
        });
      }
      const code =
        typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR';
      const field = typeof e.extensions?.field === 'string' ? e.extensions.field : undefined;
      const message = isErrorCode(code)
        ? e.message || errorMessage(code)
        : errorMessage('INTERNAL_SERVER_ERROR');
      return [field ? { code, field, message } : { code, message }];
    });
  }
  if (error instanceof ApiError) {
    const message = isErrorCode(error.code)
      ? error.message || errorMessage(error.code)
      : error.message;
    return [
      error.field
        ? { code: error.code, field: error.field, message }
        : { code: error.code, message },
    ];
  }
  return [NETWORK_PROBLEM];
}

/** Whether the error carries this code. */
export function hasErrorCode(error: unknown, code: string): boolean {
  return toUserFacingErrors(error).some((e) => e.code === code);
}

/** Whether the request may be retried with the same idempotency key (it may not have arrived). */
export function isNetworkProblem(error: unknown): boolean {
  return !CombinedGraphQLErrors.is(error) && !(error instanceof ApiError);
}

/** A fresh idempotency key for one change (kept for retries of the same change). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
