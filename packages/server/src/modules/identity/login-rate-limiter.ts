import { DomainError } from '@open-ers/domain';
import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
  type RateLimiterRes,
} from 'rate-limiter-flexible';

/** How many failed sign-ins are allowed before sign-in is refused for a while. */
export interface LoginRateLimits {
  /** Failed attempts for one username from one address (default 5)… */
  readonly failuresPerUsernameAndIp: number;
  /** …within this window, and refused for the rest of it (default 15 minutes). */
  readonly usernameAndIpWindowSeconds: number;
  /** Failed attempts from one address for any usernames (default 100), against spraying… */
  readonly failuresPerIp: number;
  /** …within this window (default 1 hour). */
  readonly ipWindowSeconds: number;
}

export const DEFAULT_LOGIN_RATE_LIMITS: LoginRateLimits = {
  failuresPerUsernameAndIp: 5,
  usernameAndIpWindowSeconds: 15 * 60,
  failuresPerIp: 100,
  ipWindowSeconds: 60 * 60,
};

/**
 * Counts failed sign-ins (rate-limiter-flexible) and refuses further attempts with
 * `RATE_LIMITED` once a limit is reached: per username and client address, and per client
 * address across usernames. Counters live in this process by default, or in Redis so that every
 * server instance shares them; if Redis is unreachable the counters fall back to this process
 * rather than failing sign-in.
 */
export class LoginRateLimiter {
  private constructor(
    private readonly byUsernameAndIp: RateLimiterAbstract,
    private readonly byIp: RateLimiterAbstract,
    private readonly limits: LoginRateLimits,
  ) {}

  /** Counters in this process. */
  static inMemory(limits: LoginRateLimits = DEFAULT_LOGIN_RATE_LIMITS): LoginRateLimiter {
    return new LoginRateLimiter(
      new RateLimiterMemory(usernameOptions(limits)),
      new RateLimiterMemory(ipOptions(limits)),
      limits,
    );
  }

  /** Counters in Redis, shared by every server instance; `keyPrefix` separates deployments. */
  static redis(
    client: Redis,
    limits: LoginRateLimits = DEFAULT_LOGIN_RATE_LIMITS,
    keyPrefix = 'open-ers',
  ): LoginRateLimiter {
    const store = (options: { keyPrefix: string; points: number; duration: number }) =>
      new RateLimiterRedis({
        ...options,
        keyPrefix: `${keyPrefix}:${options.keyPrefix}`,
        storeClient: client,
        insuranceLimiter: new RateLimiterMemory(options),
      });
    return new LoginRateLimiter(store(usernameOptions(limits)), store(ipOptions(limits)), limits);
  }

  /** Throws `RATE_LIMITED` when this username and address may not try again yet. */
  async check(username: string, ip: string): Promise<void> {
    const [pair, address] = await Promise.all([
      this.byUsernameAndIp.get(pairKey(username, ip)),
      this.byIp.get(ip),
    ]);
    const waits = [
      blockedFor(pair, this.limits.failuresPerUsernameAndIp),
      blockedFor(address, this.limits.failuresPerIp),
    ].filter((ms) => ms > 0);
    if (waits.length > 0) {
      const retryAfterSeconds = Math.ceil(Math.max(...waits) / 1000);
      const minutes = Math.ceil(retryAfterSeconds / 60);
      throw new DomainError('RATE_LIMITED', {
        message: `Too many failed sign-in attempts. Wait ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} and try again.`,
        details: { retryAfterSeconds },
      });
    }
  }

  /** Counts a failed attempt. */
  async recordFailure(username: string, ip: string): Promise<void> {
    await Promise.all([
      this.byUsernameAndIp.penalty(pairKey(username, ip), 1),
      this.byIp.penalty(ip, 1),
    ]);
  }

  /** Clears the username's count from this address after a successful sign-in. */
  async recordSuccess(username: string, ip: string): Promise<void> {
    await this.byUsernameAndIp.delete(pairKey(username, ip));
  }
}

function usernameOptions(limits: LoginRateLimits) {
  return {
    keyPrefix: 'login-fail-user-ip',
    points: limits.failuresPerUsernameAndIp,
    duration: limits.usernameAndIpWindowSeconds,
  };
}

function ipOptions(limits: LoginRateLimits) {
  return {
    keyPrefix: 'login-fail-ip',
    points: limits.failuresPerIp,
    duration: limits.ipWindowSeconds,
  };
}

function pairKey(username: string, ip: string): string {
  return `${username.trim().toLowerCase().slice(0, 100)}|${ip}`;
}

/** Milliseconds until a counter with `limit` allowed failures lets attempts through again. */
function blockedFor(res: RateLimiterRes | null, limit: number): number {
  if (!res || res.consumedPoints < limit) return 0;
  return Math.max(res.msBeforeNext, 1);
}
