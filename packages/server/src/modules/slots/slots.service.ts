import type { FilterQuery } from '@mikro-orm/core';
import {
  DEFAULT_SEARCHER,
  decodeCursor,
  DomainError,
  isProviderBooker,
  encodeCursor,
  requirePageSize,
  slotOutsideBounds,
  slotQueryBounds,
  type Booker,
  type Page,
  type Priority,
  type SlotQueryBounds,
  type SlotService as DomainSlotService,
} from '@open-ers/domain';
import type { EntityManager } from '../../db/orm.js';
import { UK_TIME_ZONE } from '../../time.js';
import { Service } from '../directory/index.js';
import { PRIORITY_COLUMN, Slot } from './slot.entity.js';
import { PROVIDER_ONLY_REASONS, type ProviderOnlyReason } from './slots.types.js';

/** How long a slot is held for a referral while the user decides (airline-style booking). */
export const DEFAULT_HOLD_MINUTES = 5;

/** The SQL condition for the domain's slot bounds: {@link slotOutsideBounds} in a WHERE clause. */
export function slotBoundsWhere(bounds: SlotQueryBounds): FilterQuery<Slot> {
  const free: FilterQuery<Slot>[] = [
    { status: 'FREE' },
    { status: 'HELD', heldUntil: { $lte: bounds.holdsLapsedBy } },
  ];
  if (bounds.heldForUbrn) free.push({ status: 'HELD', heldForUbrn: bounds.heldForUbrn });
  return {
    service: bounds.serviceId,
    [PRIORITY_COLUMN[bounds.priority]]: true,
    startAt: {
      $gte: bounds.earliestStart,
      ...(bounds.startsBefore ? { $lt: bounds.startsBefore } : {}),
    },
    ...(bounds.publishedAtOrBefore ? { publishedAt: { $lte: bounds.publishedAtOrBefore } } : {}),
    ...(bounds.clinicianId ? { clinicianId: bounds.clinicianId } : {}),
    $or: free,
  } as FilterQuery<Slot>;
}

/** The column of {@link PRIORITY_COLUMN} in SQL. */
const PRIORITY_SQL_COLUMN = {
  ROUTINE: 'for_routine',
  URGENT: 'for_urgent',
  TWO_WEEK_WAIT: 'for_two_week_wait',
} as const satisfies Record<Priority, string>;

/**
 * {@link slotBoundsWhere} as a SQL condition on the `slot` table (without the service), with
 * its bindings, for the hot grouped query of search that skips the query builder. `toDb`
 * turns an instant into what the dialect stores (a Date for PostgreSQL, epoch ms on SQLite).
 * The search-versus-memory test of the demo data keeps the two forms in step.
 */
export function slotBoundsSql(
  bounds: SlotQueryBounds,
  toDb: (instant: Date) => unknown,
): { sql: string; bindings: unknown[] } {
  const conditions = [`${PRIORITY_SQL_COLUMN[bounds.priority]} = true`, 'start_at >= ?'];
  const bindings: unknown[] = [toDb(bounds.earliestStart)];
  if (bounds.startsBefore) {
    conditions.push('start_at < ?');
    bindings.push(toDb(bounds.startsBefore));
  }
  if (bounds.publishedAtOrBefore) {
    conditions.push('published_at <= ?');
    bindings.push(toDb(bounds.publishedAtOrBefore));
  }
  if (bounds.clinicianId) {
    conditions.push('clinician_id = ?');
    bindings.push(bounds.clinicianId);
  }
  const free = ["status = 'FREE'", "(status = 'HELD' and held_until <= ?)"];
  bindings.push(toDb(bounds.holdsLapsedBy));
  if (bounds.heldForUbrn) {
    free.push("(status = 'HELD' and held_for_ubrn = ?)");
    bindings.push(bounds.heldForUbrn);
  }
  conditions.push(`(${free.join(' or ')})`);
  return { sql: conditions.join(' and '), bindings };
}

