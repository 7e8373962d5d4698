import {
  addCalendarDays,
  planSlots,
  type HolidayCalendar,
  type Priority,
  type SessionTemplate,
} from '@open-ers/domain';
import { SeededRandom } from './random.js';

/** A session template row, ready for a bulk insert into `slot_schedule`. */
export interface ScheduleRow {
  id: string;
  service: string;
  label: string;
  weekdays: number[];
  startTime: string;
  sessionMinutes: number;
  slotMinutes: number;
  priorities: Priority[];
  clinicianId: string | null;
  clinicianName: string | null;
  validFrom: string;
  validTo: null;
  everyWeeks: number;
  includeBankHolidays: boolean;
  active: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A published slot row, ready for a bulk insert into `slot`. */
export interface SlotRow {
  id: string;
  service: string;
  startAt: Date;
  endAt: Date;
  forRoutine: boolean;
  forUrgent: boolean;
  forTwoWeekWait: boolean;
  clinicianName: string | null;
  clinicianId: string | null;
  status: 'FREE';
  publishedAt: Date;
  sourceKey: string;
  scheduleId: string | null;
  offer: boolean;
}

export interface SlotServiceRef {
  readonly id: string;
  readonly priorities: readonly Priority[];
}

/** What a service's schedules are: its templates, and the named clinician they use, if any. */
export interface ServiceSchedules {
  readonly serviceId: string;
  readonly templates: readonly ScheduleRow[];
  readonly namedClinician: { id: string; name: string } | null;
  /** Draw every slot's publication time as real services do (some recent), or a week ago. */
  readonly variety: boolean;
}

const CLINICIANS = [
  'Dr A. Okafor',
  'Dr S. Patel',
  'Mr J. Walker',
  'Ms R. Hussain',
  'Dr E. Murphy',
  'Dr T. Nowak',
];
const MORNING_STARTS = ['08:30', '09:00', '09:00', '09:30'];
const AFTERNOON_STARTS = ['13:30', '14:00'];
const WEEKDAYS = [1, 2, 3, 4, 5];

/** The clinician id the demo gives a named clinician (stable, from the name). */
export function demoClinicianId(name: string): string {
  return `clin-${name.replace(/\W+/g, '').toLowerCase()}`;
}

/**
 * Draws session templates for directly bookable services, reproducibly from `seed` (one call
 * per service, in the directory's order): weekday clinics starting in the morning, with slots of
 * 15, 20 or 30 minutes and about `perWeek` slots a week, sometimes in a named clinician's
 * schedule. Some services get none (so they show slot issues, as many real ones do); with
 * `variety`, some start only months ahead (a long queue) and some keep an afternoon session for
 * one of their priorities.
 */
export class ScheduleDrawer {
  private readonly random: SeededRandom;
  // The variety draws from a stream of its own, so adding it moved nothing else.
  private readonly extra: SeededRandom;

  constructor(
    seed: number,
    private readonly options: {
      today: string;
      now: Date;
      /** Slots per service per week, drawn from this range. */
      perWeek: { min: number; max: number };
      /** Share of services that publish no slots. */
      withoutSlots: number;
      /** Days ahead the seeded slots reach (the late starters are placed within it). */
      days: number;
    },
  ) {
    this.random = new SeededRandom(seed);
    this.extra = new SeededRandom(seed + 97);
  }

