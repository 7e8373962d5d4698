import type { Problem } from '../../components/FormErrors';
import { toUserFacingErrors } from '../../lib/api-errors';

/** Problems the API reported, split into those shown on a form's fields and the rest. */
export interface SplitProblems<F extends string> {
  readonly fields: Partial<Record<F, string>>;
  readonly other: Problem[];
}

/**
 * The API's input path (`input.bookingWindows.1.closesDaysAhead`, `postcode`) without the
 * argument name, cut to its first segment: the form field it concerns.
 */
export function topField(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const parts = path.split(/[.[\]]+/).filter(Boolean);
  if (parts[0] === 'input' && parts.length > 1) parts.shift();
  return parts[0];
}

/**
 * Sorts the API's problems onto a form's fields: by the field the API names, or else by its code
 * (`codeFields`), keeping the first message for each field; the rest go in the summary only.
 */
export function splitProblems<F extends string>(
  error: unknown,
  known: readonly F[],
  codeFields: Partial<Record<string, F>> = {},
): SplitProblems<F> {
  const fields: Partial<Record<F, string>> = {};
  const other: Problem[] = [];
  for (const p of toUserFacingErrors(error)) {
    const named = topField(p.field);
    const field =
      named && (known as readonly string[]).includes(named) ? (named as F) : codeFields[p.code];
    if (field && !fields[field]) fields[field] = p.message;
    else if (!field) other.push({ message: p.message });
  }
  return { fields, other };
}

/** The error summary's entries: field problems in the order of the form, then the others. */
export function summaryOf<F extends string>(
  order: readonly F[],
  fields: Partial<Record<F, string>>,
  other: readonly Problem[],
  idOf: (field: F) => string,
): Problem[] {
  return [
    ...order.filter((f) => fields[f]).map((f) => ({ message: fields[f]!, fieldId: idOf(f) })),
    ...other,
  ];
}

/**
 * A whole number typed in a form: null when left empty, NaN when it is not one (the form says
 * so; whether the number is allowed is the API's to say).
 */
export function wholeNumber(value: string): number | null {
  const text = value.trim();
  if (!text) return null;
  return /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
}
