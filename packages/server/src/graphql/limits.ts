import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { errorMessage } from '@open-ers/domain';
import {
  GraphQLError,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * How big an operation may be. Anything bigger is refused before execution with
 * `QUERY_TOO_COMPLEX`. The largest operation the web app sends is well inside every limit (a
 * test checks it).
 */
export interface QueryLimits {
  /** Deepest nesting of selections (fragments count as their fields). */
  readonly maxDepth: number;
  /** Most aliases in one operation (aliases multiply the work one request can ask for). */
  readonly maxAliases: number;
  /** Most lexical tokens in one document (stops huge documents before they are parsed). */
  readonly maxTokens: number;
  /**
   * Highest static cost: each object field costs 2 and each scalar 1, multiplied by 1.5 for each
   * level of depth (graphql-armor's cost model).
   */
  readonly maxCost: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2000,
  maxCost: 5000,
};

/** Marks a refusal as QUERY_TOO_COMPLEX; the error formatter recognises it. */
function tooComplex(context: ValidationContext | null, error: GraphQLError): void {
  const reason = error.message.replace(/^Syntax Error: /, '');
  context?.reportError(
    new GraphQLError(errorMessage('QUERY_TOO_COMPLEX'), {
      extensions: { code: 'QUERY_TOO_COMPLEX', details: { reason } },
    }),
  );
}

/**
 * Validation rules (graphql-armor's, run by Apollo Server before execution) for depth, aliases
 * and cost. Introspection queries (allowed only outside production) are exempt from depth and
 * cost.
 */
export function queryLimitRules(limits: QueryLimits = DEFAULT_QUERY_LIMITS): ValidationRule[] {
  const reject = { onReject: [tooComplex], propagateOnRejection: false, exposeLimits: true };
  return [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, ...reject }),
    maxAliasesRule({ n: limits.maxAliases, ...reject }),
    costLimitRule({ maxCost: limits.maxCost, ignoreIntrospection: true, ...reject }),
  ] as ValidationRule[];
}

/** Parser options: graphql-js stops parsing a document with more than `maxTokens` tokens. */
export function queryParseOptions(limits: QueryLimits = DEFAULT_QUERY_LIMITS): ParseOptions {
  return { maxTokens: limits.maxTokens };
}

// graphql-js 16 spells it "more that N tokens"; accept the corrected spelling too.
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] (\d+) tokens/;

/**
 * Whether an error is a query-limit refusal: one of the rules above, or the parser's token
 * limit (which graphql-js reports as a syntax error).
 */
export function queryLimitReason(error: unknown): string | null {
  for (let e: unknown = error, i = 0; e instanceof Error && i < 3; i++) {
    if (e instanceof GraphQLError && e.extensions.code === 'QUERY_TOO_COMPLEX') {
      const details = e.extensions.details as { reason?: string } | undefined;
      return details?.reason ?? 'too complex';
    }
    const tokens = TOKEN_LIMIT_MESSAGE.exec(e.message);
    if (tokens) return `Document contains more than ${tokens[1]} tokens.`;
    e = (e as { originalError?: unknown }).originalError;
  }
  return null;
}