  /** The schedules of one service, or null if it publishes nothing. */
  draw(service: SlotServiceRef, variety = true): ServiceSchedules | null {
    const { random, extra, options } = this;
    if (options.withoutSlots > 0 && random.chance(options.withoutSlots)) return null;
    const perWeek = random.int(options.perWeek.min, options.perWeek.max);
    const clinicianName = random.chance(0.4) ? random.pick(CLINICIANS) : null;
    const clinician = clinicianName
      ? { id: demoClinicianId(clinicianName), name: clinicianName }
      : null;
    const slotMinutes = random.pick([15, 20, 30]);
    const dayCount = random.int(Math.min(5, Math.max(1, Math.ceil(perWeek / 8))), 5);
    const weekdays = random.sample(WEEKDAYS, dayCount).sort((a, b) => a - b);
    const perSession = Math.max(1, Math.round(perWeek / dayCount));
    // A service with a long queue publishes nothing in the first third or more of the horizon.
    const firstDay =
      variety && extra.chance(0.08)
        ? extra.int(Math.ceil(options.days / 3), Math.floor((options.days * 5) / 6))
        : 1;
    const validFrom = addCalendarDays(options.today, firstDay);
    const base = {
      service: service.id,
      clinicianId: clinician?.id ?? null,
      clinicianName: clinician?.name ?? null,
      validFrom,
      validTo: null,
      everyWeeks: 1,
      includeBankHolidays: false,
      active: true,
      version: 1,
      createdAt: options.now,
      updatedAt: options.now,
    };
    const templates: ScheduleRow[] = [
      {
        ...base,
        id: random.uuid(),
        label: 'Outpatient clinic',
        weekdays,
        startTime: random.pick(MORNING_STARTS),
        sessionMinutes: Math.min(600, perSession * slotMinutes),
        slotMinutes,
        priorities: [...service.priorities],
      },
    ];
    // A service that accepts several priorities keeps an afternoon session for one of them.
    if (variety && service.priorities.length > 1 && extra.chance(0.3)) {
      const only = extra.pick(service.priorities);
      templates.push({
        ...base,
        id: extra.uuid(),
        label: `${only === 'TWO_WEEK_WAIT' ? 'Two week wait' : only === 'URGENT' ? 'Urgent' : 'Routine'} clinic`,
        weekdays: [extra.pick(WEEKDAYS)],
        startTime: extra.pick(AFTERNOON_STARTS),
        sessionMinutes: Math.max(2, Math.round(perWeek * 0.4)) * slotMinutes,
        slotMinutes,
        priorities: [only],
      });
    }
    return { serviceId: service.id, templates, namedClinician: clinician, variety };
  }

  /**
   * The slots a service's schedules publish from tomorrow to `days` ahead (the domain's
   * `planSlots`, so no slot falls on a bank holiday or a weekend), in batches. Publication times
   * vary as real ones do: mostly weeks ago, one in ten in the last two days (so still reserved
   * for the provider's own staff where the service reserves new slots).
   */
  *slots(
    schedules: ServiceSchedules,
    holidays: HolidayCalendar,
    timeZone: string,
  ): Generator<SlotRow> {
    const { extra, options } = this;
    const plan = planSlots({
      templates: schedules.templates.map(toTemplate),
      from: addCalendarDays(options.today, 1),
      to: addCalendarDays(options.today, options.days),
      timeZone,
      holidays,
    });
    for (const slot of plan.slots) {
      const hoursAgo = !schedules.variety
        ? 7 * 24
        : extra.chance(0.1)
          ? extra.int(1, 47)
          : extra.int(7, 60) * 24;
      yield {
        id: this.random.uuid(),
        service: schedules.serviceId,
        startAt: slot.start,
        endAt: slot.end,
        forRoutine: slot.priorities.includes('ROUTINE'),
        forUrgent: slot.priorities.includes('URGENT'),
        forTwoWeekWait: slot.priorities.includes('TWO_WEEK_WAIT'),
        clinicianName: slot.clinicianName,
        clinicianId: slot.clinicianId,
        status: 'FREE',
        publishedAt: new Date(options.now.getTime() - hoursAgo * 3_600_000),
        sourceKey: slot.sourceKey,
        scheduleId: slot.templateId,
        offer: false,
      };
    }
  }
}

/** A template row as the domain's planner sees it. */
export function toTemplate(row: ScheduleRow): SessionTemplate {
  return { ...row, id: row.id };
}
