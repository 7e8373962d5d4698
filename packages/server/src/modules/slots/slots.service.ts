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
   * for one slot exactly one gets it. Throws SLOT_NOT_AVAILABLE otherwise. A slot already
   * offered to this referral (automatic resolution) stays offered, until the offer lapses.
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
          { status: 'HELD', heldForUbrn: ubrn, offer: false },
        ],
      },
      { status: 'HELD', heldUntil, heldForUbrn: ubrn, offer: false },
    );
    if (updated === 1) return heldUntil;
    // Already offered to this referral: the offer holds it longer than a hold would.
    const offered = await this.em.findOne(
      Slot,
      { id: slotId, status: 'HELD', heldForUbrn: ubrn, offer: true, heldUntil: { $gt: now } },
      { fields: ['heldUntil'] },
    );
    if (offered?.heldUntil) return offered.heldUntil;
    throw new DomainError('SLOT_NOT_AVAILABLE', { field: 'slotId' });
  }

  /**
   * Offers a free slot to a slot issue (automatic resolution): holds it for the referral until
   * `heldUntil`, marked as an offer. The same compare-and-swap as {@link hold}, so a member of
   * staff holding or booking the slot at the same moment wins cleanly: returns false then.
   */
  async offer(slotId: string, ubrn: string, now: Date, heldUntil: Date): Promise<boolean> {
    const updated = await this.em.nativeUpdate(
      Slot,
      { id: slotId, $or: [{ status: 'FREE' }, { status: 'HELD', heldUntil: { $lte: now } }] },
      { status: 'HELD', heldUntil, heldForUbrn: ubrn, offer: true },
    );
    return updated === 1;
  }

  /**
   * Claims a slot for a referral's booking: swaps it to BOOKED if it is free (or its hold lapsed,
   * or it is held for this referral). Throws SLOT_NOT_AVAILABLE when someone else has it. With
   * `applicationCheck` off (tests proving the database's own guarantee, the unique index on a
   * slot's active appointment), the slot is marked booked whatever its state.
   */
  async claim(
    slotId: string,
    ubrn: string,
    now: Date,
    options: { applicationCheck: boolean } = { applicationCheck: true },
  ): Promise<void> {
    const booked = { status: 'BOOKED', heldUntil: null, heldForUbrn: null, offer: false } as const;
    if (!options.applicationCheck) {
      await this.em.nativeUpdate(Slot, { id: slotId }, booked);
      return;
    }
    const swapped = await this.em.nativeUpdate(
      Slot,
      { id: slotId, $or: freeFor(ubrn, now) },
      booked,
    );
    if (swapped !== 1) throw new DomainError('SLOT_NOT_AVAILABLE', { field: 'slotId' });
  }

  /**
   * Undoes a claim that did not become a booking (the provider's system refused or failed, or
   * the request never finished): the slot goes back to free, or out of use when the provider's
   * system says it does not exist. Only a slot still booked is changed.
   */
  async undoClaim(slotId: string, to: 'FREE' | 'CANCELLED'): Promise<void> {
    await this.em.nativeUpdate(
      Slot,
      { id: slotId, status: 'BOOKED' },
      { status: to, heldUntil: null, heldForUbrn: null, offer: false },
    );
  }

  /** Frees a booked or held slot whose appointment was cancelled, for someone else to book. */
  async releaseForReuse(slotId: string): Promise<void> {
    await this.em.nativeUpdate(
      Slot,
      { id: slotId, status: { $in: ['BOOKED', 'HELD'] } },
      { status: 'FREE', heldUntil: null, heldForUbrn: null, offer: false },
    );
  }

  /** Lets go of a hold (or offer) this referral has on a slot (a no-op if it has none). */
  async release(slotId: string, ubrn: string): Promise<void> {
    await this.em.nativeUpdate(
      Slot,
      { id: slotId, status: 'HELD', heldForUbrn: ubrn },
      { status: 'FREE', heldUntil: null, heldForUbrn: null, offer: false },
    );
  }

  /**
   * Takes slots out of use for now (BLOCKED) with a reason: those of `slotIds` at the service
   * that are free, held by a lapsed hold, or offered automatically (the offer is withdrawn).
   * Returns the ids changed; a slot in any other state is left as it is.
   */
  async block(
    serviceId: string,
    slotIds: readonly string[],
    now: Date,
    reason: { code: string; comment: string | null },
  ): Promise<string[]> {
    return this.swap(serviceId, slotIds, changeableFree(now), {
      status: 'BLOCKED',
      heldUntil: null,
      heldForUbrn: null,
      offer: false,
      statusReason: reason.code,
      statusComment: reason.comment,
    });
  }

  /** Puts blocked slots back into use (FREE). Returns the ids changed. */
  async unblock(serviceId: string, slotIds: readonly string[]): Promise<string[]> {
    return this.swap(serviceId, slotIds, [{ status: 'BLOCKED' }], {
      status: 'FREE',
      statusReason: null,
      statusComment: null,
    });
  }

  /**
   * Withdraws slots for good (CANCELLED) with a reason: those of `slotIds` at the service that
   * are free, lapsed, offered, blocked, or `BOOKED` when `includeBooked` (the caller has just
   * cancelled their appointments in the same transaction). Returns the ids changed.
   */
  async cancel(
    serviceId: string,
    slotIds: readonly string[],
    now: Date,
    reason: { code: string; comment: string | null },
    options: { includeBooked?: boolean } = {},
  ): Promise<string[]> {
    const from: FilterQuery<Slot>[] = [...changeableFree(now), { status: 'BLOCKED' }];
    if (options.includeBooked) from.push({ status: 'BOOKED' });
    return this.swap(serviceId, slotIds, from, {
      status: 'CANCELLED',
      heldUntil: null,
      heldForUbrn: null,
      offer: false,
      statusReason: reason.code,
      statusComment: reason.comment,
    });
  }

  /**
   * Frees every lapsed hold (and lapsed offer). Lapsed holds already count as free; this keeps
   * the table tidy. Returns how many were freed and the services whose offers lapsed, whose
   * slot issues should be matched again.
   */
  async expireHolds(now: Date): Promise<number> {
    return (await this.expireHoldsAndOffers(now)).freed;
  }

  /** {@link expireHolds}, saying which services had offers lapse. */
  async expireHoldsAndOffers(
    now: Date,
  ): Promise<{ freed: number; servicesWithLapsedOffers: string[] }> {
    const lapsedOffers = await this.em.find(
      Slot,
      { status: 'HELD', offer: true, heldUntil: { $lte: now } },
      { fields: ['service'] },
    );
    const freed = await this.em.nativeUpdate(
      Slot,
      { status: 'HELD', heldUntil: { $lte: now } },
      { status: 'FREE', heldUntil: null, heldForUbrn: null, offer: false },
    );
    return {
      freed,
      servicesWithLapsedOffers: [...new Set(lapsedOffers.map((s) => s.service.id))],
    };
  }

  /**
   * Changes many slots' times, priorities and clinician at once (the provider-system feed), each
   * only while nobody holds or has booked it: free, blocked, a lapsed hold or an automatic
   * offer. One statement per few hundred slots (a CASE per column). Returns the ids changed.
   */
  async reschedule(changes: readonly SlotChange[], now: Date): Promise<Set<string>> {
    const platform = this.em.getPlatform();
    const sqlite = platform.constructor.name.toLowerCase().includes('sqlite');
    const date = (d: Date) => platform.processDateProperty(d);
    const bool = (b: boolean) => (sqlite ? (b ? 1 : 0) : b);
    const columns: [string, string, (c: SlotChange) => unknown][] = [
      ['start_at', 'timestamptz', (c) => date(c.startAt)],
      ['end_at', 'timestamptz', (c) => date(c.endAt)],
      ['for_routine', 'boolean', (c) => bool(c.forRoutine)],
      ['for_urgent', 'boolean', (c) => bool(c.forUrgent)],
      ['for_two_week_wait', 'boolean', (c) => bool(c.forTwoWeekWait)],
      ['clinician_id', 'varchar(64)', (c) => c.clinicianId],
      ['clinician_name', 'varchar(100)', (c) => c.clinicianName],
    ];
    const changed = new Set<string>();
    for (let i = 0; i < changes.length; i += RESCHEDULE_CHUNK) {
      const chunk = changes.slice(i, i + RESCHEDULE_CHUNK);
      const bindings: unknown[] = [];
      const sets = columns.map(([column, type, value]) => {
        const cases = chunk.map((c) => {
          bindings.push(c.id, value(c));
          return `when ? then cast(? as ${type})`;
        });
        return `${column} = case id ${cases.join(' ')} end`;
      });
      bindings.push(...chunk.map((c) => c.id), date(now));
      const rows = await this.em.getConnection().execute<{ id: string }[]>(
        `update slot set ${sets.join(', ')} where id in (${chunk.map(() => '?').join(', ')})` +
          ` and (status in ('FREE', 'BLOCKED') or (status = 'HELD' and (held_until <= ? or offer = ${sqlite ? 1 : 'true'})))` +
          ' returning id',
        bindings,
        'all',
        // Inside the caller's transaction, not on another connection.
        this.em.getTransactionContext(),
      );
      for (const row of rows) changed.add(row.id);
    }
    return changed;
  }

  /**
   * One compare-and-swap over many slots of a service, in chunks the databases' parameter
   * limits allow: those in a `from` state get `to`. Returns the ids that changed (read back in
   * the same transaction, so a racing writer's slot is never counted).
   */
  private async swap(
    serviceId: string,
    slotIds: readonly string[],
    from: FilterQuery<Slot>[],
    to: Partial<Slot>,
  ): Promise<string[]> {
    const changed: string[] = [];
    for (let i = 0; i < slotIds.length; i += SLOT_CHUNK) {
      const ids = [...new Set(slotIds.slice(i, i + SLOT_CHUNK))];
      const eligible = await this.em.find(
        Slot,
        { id: { $in: ids }, service: serviceId, $or: from } as FilterQuery<Slot>,
        { fields: ['id'], disableIdentityMap: true },
      );
      if (eligible.length === 0) continue;
      const eligibleIds = eligible.map((s) => s.id);
      await this.em.nativeUpdate(
        Slot,
        { id: { $in: eligibleIds }, service: serviceId, $or: from } as FilterQuery<Slot>,
        to as never,
      );
      // A writer that committed between the read and the update kept its slot: read back.
      const swapped = await this.em.find(
        Slot,
        { id: { $in: eligibleIds }, status: to.status } as FilterQuery<Slot>,
        { fields: ['id'], disableIdentityMap: true },
      );
      changed.push(...swapped.map((s) => s.id));
    }
    return changed;
  }
}

