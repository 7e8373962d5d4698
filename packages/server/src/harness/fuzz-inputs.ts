import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import type { SeededRandom } from '../seed/random.js';

/**
 * Schema-driven inputs for the fuzz harness: for any operation of the schema, a request whose
 * arguments are plausible (real ids of every organisation, well-formed dates) except one or two
 * positions made hostile (wrong types, nulls, huge or control-character strings, ids that are
 * not UUIDs, invalid enums, dates, NHS numbers and UBRNs, negative and huge numbers).
 */

/** The kinds of real value the fuzzer draws from the database. */
export const POOL_KINDS = [
  'ubrn',
  'service',
  'slot',
  'patient',
  'nhsNumber',
  'document',
  'roleAssignment',
  'user',
  'schedule',
  'site',
  'specialty',
  'clinicType',
] as const;
export type PoolKind = (typeof POOL_KINDS)[number];

/** Real values of every organisation, by kind (someone else's ids are as hostile as "abc"). */
export type FuzzPools = Readonly<Record<PoolKind, readonly string[]>>;

/** No real values: plausible arguments are made up (fresh UUIDs, well-formed strings). */
export const NO_POOLS: FuzzPools = Object.fromEntries(
  POOL_KINDS.map((kind) => [kind, []]),
) as unknown as FuzzPools;

/** The emitted schema (`schema.graphql`), as clients see it. */
export function emittedSchema(): GraphQLSchema {
  return buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
}

/** A root kind of operation. */
export type RootKind = 'Query' | 'Mutation' | 'Subscription';

/** Every operation of a schema, as `[root kind, field]`. */
export function schemaOperations(
  schema: GraphQLSchema,
): [RootKind, GraphQLField<unknown, unknown>][] {
  const roots = [
    ['Query', schema.getQueryType()],
    ['Mutation', schema.getMutationType()],
    ['Subscription', schema.getSubscriptionType()],
  ] as const;
  return roots.flatMap(([kind, type]) =>
    type ? Object.values(type.getFields()).map((f) => [kind, f] as [RootKind, typeof f]) : [],
  );
}

/** One generated request. */
export interface FuzzRequest {
  /** `Query.<field>`, `Mutation.<field>` or `Subscription.<field>`. */
  readonly operation: string;
  readonly document: string;
  readonly variables: Record<string, unknown>;
  /** What was made hostile, for a person reading a failure (`input.ubrn: control`). */
  readonly hostile: string;
}

/** The pool of real values a position takes, from its name (and the field's, for a bare `id`). */
export function poolFor(fieldName: string, name: string): PoolKind | null {
  if (/ubrn/i.test(name)) return 'ubrn';
  if (/^nhsNumber$/i.test(name)) return 'nhsNumber';
  if (/^serviceIds?$/.test(name)) return 'service';
  if (/^slotIds?$/.test(name)) return 'slot';
  if (name === 'patientId') return 'patient';
  if (name === 'documentIds') return 'document';
  if (name === 'roleAssignmentId') return 'roleAssignment';
  if (name === 'onBehalfOfUserId' || name === 'clinicianId') return 'user';
  if (name === 'scheduleId') return 'schedule';
  if (name === 'siteId') return 'site';
  if (name === 'specialty') return 'specialty';
  if (name === 'clinicType') return 'clinicType';
  if (name === 'id') {
    if (/site/i.test(fieldName)) return 'site';
    if (/schedule/i.test(fieldName)) return 'schedule';
    return 'service';
  }
  return null;
}

/** 100 KB: longer than any column of the database. */
const HUGE = 100 * 1024;

