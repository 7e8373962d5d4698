import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/**
 * Argon2id cost settings. The defaults are OWASP's recommended minimum for Argon2id (19 MiB of
 * memory, 2 passes, 1 lane): about 80 ms per hash on the reference machine.
 */
export interface PasswordHashCost {
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

export const DEFAULT_PASSWORD_HASH_COST: PasswordHashCost = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/**
 * Hashes and checks passwords with Argon2id (`@node-rs/argon2`, prebuilt native binaries). Also
 * spends the same effort on sign-ins for unknown users, so response times do not reveal which
 * usernames exist.
 */
export class PasswordHasher {
  /** A hash of a random password, checked against when there is no real hash to check. */
  private readonly dummyHash: Promise<string>;

  constructor(private readonly cost: PasswordHashCost = DEFAULT_PASSWORD_HASH_COST) {
    this.dummyHash = this.hash(randomBytes(24).toString('base64url'));
  }

  /** An Argon2id hash in PHC string form (`$argon2id$v=19$m=…`), with a fresh random salt. */
  hash(password: string): Promise<string> {
    return hash(password, { ...this.cost });
  }

  /**
   * Whether the password matches the hash. A missing or malformed hash is checked against a
   * dummy hash instead (same work, always false), so the caller's timing stays the same.
   */
  async verify(passwordHash: string | null | undefined, password: string): Promise<boolean> {
    if (!passwordHash) {
      await this.verifySafely(await this.dummyHash, password);
      return false;
    }
    return this.verifySafely(passwordHash, password);
  }

  private async verifySafely(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }
}
