/**
 * The crash harness's checks, made by reading the database directly (not through the server
 * that was crashed): is every acknowledged mutation there, and is nothing half-done?
 */
import type { SentMutation } from './crash-client.js';

/** A pg client or pool (the checks only query). */
export interface Queryable {
  query<R extends object>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** What the database holds, as the checks need it. */
export interface DatabaseFacts {
  /** Referrals by UBRN. */
  readonly referrals: ReadonlyMap<string, { id: string; version: number; state: string }>;
  /** History events by referral id, then version → event type(s). */
  readonly events: ReadonlyMap<string, ReadonlyMap<number, readonly string[]>>;
  readonly appointments: readonly {
    id: string;
    referralId: string;
    slotId: string | null;
    status: string;
    isCurrent: boolean;
  }[];
  /** Slots that are not FREE, and any slot an appointment points at, by id → status. */
  readonly slots: ReadonlyMap<string, string>;
  /** The harness user's idempotency records by key. */
  readonly keys: ReadonlyMap<string, { operation: string; status: string; ubrn: string | null }>;
}

/**
 * Reads everything the checks look at, in one snapshot (a repeatable-read transaction), or,
 * with `inTransaction`, within the caller's own open transaction.
 */
export async function readFacts(
  db: Queryable,
  userId: string,
  options: { inTransaction?: boolean } = {},
): Promise<DatabaseFacts> {
  if (!options.inTransaction) {
    await db.query('begin transaction isolation level repeatable read read only');
  }
  try {
    const referrals = await db.query<{ id: string; ubrn: string; version: number; state: string }>(
      'select id, ubrn, version, state from referral',
    );
    const events = await db.query<{ referral_id: string; version: number; type: string }>(
      'select referral_id, version, type from referral_event',
    );
    const appointments = await db.query<{
      id: string;
      referral_id: string;
      slot_id: string | null;
      status: string;
      is_current: boolean;
    }>('select id, referral_id, slot_id, status, is_current from appointment');
    const slots = await db.query<{ id: string; status: string }>(
      `select id, status from slot
        where status <> 'FREE' or id in (select slot_id from appointment where slot_id is not null)`,
    );
    const keys = await db.query<{
      key: string;
      operation: string;
      status: string;
      response: { ubrn?: string } | null;
    }>('select key, operation, status, response from idempotency_record where user_id = $1', [
      userId,
    ]);
    const byReferral = new Map<string, Map<number, string[]>>();
    for (const e of events.rows) {
      const versions = byReferral.get(e.referral_id) ?? new Map<number, string[]>();
      versions.set(e.version, [...(versions.get(e.version) ?? []), e.type]);
      byReferral.set(e.referral_id, versions);
    }
    return {
      referrals: new Map(
        referrals.rows.map((r) => [r.ubrn, { id: r.id, version: r.version, state: r.state }]),
      ),
      events: byReferral,
      appointments: appointments.rows.map((a) => ({
        id: a.id,
        referralId: a.referral_id,
        slotId: a.slot_id,
        status: a.status,
        isCurrent: a.is_current,
      })),
      slots: new Map(slots.rows.map((s) => [s.id, s.status])),
      keys: new Map(
        keys.rows.map((k) => [
          k.key,
          { operation: k.operation, status: k.status, ubrn: k.response?.ubrn ?? null },
        ]),
      ),
    };
  } finally {
    if (!options.inTransaction) await db.query('rollback');
  }
}

/** The history event an acknowledged mutation must have written. */
export function expectedEventType(mutation: SentMutation): string {
  switch (mutation.operation) {
    case 'createReferral':
      return 'CREATE_REFERRAL';
    case 'bookAppointment':
      // A booking the provider's system could not confirm is deferred to the provider instead.
      return mutation.reply?.notice === 'BOOKING_ATTEMPT_PROBLEM' ? 'DEFER_TO_PROVIDER' : 'BOOK';
    case 'changeShortlist':
      return 'CHANGE_SHORTLIST';
    case 'deferToProvider':
      return 'DEFER_TO_PROVIDER';
    case 'cancelAppointment':
      return 'CANCEL_APPOINTMENT';
    case 'cancelReferral':
      return 'CANCEL_REFERRAL';
  }
}

/**
 * Acknowledged mutations missing from the database: one line each. An acknowledged mutation is
 * present when its referral row exists, the history event it produced is at the version its
 * reply showed (or, for a reply that was itself a replay, at or before it), its idempotency key
 * is recorded as completed, and a booking's appointment is in the slot it booked (still booked
 * unless the harness later cancelled it and was told so).
 */
export function findLost(sent: readonly SentMutation[], facts: DatabaseFacts): string[] {
  const lost: string[] = [];
  const lastSent = new Map<string, SentMutation>();
  for (const m of sent) if (m.ubrn) lastSent.set(m.ubrn, m);
  for (const m of sent) {
    if (m.outcome !== 'acknowledged' || !m.reply) continue;
    const { ubrn, version } = m.reply.referral;
    const what = `${m.operation} (key ${m.input.idempotencyKey}, UBRN ${ubrn}, version ${version})`;
    const referral = facts.referrals.get(ubrn);
    if (!referral) {
      lost.push(`${what}: no referral row`);
      continue;
    }
    const type = expectedEventType(m);
    const versions = facts.events.get(referral.id);
    const present = m.reply.replayed
      ? [...(versions?.entries() ?? [])].some(([v, types]) => v <= version && types.includes(type))
      : (versions?.get(version) ?? []).includes(type);
    if (!present) lost.push(`${what}: no ${type} history event at version ${version}`);
    if (referral.version < version) {
      lost.push(`${what}: the referral is at version ${referral.version}, behind the reply`);
    }
    const key = facts.keys.get(m.input.idempotencyKey);
    if (!key || key.status !== 'COMPLETED' || key.operation !== m.operation) {
      lost.push(`${what}: idempotency key ${key ? `is ${key.status}` : 'not recorded'}`);
    }
    if (type === 'BOOK') {
      const slotId = m.input.slotId as string;
      const appointment = facts.appointments.find(
        (a) => a.referralId === referral.id && a.slotId === slotId,
      );
      if (!appointment || !['BOOKED', 'CANCELLED'].includes(appointment.status)) {
        lost.push(
          `${what}: no appointment in slot ${slotId}${appointment ? ` (it is ${appointment.status})` : ''}`,
        );
      } else if (lastSent.get(ubrn) === m) {
        // Nothing was sent after the booking: it must still stand.
        if (appointment.status !== 'BOOKED' || facts.slots.get(slotId) !== 'BOOKED') {
          lost.push(
            `${what}: appointment ${appointment.status}, slot ${facts.slots.get(slotId) ?? 'FREE'}`,
          );
        }
      }
    }
  }
  return lost;
}

/**
 * Anything half-done in the whole database, acknowledged or not: a referral without its
 * history (every version has exactly one event), a booked slot without exactly one active
 * appointment or an active appointment whose slot is not booked, a BOOKED referral without a
 * current booked appointment, a completed idempotency key whose referral does not exist.
 */
export function findHalfDone(facts: DatabaseFacts): string[] {
  const problems: string[] = [];
  const active = new Map<string, number>();
  for (const a of facts.appointments) {
    if (a.slotId && (a.status === 'PENDING' || a.status === 'BOOKED')) {
      active.set(a.slotId, (active.get(a.slotId) ?? 0) + 1);
      if (facts.slots.get(a.slotId) !== 'BOOKED') {
        problems.push(
          `appointment ${a.id} is ${a.status} but its slot ${a.slotId} is ${facts.slots.get(a.slotId) ?? 'missing'}`,
        );
      }
    }
  }
  for (const [slotId, status] of facts.slots) {
    const count = active.get(slotId) ?? 0;
    if (status === 'BOOKED' && count !== 1) {
      problems.push(`slot ${slotId} is BOOKED with ${count} active appointments`);
    }
  }
  const byId = new Map([...facts.referrals].map(([ubrn, r]) => [r.id, { ubrn, ...r }]));
  for (const [ubrn, r] of facts.referrals) {
    const versions = facts.events.get(r.id);
    if (!versions) {
      problems.push(`referral ${ubrn} has no history`);
      continue;
    }
    for (let v = 1; v <= r.version; v++) {
      const count = versions.get(v)?.length ?? 0;
      if (count !== 1)
        problems.push(`referral ${ubrn} has ${count} history events at version ${v}`);
    }
    const beyond = [...versions.keys()].filter((v) => v > r.version);
    if (beyond.length) {
      problems.push(`referral ${ubrn} (version ${r.version}) has events at ${beyond.join(', ')}`);
    }
    if (r.state === 'BOOKED') {
      const current = facts.appointments.filter(
        (a) => a.referralId === r.id && a.isCurrent && a.status === 'BOOKED',
      );
      if (current.length !== 1 || facts.slots.get(current[0]!.slotId ?? '') !== 'BOOKED') {
        problems.push(`referral ${ubrn} is BOOKED without one current booked appointment`);
      }
    }
  }
  for (const a of facts.appointments) {
    if (!byId.has(a.referralId)) problems.push(`appointment ${a.id} has no referral`);
  }
  for (const [key, k] of facts.keys) {
    if (k.status === 'COMPLETED' && k.ubrn && !facts.referrals.has(k.ubrn)) {
      problems.push(`idempotency key ${key} completed for UBRN ${k.ubrn}, which does not exist`);
    }
  }
  return problems;
}

/** Row counts of the tables a replayed mutation must not add to. */
export async function rowCounts(db: Queryable): Promise<Record<string, number>> {
  const { rows } = await db.query<Record<string, string>>(
    `select (select count(*) from referral) as referral,
            (select count(*) from referral_event) as referral_event,
            (select count(*) from appointment) as appointment,
            (select count(*) from idempotency_record) as idempotency_record,
            (select count(*) from slot where status = 'BOOKED') as booked_slot,
            (select coalesce(sum(version), 0) from referral) as referral_versions`,
  );
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
}