/** Strings every string position is tried with. */
const HOSTILE_STRINGS: readonly [string, () => string][] = [
  ['huge', () => 'x'.repeat(HUGE)],
  // Longer than a short column, shorter than the edge's limit for any string: these reach the
  // services, so each column's own limit must be checked before it is written.
  ['long-256', () => '1'.repeat(256)],
  ['long-2001', () => 'y'.repeat(2001)],
  ['long-10000', () => 'z'.repeat(10_000)],
  ['huge-multibyte', () => 'é'.repeat(HUGE / 2)],
  ['nul', () => 'a\u0000b'],
  ['bell', () => 'bell\u0007'],
  ['escape', () => '\u001b[31m'],
  ['injection', () => "' or 1=1 --"],
  ['injection-drop', () => "'; drop table referral; --"],
  ['empty', () => ''],
  ['blank', () => '   '],
  ['astral', () => '🩺'.repeat(50)],
  ['lone-surrogate', () => 'a\ud800b'],
  ['percent', () => '%_%\\'],
  ['numeric', () => '-1'],
];

/** Ids that are not UUIDs, and well-formed UUIDs that name nothing. */
const HOSTILE_IDS: readonly [string, () => string][] = [
  ['not-uuid', () => 'abc'],
  ['one', () => '1'],
  ['quote', () => "' or 1=1"],
  ['nil-uuid', () => '00000000-0000-0000-0000-000000000000'],
  ['uppercase-uuid', () => 'ABCDEF00-0000-4000-8000-000000000000'],
  ['uuid-braces', () => '{00000000-0000-4000-8000-000000000000}'],
  ['uuid-too-long', () => '00000000-0000-4000-8000-0000000000001'],
];

/** Values by scalar, beyond the strings every string-like scalar gets. */
const HOSTILE_BY_SCALAR: Readonly<Record<string, readonly [string, () => unknown][]>> = {
  Int: [
    ['negative', () => -1],
    ['zero', () => 0],
    ['min-int', () => -2147483648],
    ['max-int', () => 2147483647],
    ['over-int', () => 2147483648],
    ['million', () => 1_000_000],
    ['fraction', () => 1.5],
    ['huge-number', () => 1e21],
    ['string', () => '1'],
  ],
  Float: [
    ['negative', () => -1],
    ['zero', () => 0],
    ['huge-number', () => 1e308],
    ['tiny', () => -1e308],
    ['string', () => 'NaN'],
  ],
  Boolean: [
    ['string', () => 'true'],
    ['number', () => 1],
  ],
  LocalDate: [
    ['february-30', () => '2026-02-30'],
    ['month-13', () => '2026-13-01'],
    ['words', () => 'next tuesday'],
    ['year-0', () => '0000-01-01'],
    ['year-9999', () => '9999-12-31'],
    ['year-10000', () => '10000-01-01'],
    ['date-time', () => '2026-11-21T10:00:00Z'],
    ['number', () => 20261121],
  ],
  DateTimeISO: [
    ['words', () => 'not a date'],
    ['february-30', () => '2026-02-30T10:00:00Z'],
    ['year-1', () => '0001-01-01T00:00:00Z'],
    ['year-9999', () => '9999-12-31T23:59:59.999Z'],
    ['number', () => 1e15],
    ['date-only', () => '2026-11-21'],
  ],
};

/** NHS numbers and UBRNs of the wrong shape. */
const HOSTILE_NHS_NUMBERS: readonly [string, () => string][] = [
  ['bad-check-digit', () => '9434765910'],
  ['letters', () => 'ABCDEFGHIJ'],
  ['spaced', () => '943 476 5919'],
  ['eleven-digits', () => '94347659190'],
];
const HOSTILE_UBRNS: readonly [string, () => string][] = [
  ['short-ubrn', () => '123'],
  ['letters', () => 'ABCDEFGHIJKL'],
  ['zeros', () => '000000000000'],
  ['thirteen-digits', () => '1234567890123'],
  ['spaced', () => '0000 4961 4844'],
];

