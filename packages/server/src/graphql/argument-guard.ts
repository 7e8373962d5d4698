import { DomainError } from '@open-ers/domain';
import {
  defaultFieldResolver,
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { isUuid } from '../db/ids.js';
import { hasControlCharacters } from './input-guard.js';

/**
 * What an `ID` argument or input field holds, from its name: a UBRN (`ubrn`, `parentUbrn`), a
 * code (`specialty`, `clinicType`, `clinicianId`: see {@link CODE_IDS}), or, for every other
 * name, a row id, which is a UUID (every table's primary key is one).
 */
export type IdKind = 'UUID' | 'UBRN' | 'CODE';

/**
 * `ID` positions that hold a code rather than a row id: reference-data codes, and a worklist's
 * clinician filter, which on provider worklists is the named clinician of a slot as the
 * provider's own system knows them (any text up to 64 characters, not an open-ers user id).
 */
const CODE_IDS: ReadonlySet<string> = new Set(['specialty', 'clinicType', 'clinicianId']);

/** The kind of id an `ID` position named `name` holds. */
export function idKind(name: string): IdKind {
  if (/ubrn/i.test(name)) return 'UBRN';
  if (CODE_IDS.has(name)) return 'CODE';
  return 'UUID';
}

/**
 * The longest string any argument takes, in characters: above every rule of the domain (free
 * text is at most 8,000 characters), so the domain's own, more specific refusals (COMMENT_TOO_LONG,
 * TEXT_TOO_LONG) still answer everything up to it, and nothing longer is parsed further.
 */
export const MAX_ARGUMENT_LENGTH = 10_000;

/** Checks one value (never null) found at `path` (`input.serviceIds.1`). */
type Check = (value: unknown, path: string) => void;

function tooLong(path: string, max: number): DomainError {
  return new DomainError('FIELD_TOO_LONG', {
    field: path,
    message: `That answer is too long: it can be up to ${max.toLocaleString('en-GB')} characters.`,
    details: { maxLength: max },
  });
}

/**
 * Input types a form sends whole, which their operation validates whole (VALIDATION_FAILED
 * listing every problem): an empty id in one is a choice not made (an unanswered select), left
 * for that validation to name with the rest, and its loaders never send it to the database.
 */
const FORM_INPUTS: ReadonlySet<string> = new Set(['ServiceDefinitionInput']);

/** The check of a `String` or `ID` position named `name` (in a form's input, or not). */
function stringCheck(scalar: 'String' | 'ID', name: string, inForm: boolean): Check {
  const uuid = scalar === 'ID' && idKind(name) === 'UUID';
  return (value, path) => {
    if (typeof value !== 'string') return;
    if (hasControlCharacters(value)) throw new DomainError('INVALID_CHARACTERS', { field: path });
    // A string that is not a UUID names no row: answered here as not found, it never reaches
    // a PostgreSQL uuid column (where it is an error, not "no rows"). Outside a form's input,
    // an empty one too: the loaders of selectRole, releaseSlot, deferToProvider and others
    // sent it to the database (found by the fuzz harness).
    if (uuid && !(inForm && value === '') && !isUuid(value)) {
      throw new DomainError('REFERENCE_NOT_FOUND', { field: path });
    }
    if (value.length > MAX_ARGUMENT_LENGTH) throw tooLong(path, MAX_ARGUMENT_LENGTH);
  };
}

/**
 * The check of a position of `type`, or null when nothing in it needs checking (numbers,
 * enums, dates: GraphQL's own coercion has already refused wrong ones).
 */
function checkFor(
  type: GraphQLInputType,
  name: string,
  seen: Set<string>,
  inForm = false,
): Check | null {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) {
    const element = checkFor(nullable.ofType as GraphQLInputType, name, seen, inForm);
    if (!element) return null;
    return (value, path) => {
      if (!Array.isArray(value)) return element(value, path);
      value.forEach((item, i) => {
        if (item !== null && item !== undefined) element(item, `${path}.${i}`);
      });
    };
  }
  if (isInputObjectType(nullable)) {
    // Input types here are not recursive; a cycle would simply not be checked twice.
    if (seen.has(nullable.name)) return null;
    const inner = new Set(seen).add(nullable.name);
    const form = inForm || FORM_INPUTS.has(nullable.name);
    const fields = Object.values(nullable.getFields()).flatMap((field) => {
      const check = checkFor(field.type, field.name, inner, form);
      return check ? [[field.name, check] as const] : [];
    });
    if (fields.length === 0) return null;
    return (value, path) => {
      if (typeof value !== 'object') return;
      const record = value as Record<string, unknown>;
      for (const [key, check] of fields) {
        const item = record[key];
        if (item !== null && item !== undefined) check(item, `${path}.${key}`);
      }
    };
  }
  if (isScalarType(nullable) && (nullable.name === 'String' || nullable.name === 'ID')) {
    return stringCheck(nullable.name, name, inForm);
  }
  return null;
}

/** The check of a field's arguments, or null when none needs one. */
function argumentsCheck(
  field: GraphQLField<unknown, unknown>,
): ((args: Record<string, unknown>) => void) | null {
  const checks = field.args.flatMap((arg) => {
    const check = checkFor(arg.type, arg.name, new Set());
    return check ? [[arg.name, check] as const] : [];
  });
  if (checks.length === 0) return null;
  return (args) => {
    for (const [name, check] of checks) {
      const value = args[name];
      if (value !== null && value !== undefined) check(value, name);
    }
  };
}

/**
 * Validates every field's arguments at the edge, from the schema's types, before its resolver
 * (and a subscription's `subscribe`) runs, over HTTP and over graphql-ws alike:
 * - no string holds a control character (INVALID_CHARACTERS; over HTTP the request guard
 *   refuses these even earlier, see `input-guard.ts`);
 * - an `ID` that names a row is a UUID (REFERENCE_NOT_FOUND otherwise), see {@link idKind};
 * - no string is longer than {@link MAX_ARGUMENT_LENGTH} (FIELD_TOO_LONG).
 * A refusal names the argument's path in `field`. Format checks come before the authorization
 * rule, like GraphQL's own type checks; they reveal nothing about any record.
 */
export function guardArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const check = argumentsCheck(field);
      if (!check) continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        check(args);
        return resolve(source, args, context, info);
      };
      const subscribe = field.subscribe;
      if (subscribe) {
        field.subscribe = (source, args, context, info) => {
          check(args);
          return subscribe(source, args, context, info);
        };
      }
    }
  }
  return schema;
}
