import { parse } from 'postcode';
import { DomainError } from '../errors/index.js';

/** A UK postcode split into its parts, normalised to upper case with one space. */
export interface UkPostcode {
  /** The whole postcode, for example `LS1 4AP`. */
  readonly postcode: string;
  /** The outward code (postcode district), for example `LS1`. */
  readonly outcode: string;
  /** The inward code, for example `4AP`. */
  readonly incode: string;
  /** The postcode area, for example `LS`. */
  readonly area: string;
  /** The postcode sector, for example `LS1 4`. */
  readonly sector: string;
}

/**
 * Parses a full UK postcode as a person might type it (any case, any spacing).
 * Returns `null` when the text is not shaped like a postcode; whether the postcode exists is a
 * question for a postcode directory, not for this function.
 */
export function parsePostcode(input: string): UkPostcode | null {
  const parsed = parse(input.trim());
  if (!parsed.valid) return null;
  return {
    postcode: parsed.postcode,
    outcode: parsed.outcode,
    incode: parsed.incode,
    area: parsed.area,
    sector: parsed.sector,
  };
}

/**
 * Parses a full UK postcode or throws {@link DomainError} `INVALID_POSTCODE` naming `field`.
 */
export function requirePostcode(input: string, field = 'postcode'): UkPostcode {
  const parsed = parsePostcode(input);
  if (!parsed) throw new DomainError('INVALID_POSTCODE', { field });
  return parsed;
}

/** The outward code (postcode district) of a full postcode, or `null` if it is not one. */
export function outwardCode(input: string): string | null {
  return parsePostcode(input)?.outcode ?? null;
}

/**
 * A postcode as typed, normalised for keeping and showing: upper case with one space
 * (`ls1 4ap` → `LS1 4AP`). Text that is not a postcode is only trimmed, so a form can still show
 * what was typed beside its error.
 */
export function normalisePostcode(input: string): string {
  return parsePostcode(input)?.postcode ?? input.trim();
}