/** A hostile value for a position, with a label saying what it is. */
function hostileValue(
  type: GraphQLInputType,
  fieldName: string,
  name: string,
  random: SeededRandom,
  pools: FuzzPools,
): [string, unknown] {
  const nullable = getNullableType(type) as GraphQLInputType;
  const named = getNamedType(type);
  const choices: [string, () => unknown][] = [['null', () => null]];
  if (isListType(nullable)) {
    const element = nullable.ofType as GraphQLInputType;
    choices.push(
      ['empty-list', () => []],
      ['null-element', () => [null]],
      [
        'huge-list',
        () =>
          Array.from({ length: 1000 }, () => plausible(element, fieldName, name, random, pools)),
      ],
      ['hostile-element', () => [hostileValue(element, fieldName, name, random, pools)[1]]],
      ['not-a-list', () => ({ a: 1 })],
    );
  } else if (isInputObjectType(named)) {
    choices.push(
      ['string', () => 'x'],
      ['list', () => []],
      ['empty-object', () => ({})],
      ['unknown-field', () => ({ notAField: 1 })],
    );
  } else if (isEnumType(named)) {
    const first = named.getValues()[0]!.value as string;
    choices.push(
      ['invalid-enum', () => 'NOT_A_VALUE'],
      ['lowercase-enum', () => first.toLowerCase()],
      ['number', () => 1],
      ['control-enum', () => `${first}\u0000`],
    );
  } else {
    const scalar = named.name;
    if (scalar === 'String' || scalar === 'ID') {
      choices.push(...HOSTILE_STRINGS, ['number', () => 12345], ['object', () => ({ a: 1 })]);
      if (scalar === 'ID') choices.push(...HOSTILE_IDS, ['unknown-uuid', () => random.uuid()]);
      const pool = poolFor(fieldName, name);
      if (pool === 'ubrn') choices.push(...HOSTILE_UBRNS);
      if (pool === 'nhsNumber') choices.push(...HOSTILE_NHS_NUMBERS);
      // Real values of the wrong kind or of another organisation: a slot id as a service id,
      // another practice's UBRN.
      if (pools.ubrn.length) choices.push(['real-ubrn', () => random.pick(pools.ubrn)]);
      if (pools.service.length) choices.push(['real-service', () => random.pick(pools.service)]);
      if (pools.slot.length) choices.push(['real-slot', () => random.pick(pools.slot)]);
      if (pools.user.length) choices.push(['real-user', () => random.pick(pools.user)]);
    }
    choices.push(...(HOSTILE_BY_SCALAR[scalar] ?? []));
    if (scalar === 'LocalDate' || scalar === 'DateTimeISO') choices.push(...HOSTILE_STRINGS);
  }
  const [label, make] = random.pick(choices);
  return [label, make()];
}

/** A plausible value for a position: real ids from the pools, well-formed everything else. */
export function plausible(
  type: GraphQLInputType,
  fieldName: string,
  name: string,
  random: SeededRandom,
  pools: FuzzPools,
): unknown {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) {
    const element = nullable.ofType as GraphQLInputType;
    return Array.from({ length: random.int(1, 2) }, () =>
      plausible(element, fieldName, name, random, pools),
    );
  }
  if (isEnumType(nullable)) return random.pick(nullable.getValues()).value;
  if (isInputObjectType(nullable)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(nullable.getFields())) {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      if (required || random.chance(0.4)) {
        value[field.name] = plausible(field.type, fieldName, field.name, random, pools);
      }
    }
    return value;
  }
  const pool = poolFor(fieldName, name);
  const real = pool ? pools[pool] : [];
  if (real.length) return random.pick(real);
  switch ((nullable as GraphQLNamedType).name) {
    case 'ID':
      return random.uuid();
    case 'Int':
      return name === 'expectedVersion' ? random.int(1, 3) : random.int(1, 20);
    case 'Float':
      return random.int(1, 50);
    case 'Boolean':
      return random.chance(0.5);
    case 'LocalDate':
      return `2026-12-${String(random.int(1, 28)).padStart(2, '0')}`;
    case 'DateTimeISO':
      return `2026-12-${String(random.int(1, 28)).padStart(2, '0')}T09:00:00.000Z`;
    default:
      return plausibleString(name, random);
  }
}

