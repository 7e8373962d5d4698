import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_HASH_COST, PasswordHasher } from './password-hasher.js';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with Argon2id at the OWASP minimum cost, with a fresh salt each time', async () => {
    const first = await hasher.hash('open sesame');
    const second = await hasher.hash('open sesame');
    const { memoryCost, timeCost, parallelism } = DEFAULT_PASSWORD_HASH_COST;
    expect(first.startsWith(`$argon2id$v=19$m=${memoryCost},t=${timeCost},p=${parallelism}$`)).toBe(
      true,
    );
    expect(first).not.toBe(second);
    expect(first).not.toContain('open sesame');
  });

  it('accepts the right password and refuses a wrong one', async () => {
    const hash = await hasher.hash('open sesame');
    expect(await hasher.verify(hash, 'open sesame')).toBe(true);
    expect(await hasher.verify(hash, 'open sesame ')).toBe(false);
    expect(await hasher.verify(hash, '')).toBe(false);
  });

  it('refuses, without throwing, a missing or malformed hash', async () => {
    expect(await hasher.verify(null, 'anything')).toBe(false);
    expect(await hasher.verify('not-a-hash', 'anything')).toBe(false);
  });

  it('spends about as long on a missing hash as on a real one, so unknown usernames cannot be told apart by timing', async () => {
    const hash = await hasher.hash('open sesame');
    await hasher.verify(null, 'warm up');
    const time = async (fn: () => Promise<unknown>) => {
      const start = performance.now();
      for (let i = 0; i < 5; i++) await fn();
      return performance.now() - start;
    };
    const known = await time(() => hasher.verify(hash, 'wrong'));
    const unknown = await time(() => hasher.verify(null, 'wrong'));
    // Both do one full Argon2id verification; a shortcut would be orders of magnitude faster.
    expect(unknown).toBeGreaterThan(known * 0.4);
  });
});
