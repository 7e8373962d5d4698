import { raw, type FilterQuery } from '@mikro-orm/core';
import {
  decodeCursor,
  DomainError,
  encodeCursor,
  requirePageSize,
  roleSide,
  WORKLISTS,
  type Actor,
  type Page,
  type Priority,
  type WorklistCode,
} from '@open-ers/domain';
import type { EntityManager } from '../../db/orm.js';
import { WorklistEntryRecord } from './worklist-entry.entity.js';

export interface WorklistFilter {
  readonly serviceId?: string | null;
  readonly specialtyCode?: string | null;
  readonly clinicianId?: string | null;
  readonly priority?: Priority | null;
}

/**
 * The worklists a role works from: its side's (reference §5), the advice worklists included
 * (the provider's Advice and Guidance Requests, the referrer's Active Advice Requests).
 */
export function worklistsFor(actor: Actor): WorklistCode[] {
  const side = roleSide(actor.role);
  const owner = side === 'REFERRER' ? 'REFERRER' : side === 'PROVIDER' ? 'PROVIDER' : null;
  if (!owner) return [];
  return WORKLISTS.filter((w) => w.owner === owner).map((w) => w.code);
}

/**
 * Worklists of the acting organisation, read from the worklist projection: a page is one index
 * range scan in (organisation, worklist, priority rank, sort time, UBRN) order. Referral and
 * advice entries share the table; each entry's referral or advice request comes with its
 * patient in the same query.
 */
export class WorklistService {
  constructor(private readonly em: EntityManager) {}

  private where(
    actor: Actor,
    worklist: WorklistCode,
    filter: WorklistFilter,
  ): FilterQuery<WorklistEntryRecord> {
    if (!worklistsFor(actor).includes(worklist))
      throw new DomainError('FORBIDDEN', { field: 'worklist' });
    return {
      organisationId: actor.organisationId,
      worklist,
      ...(filter.serviceId ? { serviceId: filter.serviceId } : {}),
      ...(filter.specialtyCode ? { specialtyCode: filter.specialtyCode } : {}),
      ...(filter.clinicianId ? { clinicianId: filter.clinicianId } : {}),
      ...(filter.priority ? { priority: filter.priority } : {}),
    };
  }

  /** One page of a worklist: most urgent first, then oldest (or soonest due), then UBRN. */
  async page(
    actor: Actor,
    worklist: WorklistCode,
    filter: WorklistFilter,
    page: { first?: number | null; after?: string | null },
  ): Promise<Page<WorklistEntryRecord>> {
    const size = requirePageSize(page.first);
    const where = this.where(actor, worklist, filter);
    const scope = `worklist:${actor.organisationId}:${worklist}`;
    const conditions: FilterQuery<WorklistEntryRecord>[] = [where];
    if (page.after) {
      const [rank, sortMs, ubrn] = decodeCursor(scope, page.after);
      if (typeof rank !== 'number' || typeof sortMs !== 'number' || typeof ubrn !== 'string') {
        throw new DomainError('INVALID_CURSOR', { field: 'after' });
      }
      const sortAt = new Date(sortMs);
      conditions.push({
        $or: [
          { priorityRank: { $gt: rank } },
          { priorityRank: rank, sortAt: { $gt: sortAt } },
          { priorityRank: rank, sortAt, ubrn: { $gt: ubrn } },
        ],
      });
    }
    const [rows, totalCount] = await Promise.all([
      this.em.find(
        WorklistEntryRecord,
        { $and: conditions },
        {
          orderBy: [{ priorityRank: 'asc' }, { sortAt: 'asc' }, { ubrn: 'asc' }],
          limit: size + 1,
          populate: ['referral.patient', 'adviceRequest.patient'],
          exclude: ['referral.snapshot', 'referral.clinicalInformation', 'adviceRequest.snapshot'],
          strategy: 'joined',
        },
      ),
      this.em.count(WorklistEntryRecord, where),
    ]);
    const pageRows = rows.slice(0, size);
    const edges = pageRows.map((node) => ({
      cursor: encodeCursor(scope, [node.priorityRank, node.sortAt.getTime(), node.ubrn]),
      node,
    }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount,
    };
  }

  /** How many entries each of the actor's worklists holds (dashboard tiles): one grouped query. */
  async counts(
    actor: Actor,
    filter: WorklistFilter = {},
  ): Promise<{ worklist: WorklistCode; count: number }[]> {
    const lists = worklistsFor(actor);
    if (lists.length === 0) return [];
    const rows = await this.em
      .createQueryBuilder(WorklistEntryRecord, 'w')
      .select(['w.worklist', raw('count(*) as n')])
      .where({
        organisationId: actor.organisationId,
        worklist: { $in: lists },
        ...(filter.serviceId ? { serviceId: filter.serviceId } : {}),
        ...(filter.specialtyCode ? { specialtyCode: filter.specialtyCode } : {}),
        ...(filter.clinicianId ? { clinicianId: filter.clinicianId } : {}),
        ...(filter.priority ? { priority: filter.priority } : {}),
      })
      .groupBy('w.worklist')
      .execute<{ worklist: WorklistCode; n: number | string }[]>('all', false);
    const byList = new Map(rows.map((r) => [r.worklist, Number(r.n)]));
    return lists.map((worklist) => ({ worklist, count: byList.get(worklist) ?? 0 }));
  }
}