/** A plausible string for a position, by its name. */
function plausibleString(name: string, random: SeededRandom): string {
  if (name === 'idempotencyKey') return random.uuid();
  if (/ubrn/i.test(name)) return '000000000001';
  if (/nhsNumber/i.test(name)) return '9434765919';
  if (/startTime/i.test(name)) return '09:00';
  if (/postcode/i.test(name)) return 'LS1 4AP';
  if (/odsCode/i.test(name)) return 'RX9';
  if (name === 'username') return random.pick(['rc.leeds', 'nobody', 'spc.leeds']);
  if (name === 'password') return 'not-the-password';
  if (name === 'after') return random.pick(['', 'MTA=', 'eyJ4IjoxfQ==']);
  if (name === 'reason' || name === 'outcome') return random.pick(['OTHER', 'NOT_A_REASON']);
  return random.pick(['Fuzz text', 'Chest pain on exertion.']);
}

/** One position of an operation's arguments: the steps to reach it, each with its type. */
export interface Position {
  readonly steps: readonly { readonly key: string | number; readonly type: GraphQLInputType }[];
  /** The argument's or input field's name (a list element takes its list's). */
  readonly name: string;
  readonly type: GraphQLInputType;
  /** Where it is, as the API names it in an error's `field`: `input.serviceIds.0`. */
  readonly path: string;
}

/** Every position of the arguments, inside input objects and list elements (cycles cut). */
export function argumentPositions(args: readonly GraphQLArgument[]): Position[] {
  const out: Position[] = [];
  const walk = (
    steps: Position['steps'],
    name: string,
    type: GraphQLInputType,
    seen: ReadonlySet<string>,
  ) => {
    out.push({ steps, name, type, path: steps.map((s) => s.key).join('.') });
    const nullable = getNullableType(type) as GraphQLInputType;
    if (isListType(nullable)) {
      const element = nullable.ofType as GraphQLInputType;
      walk([...steps, { key: 0, type: element }], name, element, seen);
      return;
    }
    if (isInputObjectType(nullable) && !seen.has(nullable.name)) {
      const next = new Set(seen).add(nullable.name);
      for (const field of Object.values(nullable.getFields())) {
        walk([...steps, { key: field.name, type: field.type }], field.name, field.type, next);
      }
    }
  };
  for (const arg of args) walk([{ key: arg.name, type: arg.type }], arg.name, arg.type, new Set());
  return out.filter((p) => isLeafType(getNamedType(p.type)) || p.steps.length < 6);
}

/** Puts `value` at a position, making plausible containers on the way. */
function setAt(
  root: Record<string, unknown>,
  position: Position,
  value: unknown,
  fieldName: string,
  random: SeededRandom,
  pools: FuzzPools,
): void {
  let container: Record<string | number, unknown> = root;
  let name = '';
  position.steps.forEach((step, i) => {
    // A list element takes the name of its list (`serviceIds.0` is a service id).
    if (typeof step.key === 'string') name = step.key;
    if (i === position.steps.length - 1) {
      container[step.key] = value;
      return;
    }
    let next = container[step.key];
    if (next === null || typeof next !== 'object') {
      // A plausible list has at least one element, so the next step finds its container.
      next = plausible(step.type, fieldName, name, random, pools);
      container[step.key] = next;
    }
    container = next as Record<string | number, unknown>;
  });
}

/** A selection of the result: `__typename` and scalar fields, one level of objects deep. */
export function selectionFor(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return isLeafType(named) ? '' : ' { __typename }';
  const fields: string[] = ['__typename'];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const inner = getNamedType(field.type);
    if (isLeafType(inner)) fields.push(field.name);
    else if (depth < 1 && isObjectType(inner))
      fields.push(`${field.name}${selectionFor(inner, depth + 1)}`);
  }
  return ` { ${fields.join(' ')} }`;
}

