import { delegatedClinicianRole, DomainError, roleInfo, type Actor } from '@open-ers/domain';
import type { Logger } from 'pino';
import type { EntityManager } from '../../db/orm.js';
import type { AuditService } from '../audit/audit.service.js';
import type { IdentityProvider, PasswordProof } from './identity-provider.js';
import { ClinicianLink, RoleAssignment } from './role-assignment.entity.js';
import { actorOf, type Authentication, type SessionService } from './session.service.js';
import { User } from './user.entity.js';

/** The signed-in user as the API shows them. */
export interface MeView {
  readonly user: User;
  readonly roleAssignments: RoleAssignment[];
  readonly acting: {
    readonly roleAssignment: RoleAssignment;
    readonly onBehalfOf: User | null;
  } | null;
  readonly sessionExpiresAt: Date;
}

/** A successful sign-in: the view of the user and the token to hand to the client. */
export interface SignInOutcome extends MeView {
  readonly token: string;
}

/** What an identity service needs from its request. */
export interface IdentityRequest {
  readonly em: EntityManager;
  readonly now: Date;
  readonly requestId: string;
  readonly ip: string;
  readonly log: Logger;
  readonly audit: AuditService;
  readonly authentication: Authentication;
  readonly actor: Actor | null;
}

/**
 * Signing in and out, choosing the role to act as, and the signed-in user's own details, for
 * one request. Sessions are made by {@link SessionService} whichever identity provider proved
 * the user.
 */
export class IdentityService {
  constructor(
    private readonly request: IdentityRequest,
    private readonly sessions: SessionService,
    private readonly passwords: IdentityProvider<PasswordProof>,
  ) {}

  /**
   * Checks a username and password and starts a session. Ends the session the request came
   * with, if any. When the user holds exactly one role that needs no clinician to act for, the
   * session acts as it straight away.
   */
  async signIn(proof: PasswordProof): Promise<SignInOutcome> {
    const { em, now, log, ip } = this.request;
    const user = await this.passwords.authenticate(proof, { em, ip, log }).catch(async (error) => {
      // A refused sign-in (wrong password, unknown user, too many attempts) is a security
      // event: one REFUSED line with its code (never the password, nor the username tried).
      if (error instanceof DomainError) {
        await this.request.audit.record({
          action: 'SIGN_IN',
          outcome: 'REFUSED',
          details: { code: error.code, provider: this.passwords.name },
        });
      }
      throw error;
    });
    const previous = this.request.authentication;
    if (previous.status === 'SIGNED_IN') await this.sessions.revoke(previous.session, now);

    const { token, session } = await this.sessions.start(user, this.passwords.name, now);
    const roleAssignments = await this.roleAssignmentsOf(user.id);
    let acting: MeView['acting'] = null;
    const only = roleAssignments.length === 1 ? roleAssignments[0]! : null;
    if (only && roleInfo(only.role).actsOnBehalfOf !== 'ALWAYS') {
      await this.sessions.selectRole(session, only.id, null);
      acting = { roleAssignment: only, onBehalfOf: null };
    }
    log.info({ event: 'sign_in', userId: user.id, provider: this.passwords.name, ip }, 'signed in');
    await this.request.audit.recordAs(
      { ...this.subject(), actor: actorOf(session), userId: user.id },
      { action: 'SIGN_IN', details: { provider: this.passwords.name } },
    );
    return {
      token,
      user,
      roleAssignments,
      acting,
      sessionExpiresAt: this.sessions.endsAt(session),
    };
  }

  /** Makes one of the signed-in user's role assignments the one the session acts as. */
  async selectRole(roleAssignmentId: string, onBehalfOfUserId: string | null): Promise<MeView> {
    const { session, user } = this.signedIn();
    await this.sessions.selectRole(session, roleAssignmentId, onBehalfOfUserId);
    await this.request.audit.recordAs(
      { ...this.subject(), actor: actorOf(session), userId: user.id },
      { action: 'SELECT_ROLE' },
    );
    return (await this.me())!;
  }

  /** Ends the request's session, if it has one. Always succeeds. */
  async signOut(): Promise<boolean> {
    const authentication = this.request.authentication;
    if (authentication.status !== 'SIGNED_IN') return true;
    await this.sessions.revoke(authentication.session, this.request.now);
    this.request.log.info({ event: 'sign_out', userId: authentication.user.id }, 'signed out');
    await this.request.audit.record({ action: 'SIGN_OUT' });
    return true;
  }

  /** The signed-in user, their roles and the one they act as; null when not signed in. */
  async me(): Promise<MeView | null> {
    const authentication = this.request.authentication;
    if (authentication.status !== 'SIGNED_IN') return null;
    const { session, user } = authentication;
    const roleAssignments = await this.roleAssignmentsOf(user.id);
    const actingId = session.actingRole?.id;
    const acting = roleAssignments.find((a) => a.id === actingId);
    return {
      user,
      roleAssignments,
      acting: acting
        ? {
            roleAssignment: acting,
            onBehalfOf: session.onBehalfOf
              ? await this.request.em.findOneOrFail(User, session.onBehalfOf.id)
              : null,
          }
        : null,
      sessionExpiresAt: this.sessions.endsAt(session),
    };
  }

  /** A user's role assignments with their organisations, in a stable order. */
  async roleAssignmentsOf(userId: string): Promise<RoleAssignment[]> {
    const assignments = await this.request.em.find(
      RoleAssignment,
      { user: userId },
      { populate: ['organisation'], strategy: 'joined' },
    );
    return assignments.sort(
      (a, b) =>
        a.organisation.getEntity().name.localeCompare(b.organisation.getEntity().name) ||
        roleInfo(a.role).name.localeCompare(roleInfo(b.role).name),
    );
  }

  /**
   * The clinicians an admin's role assignment acts for (service provider clinician admins) or
   * may name (referring clinician admins), by name; empty for other roles.
   */
  async cliniciansFor(assignment: RoleAssignment): Promise<User[]> {
    if (delegatedClinicianRole(assignment.role) === null) return [];
    const links = await this.request.em.find(
      ClinicianLink,
      { admin: assignment.id },
      { populate: ['clinician.user'] },
    );
    return links
      .map((l) => l.clinician.getEntity().user.getEntity())
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  /**
   * Whether the actor may name `clinicianUserId` as the clinician they act for: true for the
   * clinician themself, and for an admin linked to that clinician at the acting organisation.
   * For the referrals module (a referring clinician admin names the referring clinician).
   */
  async mayActFor(actor: Actor, clinicianUserId: string): Promise<boolean> {
    if (actor.userId === clinicianUserId) return true;
    const acting = this.signedIn().session.actingRole?.id;
    if (!acting || delegatedClinicianRole(actor.role) === null) return false;
    return (
      (await this.request.em.count(ClinicianLink, {
        admin: acting,
        clinician: { user: clinicianUserId, organisation: actor.organisationId },
      })) > 0
    );
  }

  private signedIn() {
    const authentication = this.request.authentication;
    if (authentication.status !== 'SIGNED_IN') {
      throw new DomainError(
        authentication.status === 'EXPIRED' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED',
      );
    }
    return authentication;
  }

  private subject() {
    const { requestId, now, actor } = this.request;
    return { requestId, now, actor, userId: null };
  }
}
