import { DomainError, delegatedClinicianRole, roleInfo, type Actor } from '@open-ers/domain';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SessionSettings } from '../../config.js';
import type { EntityManager } from '../../db/orm.js';
import { ClinicianLink, RoleAssignment } from './role-assignment.entity.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

/**
 * Who a request comes from: nobody, a client whose session has ended (expired, revoked or
 * unknown token), or a signed-in user with their session.
 */
export type Authentication =
  | { readonly status: 'ANONYMOUS' }
  | { readonly status: 'EXPIRED' }
  | { readonly status: 'SIGNED_IN'; readonly session: Session; readonly user: User };

/** A request's authentication, and the actor (role at an organisation) it acts as, if chosen. */
export interface ResolvedSession {
  readonly authentication: Authentication;
  readonly actor: Actor | null;
}

const ANONYMOUS: ResolvedSession = { authentication: { status: 'ANONYMOUS' }, actor: null };
const EXPIRED: ResolvedSession = { authentication: { status: 'EXPIRED' }, actor: null };

/** `lastSeenAt` is moved forward at most this often, so most requests only read. */
const TOUCH_INTERVAL_MS = 60_000;

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** A new opaque session token: 32 random bytes, base64url. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The hex SHA-256 of a token: what the database stores and looks tokens up by. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The actor a session acts as, or null before a role is chosen. */
export function actorOf(session: Session): Actor | null {
  const acting = session.actingRole?.getEntity();
  if (!acting) return null;
  return {
    userId: session.user.id,
    role: acting.role,
    organisationId: acting.organisation.id,
    onBehalfOfUserId: session.onBehalfOf?.id ?? null,
  };
}

/** Sessions: creating them, finding the one a token belongs to, choosing a role, ending them. */
export class SessionService {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: SessionSettings,
  ) {}

  /** Starts a session for a user proved by `provider`; returns the token to give the client. */
  async start(
    user: User,
    provider: string,
    now: Date,
  ): Promise<{ token: string; session: Session }> {
    const token = newSessionToken();
    const session = this.em.create(Session, {
      id: randomUUID(),
      tokenHash: hashSessionToken(token),
      user,
      provider,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.settings.absoluteTimeoutMs),
      actingRole: null,
      onBehalfOf: null,
      revokedAt: null,
    });
    await this.em.flush();
    return { token, session };
  }

  /**
   * Finds the session a token belongs to, with its user and acting role, in one query. A token
   * that is unknown, revoked, past its absolute or idle limit, or whose user is inactive gives
   * `EXPIRED`; no token gives `ANONYMOUS`. Moves the idle clock forward at most once a minute.
   */
  async resolve(token: string | null, now: Date): Promise<ResolvedSession> {
    if (token == null || token === '') return ANONYMOUS;
    if (!TOKEN_FORMAT.test(token)) return EXPIRED;
    const session = await this.em.findOne(
      Session,
      { tokenHash: hashSessionToken(token) },
      { populate: ['user', 'actingRole'], strategy: 'joined' },
    );
    if (!session || !this.isLive(session, now)) return EXPIRED;
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      await this.em.nativeUpdate(Session, { id: session.id }, { lastSeenAt: now });
      session.lastSeenAt = now;
    }
    return {
      authentication: { status: 'SIGNED_IN', session, user: session.user.getEntity() },
      actor: actorOf(session),
    };
  }

  /** When the session ends if nothing else happens: the sooner of its idle and absolute ends. */
  endsAt(session: Session): Date {
    return new Date(
      Math.min(
        session.expiresAt.getTime(),
        session.lastSeenAt.getTime() + this.settings.idleTimeoutMs,
      ),
    );
  }

  private isLive(session: Session, now: Date): boolean {
    return (
      session.revokedAt == null &&
      session.user.getEntity().active &&
      now.getTime() < this.endsAt(session).getTime()
    );
  }

  /**
   * Makes one of the user's role assignments the one the session acts as. A service provider
   * clinician admin must name a linked clinician to act for (`ON_BEHALF_OF_REQUIRED`); a
   * referring clinician admin may; nobody else can. Returns the chosen assignment.
   */
  async selectRole(
    session: Session,
    roleAssignmentId: string,
    onBehalfOfUserId: string | null,
  ): Promise<RoleAssignment> {
    const assignment = await this.em.findOne(
      RoleAssignment,
      { id: roleAssignmentId, user: session.user.id },
      { populate: ['organisation'] },
    );
    if (!assignment) {
      throw new DomainError('FORBIDDEN', {
        field: 'roleAssignmentId',
        message: 'You do not hold that role. Choose one of your own roles.',
      });
    }
    const info = roleInfo(assignment.role);
    if (info.actsOnBehalfOf === 'ALWAYS' && onBehalfOfUserId == null) {
      throw new DomainError('ON_BEHALF_OF_REQUIRED', { field: 'onBehalfOfUserId' });
    }
    if (onBehalfOfUserId != null) {
      const linked =
        delegatedClinicianRole(assignment.role) !== null &&
        (await this.em.count(ClinicianLink, {
          admin: assignment.id,
          clinician: { user: onBehalfOfUserId },
        })) > 0;
      if (!linked) throw new DomainError('NOT_LINKED_CLINICIAN', { field: 'onBehalfOfUserId' });
    }
    session.actingRole = this.em.getReference(RoleAssignment, assignment.id, { wrapped: true });
    session.onBehalfOf = onBehalfOfUserId
      ? this.em.getReference(User, onBehalfOfUserId, { wrapped: true })
      : null;
    await this.em.flush();
    return assignment;
  }

  /** Ends a session; its token stops working at once. */
  async revoke(session: Session, now: Date): Promise<void> {
    await this.em.nativeUpdate(Session, { id: session.id }, { revokedAt: now });
    session.revokedAt = now;
  }
}