/** A value written in the document instead of a variable (for the literal path). */
function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return 'null';
  const nullable = getNullableType(type) as GraphQLInputType;
  if (Array.isArray(value)) {
    const element = isListType(nullable) ? (nullable.ofType as GraphQLInputType) : nullable;
    return `[${value.map((v) => literal(v, element)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = isInputObjectType(nullable) ? nullable.getFields() : {};
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${literal(v, fields[k]?.type ?? nullable)}`)
      .join(', ')} }`;
  }
  if (typeof value === 'string') {
    return isEnumType(nullable) && /^[_A-Za-z]\w*$/.test(value) ? value : JSON.stringify(value);
  }
  return String(value);
}

/**
 * A request for `field` of the `kind` root: every required argument and some optional ones
 * plausible, then one position (sometimes two) made hostile; now and then nothing is hostile
 * (a real call with other organisations' ids), and now and then the arguments are written in
 * the document instead of sent as variables.
 */
export function fuzzRequest(
  kind: RootKind,
  field: GraphQLField<unknown, unknown>,
  random: SeededRandom,
  pools: FuzzPools,
): FuzzRequest {
  const args: Record<string, unknown> = {};
  for (const arg of field.args) {
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (required || random.chance(0.5)) {
      args[arg.name] = plausible(arg.type, field.name, arg.name, random, pools);
    }
  }
  const all = argumentPositions(field.args);
  const labels: string[] = [];
  if (all.length > 0 && !random.chance(0.08)) {
    const count = random.chance(0.15) ? 2 : 1;
    for (const position of random.sample(all, count)) {
      const [label, value] = hostileValue(position.type, field.name, position.name, random, pools);
      setAt(args, position, value, field.name, random, pools);
      labels.push(`${position.path}: ${label}`);
    }
  }
  const inline = field.args.some((a) => a.name in args) && random.chance(0.15);
  const hostile = `${labels.join('; ') || 'nothing (real values)'}${inline ? ' (inline)' : ''}`;
  return {
    operation: `${kind}.${field.name}`,
    hostile,
    ...callDocument(kind, field, args, inline),
  };
}

/**
 * A request for `field` with plausible arguments but for `value` at `position` (a test of one
 * refusal at one place).
 */
export function requestWithValueAt(
  kind: RootKind,
  field: GraphQLField<unknown, unknown>,
  position: Position,
  value: unknown,
  random: SeededRandom,
  pools: FuzzPools,
): FuzzRequest {
  const args: Record<string, unknown> = {};
  for (const arg of field.args) {
    if (isNonNullType(arg.type) && arg.defaultValue === undefined) {
      args[arg.name] = plausible(arg.type, field.name, arg.name, random, pools);
    }
  }
  setAt(args, position, value, field.name, random, pools);
  return {
    operation: `${kind}.${field.name}`,
    hostile: position.path,
    ...callDocument(kind, field, args, false),
  };
}

/** The document calling `field` with `args`, as variables or written in the document. */
function callDocument(
  kind: RootKind,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  inline: boolean,
): { document: string; variables: Record<string, unknown> } {
  const used = field.args.filter((a) => a.name in args);
  const root = kind.toLowerCase();
  const selection = selectionFor(field.type);
  let document: string;
  let variables: Record<string, unknown> = {};
  if (inline) {
    const written = used.map((a) => `${a.name}: ${literal(args[a.name], a.type)}`).join(', ');
    document = `${root} { ${field.name}(${written})${selection} }`;
  } else {
    const definitions = used.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const passed = used.map((a) => `${a.name}: $${a.name}`).join(', ');
    document = `${root}${definitions ? ` (${definitions})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
    variables = args;
  }
  return { document, variables };
}
