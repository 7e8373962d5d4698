import { DomainError } from '@open-ers/domain';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginRateLimiter, type LoginRateLimits } from './login-rate-limiter.js';

const LIMITS: LoginRateLimits = {
  failuresPerUsernameAndIp: 5,
  usernameAndIpWindowSeconds: 15 * 60,
  failuresPerIp: 8,
  ipWindowSeconds: 60 * 60,
};

async function refusal(check: Promise<void>): Promise<DomainError | null> {
  try {
    await check;
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

/** The same behaviour from the in-process counters and the Redis ones. */
function behavesAsALoginRateLimiter(make: () => LoginRateLimiter) {
  it('allows 5 failed attempts for a username from an address, then refuses with RATE_LIMITED', async () => {
    const limiter = make();
    for (let i = 0; i < 5; i++) {
      expect(await refusal(limiter.check('asha', '10.0.0.1'))).toBeNull();
      await limiter.recordFailure('asha', '10.0.0.1');
    }
    const refused = await refusal(limiter.check('asha', '10.0.0.1'));
    expect(refused?.code).toBe('RATE_LIMITED');
    const retryAfter = refused?.details?.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(refused?.message).toBe(
      'Too many failed sign-in attempts. Wait 15 minutes and try again.',
    );
  });

  it('counts usernames without regard to case, and keeps other usernames and addresses apart', async () => {
    const limiter = make();
    for (let i = 0; i < 5; i++) await limiter.recordFailure(i % 2 ? 'ASHA' : 'asha', '10.0.0.1');
    expect((await refusal(limiter.check('Asha', '10.0.0.1')))?.code).toBe('RATE_LIMITED');
    expect(await refusal(limiter.check('tom', '10.0.0.1'))).toBeNull();
    expect(await refusal(limiter.check('asha', '10.0.0.2'))).toBeNull();
  });

  it('clears the count after a successful sign-in', async () => {
    const limiter = make();
    for (let i = 0; i < 4; i++) await limiter.recordFailure('asha', '10.0.0.1');
    await limiter.recordSuccess('asha', '10.0.0.1');
    // 7 failures in all: over the username's limit had it not been cleared, under the address's.
    for (let i = 0; i < 3; i++) await limiter.recordFailure('asha', '10.0.0.1');
    expect(await refusal(limiter.check('asha', '10.0.0.1'))).toBeNull();
  });

  it('refuses an address that sprays failures over many usernames', async () => {
    const limiter = make();
    for (let i = 0; i < 8; i++) await limiter.recordFailure(`user${i}`, '10.0.0.9');
    expect((await refusal(limiter.check('someone-new', '10.0.0.9')))?.code).toBe('RATE_LIMITED');
    expect(await refusal(limiter.check('someone-new', '10.0.0.10'))).toBeNull();
  });
}

describe('LoginRateLimiter in memory', () => {
  behavesAsALoginRateLimiter(() => LoginRateLimiter.inMemory(LIMITS));
});

describe('LoginRateLimiter on Redis', () => {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let client: Redis;
  const prefixes: string[] = [];

  beforeAll(() => {
    client = new Redis(url, { maxRetriesPerRequest: 1 });
  });

  afterAll(async () => {
    for (const prefix of prefixes) {
      const keys = await client.keys(`${prefix}:*`);
      if (keys.length) await client.del(...keys);
    }
    await client.quit();
  });

  const make = () => {
    const prefix = `open-ers-test-${randomUUID()}`;
    prefixes.push(prefix);
    return LoginRateLimiter.redis(client, LIMITS, prefix);
  };

  behavesAsALoginRateLimiter(make);

  it('shares counts between server instances using the same Redis', async () => {
    const prefix = `open-ers-test-${randomUUID()}`;
    prefixes.push(prefix);
    const other = new Redis(url, { maxRetriesPerRequest: 1 });
    try {
      const first = LoginRateLimiter.redis(client, LIMITS, prefix);
      const second = LoginRateLimiter.redis(other, LIMITS, prefix);
      for (let i = 0; i < 5; i++) await (i % 2 ? first : second).recordFailure('asha', '10.0.0.1');
      expect((await refusal(first.check('asha', '10.0.0.1')))?.code).toBe('RATE_LIMITED');
      expect((await refusal(second.check('asha', '10.0.0.1')))?.code).toBe('RATE_LIMITED');
    } finally {
      await other.quit();
    }
  });
});
