import { DomainError } from '@open-ers/domain';
import type { Logger } from 'pino';
import type { EntityManager } from '../../db/orm.js';
import type { LoginRateLimiter } from './login-rate-limiter.js';
import type { PasswordHasher } from './password-hasher.js';
import { normaliseUsername, User } from './user.entity.js';

/** The request a sign-in attempt arrives in. */
export interface SignInAttempt {
  readonly em: EntityManager;
  /** The client's address, for rate limiting and the logs. */
  readonly ip: string;
  readonly log: Logger;
}

/**
 * Proves who someone is and answers with the open-ers user they are, nothing more: starting a
 * session, choosing a role and authorising requests happen after it and do not depend on how
 * the user was proved. The password provider is the one implemented; an OpenID Connect
 * provider (NHS CIS2) would implement this interface over the authorisation-code callback,
 * matching the ID token's SDS user id to `User.professionalId` (see the README).
 */
export interface IdentityProvider<Proof> {
  /** Recorded on the session, for example `password` or `cis2`. */
  readonly name: string;
  /** The proved user (active), or a refusal: `INVALID_CREDENTIALS`, `RATE_LIMITED`. */
  authenticate(proof: Proof, attempt: SignInAttempt): Promise<User>;
}

/** A username and password typed into the sign-in form. */
export interface PasswordProof {
  readonly username: string;
  readonly password: string;
}

/** Longest accepted inputs: anything longer cannot be right and is not worth hashing. */
const MAX_USERNAME = 100;
const MAX_PASSWORD = 1024;

/**
 * Username and password sign-in: Argon2id hashes, failed attempts counted per username and
 * address, and the same hashing work for unknown users as for known ones, so neither the answer
 * nor its timing tells whether a username exists.
 */
export class PasswordIdentityProvider implements IdentityProvider<PasswordProof> {
  readonly name = 'password';

  constructor(
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginRateLimiter,
  ) {}

  async authenticate(proof: PasswordProof, attempt: SignInAttempt): Promise<User> {
    const username = normaliseUsername(proof.username).slice(0, MAX_USERNAME + 1);
    await this.limiter.check(username, attempt.ip);
    const tooLong = username.length > MAX_USERNAME || proof.password.length > MAX_PASSWORD;
    const user = tooLong ? null : await attempt.em.findOne(User, { username });
    const matches = await this.hasher.verify(
      tooLong ? null : user?.passwordHash,
      tooLong ? '' : proof.password,
    );
    if (!user || !matches || !user.active) {
      await this.limiter.recordFailure(username, attempt.ip);
      attempt.log.warn(
        {
          event: 'sign_in_failed',
          username,
          ip: attempt.ip,
          reason: !user ? 'unknown_user' : !matches ? 'wrong_password' : 'inactive_user',
        },
        'sign-in refused',
      );
      throw new DomainError('INVALID_CREDENTIALS');
    }
    await this.limiter.recordSuccess(username, attempt.ip);
    return user;
  }
}