/** How many slot ids one statement names (well inside SQLite's and PostgreSQL's limits). */
export const SLOT_CHUNK = 1000;
/** Slots per {@link SlotService.reschedule} statement (15 bindings each). */
const RESCHEDULE_CHUNK = 300;

/** New times, priorities and clinician for one slot. */
export interface SlotChange {
  readonly id: string;
  readonly startAt: Date;
  readonly endAt: Date;
  readonly forRoutine: boolean;
  readonly forUrgent: boolean;
  readonly forTwoWeekWait: boolean;
  readonly clinicianId: string | null;
  readonly clinicianName: string | null;
}

/** A slot that is free for this referral: free, a lapsed hold, or held (or offered) for it. */
function freeFor(ubrn: string, now: Date): FilterQuery<Slot>[] {
  return [
    { status: 'FREE' },
    { status: 'HELD', heldUntil: { $lte: now } },
    { status: 'HELD', heldForUbrn: ubrn },
  ];
}

/**
 * Slots maintenance may take out of use without disturbing anyone: free, a lapsed hold, or an
 * automatic offer (withdrawn; its referral stays a slot issue). A live hold is someone mid-way
 * through booking it, and is left alone.
 */
function changeableFree(now: Date): FilterQuery<Slot>[] {
  return [
    { status: 'FREE' },
    { status: 'HELD', heldUntil: { $lte: now } },
    { status: 'HELD', offer: true },
  ];
}

/** A timestamp from a raw aggregate row: a Date (PostgreSQL) or a number/string (SQLite). */
function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const text = String(value);
  return /^\d+$/.test(text) ? new Date(Number(text)) : new Date(text);
}
