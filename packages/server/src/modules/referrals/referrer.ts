import { roleActedFor, type Role } from '@open-ers/domain';
import { Field, ID, ObjectType } from 'type-graphql';
import { isUuid } from '../../db/ids.js';
import type { EntityManager } from '../../db/orm.js';
import { RoleEnum } from '../../graphql/enums.js';
import { AdviceMessage } from '../advice/advice-message.entity.js';
import { User } from '../identity/user.entity.js';
import { ReferralEventRecord } from './referral-event.entity.js';

/**
 * Who referred the patient: the referring clinician, and the admin who made the referral for
 * them when an admin did (a referring clinician admin names the clinician they act for).
 */
@ObjectType('Referrer', {
  description:
    'Who referred the patient: the referring clinician, and the admin who acted for them if an admin made the referral.',
})
export class ReferrerView {
  @Field(() => ID)
  clinicianId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The referring clinician’s name, like Dr Asha Patel; null if not known.',
  })
  clinicianName!: string | null;

  @Field(() => RoleEnum, { description: 'The role the referring clinician works in.' })
  clinicianRole!: Role;

  @Field(() => String, {
    nullable: true,
    description: 'The admin who made the referral on the clinician’s behalf, by name.',
  })
  actingAdminName!: string | null;

  @Field(() => RoleEnum, { nullable: true, description: 'The role of that admin.' })
  actingAdminRole!: Role | null;
}

/** A referral (or advice request) whose referrer is wanted: its row id and referring clinician. */
export interface ReferrerSubject {
  readonly id: string;
  readonly referringClinicianId: string;
  /**
   * Whether `id` is a referral's (its creation event says who acted); else an advice request's
   * (its first request message does).
   */
  readonly referral: boolean;
}

/** Who created a referral or advice request: the user, their role, whom they acted for. */
interface Creation {
  readonly userId: string;
  readonly role: string;
  readonly onBehalfOfUserId?: string | null;
}

/**
 * The referrers of many referrals (and advice requests) at once, by subject id: a fixed number
 * of queries whatever their number (the referrals' creation events, the advice requests' first
 * messages, then every name), so a worklist page stays lean.
 */
export async function loadReferrers(
  em: EntityManager,
  subjects: readonly ReferrerSubject[],
): Promise<Map<string, ReferrerView>> {
  const result = new Map<string, ReferrerView>();
  if (subjects.length === 0) return result;
  const referralIds = subjects.filter((s) => s.referral).map((s) => s.id);
  const creations = referralIds.length
    ? await em.find(
        ReferralEventRecord,
        { referral: { $in: referralIds }, type: 'CREATE_REFERRAL' },
        { fields: ['referral', 'userId', 'role', 'onBehalfOfUserId'] },
      )
    : [];
  const creationOf = new Map<string, Creation>(creations.map((e) => [e.referral.id, e]));
  // An advice request's first message is its request, sent by whoever made it.
  const adviceIds = subjects.filter((s) => !s.referral).map((s) => s.id);
  const requests = adviceIds.length
    ? await em.find(
        AdviceMessage,
        { adviceRequest: { $in: adviceIds }, kind: 'REQUEST' },
        {
          fields: ['adviceRequest', 'userId', 'role', 'onBehalfOfUserId', 'version'],
          orderBy: { version: 'desc' },
        },
      )
    : [];
  // Oldest last, so the first request wins.
  for (const m of requests) creationOf.set(m.adviceRequest.id, m);
  const userIds = new Set<string>();
  for (const s of subjects) userIds.add(s.referringClinicianId);
  for (const e of creationOf.values()) if (e.onBehalfOfUserId) userIds.add(e.userId);
  const ids = [...userIds].filter(isUuid);
  const users = ids.length
    ? await em.find(User, { id: { $in: ids } }, { fields: ['id', 'displayName'] })
    : [];
  const nameOf = new Map(users.map((u) => [u.id, u.displayName]));
  for (const s of subjects) {
    const creation = creationOf.get(s.id);
    // An admin acted when the creation names someone they acted for.
    const byAdmin = !!creation?.onBehalfOfUserId;
    const actorRole = creation?.role as Role | undefined;
    const view = new ReferrerView();
    view.clinicianId = s.referringClinicianId;
    view.clinicianName = nameOf.get(s.referringClinicianId) ?? null;
    view.clinicianRole =
      (byAdmin && actorRole ? roleActedFor(actorRole) : actorRole) ?? 'REFERRING_CLINICIAN';
    view.actingAdminName = byAdmin && creation ? (nameOf.get(creation.userId) ?? null) : null;
    view.actingAdminRole = byAdmin ? (actorRole ?? null) : null;
    result.set(s.id, view);
  }
  return result;
}