/** A slot on a page of bookable slots, and why only the provider could book it, if so. */
export interface BookableSlotEdge {
  readonly cursor: string;
  readonly node: Slot;
  readonly providerOnly: ProviderOnlyReason | null;
}

/** A Directory of Services entry as the slot rules see it. */
export function slotServiceOf(service: Service): DomainSlotService {
  return {
    id: service.id,
    providerOrganisationId: service.provider.id,
    bookingPolicy: service.bookingPolicy(),
  };
}

export interface SlotRequest {
  /** The service, as an entity or as the slot rules' facts about it. */
  readonly service: Service | DomainSlotService;
  readonly priority: Priority;
  readonly booker: Booker;
  readonly now: Date;
  /** The referral being booked: a slot held for it counts as free. */
  readonly ubrn?: string | null;
  readonly clinicianId?: string | null;
}

/** Slots: which can be booked, holding them, and letting holds go. */
export class SlotService {
  constructor(private readonly em: EntityManager) {}

  /** The domain's bounds for this request. */
  bounds(request: SlotRequest): SlotQueryBounds {
    const service =
      request.service instanceof Service ? slotServiceOf(request.service) : request.service;
    return slotQueryBounds({
      service,
      priority: request.priority,
      booker: request.booker,
      now: request.now,
      timeZone: UK_TIME_ZONE,
      ubrn: request.ubrn ?? null,
      clinicianId: request.clinicianId ?? null,
    });
  }

