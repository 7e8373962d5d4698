import { errorMessage, type ErrorCode } from './error-codes.js';

/**
 * A refusal by a domain rule. Carries a stable {@link ErrorCode}, a plain-English message and,
 * optionally, the input field it concerns so a form can show the message beside that field.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    options: { message?: string; field?: string; details?: Readonly<Record<string, unknown>> } = {},
  ) {
    super(options.message ?? errorMessage(code));
    this.field = options.field;
    this.details = options.details;
  }

  /** The input field the error concerns, when there is one (for example `postcode`). */
  readonly field: string | undefined;
  /** Extra structured facts a client may show (never internal detail). */
  readonly details: Readonly<Record<string, unknown>> | undefined;
}

/** A `{ ok: true, value } | { ok: false, error }` result, for rules that refuse without throwing. */
export type Result<T, E = DomainError> = { ok: true; value: T } | { ok: false; error: E };

/** A successful {@link Result}. */
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
/** A refused {@link Result}. */
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
