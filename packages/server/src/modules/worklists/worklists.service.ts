import { raw, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
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
  type SortKey,
  type WorklistCode,
} from '@open-ers/domain';
import type { EntityManager } from '../../db/orm.js';
import { Service } from '../directory/index.js';
import { User } from '../identity/index.js';
import { WorklistEntryRecord } from './worklist-entry.entity.js';

/**
 * Orders a worklist page can come in: most urgent first (the default: priority, then oldest or
 * soonest due), or by when the referral reached its current state, longest waiting or most
 * recent first.
 */
export const WORKLIST_SORTS = ['MOST_URGENT', 'LONGEST_WAITING', 'MOST_RECENT'] as const;
export type WorklistSort = (typeof WORKLIST_SORTS)[number];

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

  /**
   * One page of a worklist. MOST_URGENT: most urgent first, then oldest (or soonest due), then
   * UBRN. LONGEST_WAITING and MOST_RECENT: by when the referral reached its current state, then
   * UBRN. Keyset paginated: a cursor carries its sort's key and only works with that sort.
   */
  async page(
    actor: Actor,
    worklist: WorklistCode,
    filter: WorklistFilter,
    page: { first?: number | null; after?: string | null },
    sort: WorklistSort = 'MOST_URGENT',
  ): Promise<Page<WorklistEntryRecord>> {
    const size = requirePageSize(page.first);
    const where = this.where(actor, worklist, filter);
    // The default sort keeps the original scope so cursors handed out before sorts existed work.
    const scope =
      sort === 'MOST_URGENT'
        ? `worklist:${actor.organisationId}:${worklist}`
        : `worklist:${actor.organisationId}:${worklist}:${sort}`;
    const conditions: FilterQuery<WorklistEntryRecord>[] = [where];
    const key = (node: WorklistEntryRecord) =>
      sort === 'MOST_URGENT'
        ? [node.priorityRank, node.sortAt.getTime(), node.ubrn]
        : [node.stateChangedAt.getTime(), node.ubrn];
    if (page.after) {
      const cursor = decodeCursor(scope, page.after);
      conditions.push(afterCursor(sort, cursor));
    }
    const direction = sort === 'MOST_RECENT' ? 'desc' : 'asc';
    const orderBy: QueryOrderMap<WorklistEntryRecord>[] =
      sort === 'MOST_URGENT'
        ? [{ priorityRank: 'asc' }, { sortAt: 'asc' }, { ubrn: 'asc' }]
        : [{ stateChangedAt: direction }, { ubrn: direction }];
    const [rows, totalCount] = await Promise.all([
      this.em.find(
        WorklistEntryRecord,
        { $and: conditions },
        {
          orderBy,
          limit: size + 1,
          populate: ['referral.patient', 'adviceRequest.patient'],
          exclude: ['referral.snapshot', 'referral.clinicalInformation', 'adviceRequest.snapshot'],
          strategy: 'joined',
        },
      ),
      this.em.count(WorklistEntryRecord, where),
    ]);
    const pageRows = rows.slice(0, size);
    const edges = pageRows.map((node) => ({ cursor: encodeCursor(scope, key(node)), node }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount,
    };
  }

  /**
   * What the acting organisation's worklists can be narrowed to: the services and clinicians
   * that its entries name, by name. Referrer worklists name the referring clinician (a user),
   * provider worklists the clinician of the booked slot. Each list reads the organisation's
   * entries (the leading column of the page index), then the names by primary key.
   */
  async filterChoices(
    actor: Actor,
  ): Promise<{ services: WorklistFilterChoice[]; clinicians: WorklistFilterChoice[] }> {
    const lists = worklistsFor(actor);
    if (lists.length === 0) return { services: [], clinicians: [] };
    const connection = this.em.getConnection();
    const org = actor.organisationId;
    const byName = (a: WorklistFilterChoice, b: WorklistFilterChoice) =>
      a.name.localeCompare(b.name, 'en-GB') || a.id.localeCompare(b.id);
    // Ids first, names by primary key after: the entry's columns are text, the ids uuids on
    // PostgreSQL, and a join across the two types is not portable.
    const distinct = async (column: 'service_id' | 'clinician_id') =>
      (
        await connection.execute<{ id: string }[]>(
          `select distinct ${column} as id from worklist_entry` +
            ` where organisation_id = ? and ${column} is not null`,
          [org],
        )
      ).map((r) => String(r.id));
    const serviceIds = await distinct('service_id');
    const services = serviceIds.length
      ? await this.em.find(Service, { id: { $in: serviceIds } }, { fields: ['id', 'name'] })
      : [];
    let clinicians: { id: string; name: string | null }[];
    if (roleSide(actor.role) === 'REFERRER') {
      const ids = await distinct('clinician_id');
      const users = ids.length
        ? await this.em.find(User, { id: { $in: ids } }, { fields: ['id', 'displayName'] })
        : [];
      const nameOf = new Map(users.map((u) => [u.id, u.displayName]));
      clinicians = ids.map((id) => ({ id, name: nameOf.get(id) ?? null }));
    } else {
      clinicians = await connection.execute<{ id: string; name: string | null }[]>(
        'select distinct w.clinician_id as id, sl.clinician_name as name from worklist_entry w' +
          ' left join appointment a on a.referral_id = w.referral_id and a.is_current = true' +
          ' and a.clinician_id = w.clinician_id' +
          ' left join slot sl on sl.id = a.slot_id' +
          ' where w.organisation_id = ? and w.clinician_id is not null',
        [org],
      );
    }
    // One row a clinician, with a name where any entry gives one.
    const named = new Map<string, string>();
    for (const row of clinicians) {
      const id = String(row.id);
      if (row.name || !named.has(id)) named.set(id, row.name ?? unnamed(id));
    }
    return {
      services: services.map((r) => ({ id: r.id, name: r.name })).sort(byName),
      clinicians: [...named].map(([id, name]) => ({ id, name })).sort(byName),
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

/** A choice in a worklist filter: a service or clinician, by id and name. */
export interface WorklistFilterChoice {
  readonly id: string;
  readonly name: string;
}

/** The name of a clinician id nobody has a name for (a provider system's own code). */
const unnamed = (id: string) => `Clinician ${id}`;

/** The rows after a cursor's key, in the sort's order. Throws INVALID_CURSOR for a bad key. */
function afterCursor(sort: WorklistSort, key: SortKey): FilterQuery<WorklistEntryRecord> {
  const invalid = () => new DomainError('INVALID_CURSOR', { field: 'after' });
  if (sort === 'MOST_URGENT') {
    const [rank, sortMs, ubrn] = key;
    if (typeof rank !== 'number' || typeof sortMs !== 'number' || typeof ubrn !== 'string') {
      throw invalid();
    }
    const sortAt = new Date(sortMs);
    return {
      $or: [
        { priorityRank: { $gt: rank } },
        { priorityRank: rank, sortAt: { $gt: sortAt } },
        { priorityRank: rank, sortAt, ubrn: { $gt: ubrn } },
      ],
    };
  }
  const [changedMs, ubrn] = key;
  if (typeof changedMs !== 'number' || typeof ubrn !== 'string') throw invalid();
  const changedAt = new Date(changedMs);
  const beyond = sort === 'MOST_RECENT' ? '$lt' : '$gt';
  return {
    $or: [
      { stateChangedAt: { [beyond]: changedAt } },
      { stateChangedAt: changedAt, ubrn: { [beyond]: ubrn } },
    ],
  };
}