  /**
   * One page of the slots this booker can book at a service for a priority, earliest first.
   * Keyset-paginated in SQL on (start, id) with the domain's cursor format, so a page costs one
   * index range scan however many slots the service has.
   */
  async bookableSlots(
    request: SlotRequest,
    page: { first?: number | null; after?: string | null },
  ): Promise<Page<Slot> & { edges: readonly BookableSlotEdge[] }> {
    const size = requirePageSize(page.first);
    const bounds = this.bounds(request);
    const scope = `slots:${bounds.serviceId}:${bounds.priority}`;
    const where = slotBoundsWhere(bounds);
    const conditions: FilterQuery<Slot>[] = [where];
    if (page.after) {
      const [startMs, id] = decodeCursor(scope, page.after);
      if (typeof startMs !== 'number' || typeof id !== 'string') {
        throw new DomainError('INVALID_CURSOR', { field: 'after' });
      }
      const start = new Date(startMs);
      conditions.push({ $or: [{ startAt: { $gt: start } }, { startAt: start, id: { $gt: id } }] });
    }
    const [rows, totalCount] = await Promise.all([
      this.em.find(
        Slot,
        { $and: conditions },
        { orderBy: [{ startAt: 'asc' }, { id: 'asc' }], limit: size + 1 },
      ),
      this.em.count(Slot, where),
    ]);
    // The database applied the bounds; the domain checks each slot again so the two never drift.
    const slots = rows.filter((s) => slotOutsideBounds(s.toDomain(), bounds) === null);
    const pageRows = slots.slice(0, size);
    // The provider's own staff see slots referrers cannot book yet; say which, and why.
    const service =
      request.service instanceof Service ? slotServiceOf(request.service) : request.service;
    const referrerBounds = isProviderBooker(request.booker, service)
      ? this.bounds({ ...request, booker: DEFAULT_SEARCHER })
      : null;
    const providerOnly = (slot: Slot): ProviderOnlyReason | null => {
      if (!referrerBounds) return null;
      const reason = slotOutsideBounds(slot.toDomain(), referrerBounds);
      return PROVIDER_ONLY_REASONS.find((r) => r === reason) ?? null;
    };
    const edges = pageRows.map((node) => ({
      cursor: encodeCursor(scope, [node.startAt.getTime(), node.id]),
      node,
      providerOnly: providerOnly(node),
    }));
    return {
      edges,
      pageInfo: { hasNextPage: slots.length > size, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount,
    };
  }

  /** Whether the service has any slot this booker could book now for this priority. */
  async hasBookableSlot(request: SlotRequest): Promise<boolean> {
    return (await this.em.count(Slot, slotBoundsWhere(this.bounds(request)))) > 0;
  }

  /**
   * The earliest bookable slot start of each service, for search results. Services sharing a
   * booking policy share bounds, so there is one grouped, index-backed query per distinct policy.
   */
  async earliestBookableStarts(
    services: readonly DomainSlotService[],
    priority: Priority,
    booker: Booker,
    now: Date,
  ): Promise<Map<string, Date>> {
    const groups = new Map<string, DomainSlotService[]>();
    for (const service of services) {
      const key = JSON.stringify([
        service.bookingPolicy,
        service.providerOrganisationId === booker.organisationId,
      ]);
      groups.set(key, [...(groups.get(key) ?? []), service]);
    }
    // One statement however many policies: a grouped, index-backed MIN per policy, unioned.
    const parts: string[] = [];
    const bindings: unknown[] = [];
    const platform = this.em.getPlatform();
    const toDb = (instant: Date) => platform.processDateProperty(instant);
    for (const group of groups.values()) {
      const bounds = slotBoundsSql(
        this.bounds({ service: group[0]!, priority, booker, now }),
        toDb,
      );
      parts.push(
        `select service_id, min(start_at) as earliest from slot where ${bounds.sql}` +
          ` and service_id in (${group.map(() => '?').join(', ')}) group by service_id`,
      );
      bindings.push(...bounds.bindings, ...group.map((s) => s.id));
    }
    const earliest = new Map<string, Date>();
    if (parts.length === 0) return earliest;
    const rows = await this.em
      .getConnection()
      .execute<{ service_id: string; earliest: unknown }[]>(parts.join(' union all '), bindings);
    for (const row of rows) earliest.set(row.service_id, toDate(row.earliest));
    return earliest;
  }

  /**
   * Holds a slot for a referral until `now + minutes`, if it is still free (or its hold lapsed,
   * or it is already held for this referral). An atomic compare-and-swap: of two people racing
   * for one slot exactly one gets it. Throws SLOT_NOT_AVAILABLE otherwise.
   */
  async hold(
    slotId: string,
    ubrn: string,
    now: Date,
    minutes = DEFAULT_HOLD_MINUTES,
  ): Promise<Date> {
    const heldUntil = new Date(now.getTime() + minutes * 60_000);
    const updated = await this.em.nativeUpdate(
      Slot,
      {
        id: slotId,
        $or: [
          { status: 'FREE' },
          { status: 'HELD', heldUntil: { $lte: now } },
          { status: 'HELD', heldForUbrn: ubrn },
        ],
      },
      { status: 'HELD', heldUntil, heldForUbrn: ubrn },
    );
    if (updated !== 1) throw new DomainError('SLOT_NOT_AVAILABLE', { field: 'slotId' });
    return heldUntil;
  }

  /** Lets go of a hold this referral has on a slot (a no-op if it has none). */
  async release(slotId: string, ubrn: string): Promise<void> {
    await this.em.nativeUpdate(
      Slot,
      { id: slotId, status: 'HELD', heldForUbrn: ubrn },
      { status: 'FREE', heldUntil: null, heldForUbrn: null },
    );
  }

  /** Frees every lapsed hold. Lapsed holds already count as free; this keeps the table tidy. */
  async expireHolds(now: Date): Promise<number> {
    return this.em.nativeUpdate(
      Slot,
      { status: 'HELD', heldUntil: { $lte: now } },
      { status: 'FREE', heldUntil: null, heldForUbrn: null },
    );
  }
}

/** A timestamp from a raw aggregate row: a Date (PostgreSQL) or a number/string (SQLite). */
function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const text = String(value);
  return /^\d+$/.test(text) ? new Date(Number(text)) : new Date(text);
}
