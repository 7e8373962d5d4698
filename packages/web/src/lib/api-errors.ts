import { CombinedGraphQLErrors } from '@apollo/client';
import { errorMessage, isErrorCode } from '@open-ers/domain';

/** A problem to show the user: on a form field when it concerns one, else in a summary. */
export interface UserFacingError {
  readonly message: string;
  /** The API input field it concerns (`extensions.field`), for example `patient.postcode`. */
  readonly field?: string;
  readonly code: string;
}

/**
 * Turns whatever an operation failed with into plain-English problems. Typed API errors keep
 * their catalogue message and field; network and unexpected failures get one general message.
 */
export function toUserFacingErrors(error: unknown): UserFacingError[] {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.map((e) => {
      const code =
        typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR';
      const field = typeof e.extensions?.field === 'string' ? e.extensions.field : undefined;
      const message = isErrorCode(code)
        ? e.message || errorMessage(code)
        : errorMessage('INTERNAL_SERVER_ERROR');
      return field ? { code, field, message } : { code, message };
    });
  }
  return [
    {
      code: 'NETWORK_ERROR',
      message: 'We could not reach open-ers. Check your connection and try again.',
    },
  ];
}
