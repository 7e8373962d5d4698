import { addCalendarDays, isoDayOfWeek, startOfLocalDay } from '@open-ers/domain';
import { SeededRandom } from './random.js';

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
}

export interface SlotServiceRef {
  readonly id: string;
  readonly priorities: readonly string[];
}

const CLINICIANS = [
  'Dr A. Okafor',
  'Dr S. Patel',
  'Mr J. Walker',
  'Ms R. Hussain',
  'Dr E. Murphy',
  'Dr T. Nowak',
];

/**
 * Published appointment slots for directly bookable services, reproducibly from `seed`: clinic
 * sessions on weekdays (UK local time, so 09:00 stays 09:00 across the clocks changing) from
 * tomorrow for `weeks` weeks. Some services publish nothing (so they show slot issues, as many
 * real ones do). Yields batches for bulk insert, so any scale streams in constant memory.
 */
export function* generateSlots(options: {
  seed: number;
  services: readonly SlotServiceRef[];
  today: string;
  now: Date;
  weeks: number;
  /** Slots per service per week, drawn from this range. */
  perWeek: { min: number; max: number };
  /** Share of services that publish no slots. */
  withoutSlots: number;
  /**
   * Whether services publish as real ones do (default): slots published at different times,
   * some kept for one priority, some services with nothing before a date months ahead. Off,
   * every slot is for every priority the service accepts, published weeks ago, from tomorrow.
   */
  variety?: boolean;
  batchSize?: number;
}): Generator<SlotRow[]> {
  const random = new SeededRandom(options.seed);
  // The variety draws from a stream of its own, so adding it moved nothing else.
  const extra = new SeededRandom(options.seed + 97);
  const variety = options.variety ?? true;
  let batch: SlotRow[] = [];
  const days = options.weeks * 7;
  for (const service of options.services) {
    if (random.chance(options.withoutSlots)) continue;
    const perWeek = random.int(options.perWeek.min, options.perWeek.max);
    const clinician = random.chance(0.4) ? random.pick(CLINICIANS) : null;
    const minutes = random.pick([15, 20, 30]);
    // A service with a long queue publishes nothing in the first third or more of the horizon.
    const firstDay =
      variety && extra.chance(0.08)
        ? extra.int(Math.ceil(days / 3), Math.floor((days * 5) / 6))
        : 1;
    // A service that accepts several priorities keeps some of its slots for one of them.
    const ringFences = variety && service.priorities.length > 1 && extra.chance(0.3);
    for (let d = 1; d <= days; d++) {
      const date = addCalendarDays(options.today, d);
      if (isoDayOfWeek(date) > 5) continue;
      const perDay = Math.max(0, Math.round((perWeek / 5) * (0.5 + random.int(0, 100) / 100)));
      const dayStart = startOfLocalDay(date, 'Europe/London').getTime();
      for (let i = 0; i < perDay; i++) {
        const start = new Date(dayStart + (9 * 60 + i * minutes + (i >= 8 ? 60 : 0)) * 60_000);
        const id = random.uuid();
        if (d < firstDay) continue;
        const only = ringFences && extra.chance(0.4) ? extra.pick(service.priorities) : null;
        const forPriority = (priority: string) =>
          only ? only === priority : service.priorities.includes(priority);
        batch.push({
          id,
          service: service.id,
          startAt: start,
          endAt: new Date(start.getTime() + minutes * 60_000),
          forRoutine: forPriority('ROUTINE'),
          forUrgent: forPriority('URGENT'),
          forTwoWeekWait: forPriority('TWO_WEEK_WAIT'),
          clinicianName: clinician,
          clinicianId: clinician ? `clin-${clinician.replace(/\W+/g, '').toLowerCase()}` : null,
          status: 'FREE',
          // Mostly published weeks ago; one in ten in the last two days, so still reserved for
          // the provider's own staff where the service reserves new slots.
          publishedAt: new Date(
            options.now.getTime() -
              (variety && extra.chance(0.1)
                ? extra.int(1, 47) * 3_600_000
                : (variety ? extra.int(7, 60) : 7) * 86_400_000),
          ),
        });
        if (batch.length >= (options.batchSize ?? 2000)) {
          yield batch;
          batch = [];
        }
      }
    }
  }
  if (batch.length) yield batch;
}
