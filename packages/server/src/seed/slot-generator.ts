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
  batchSize?: number;
}): Generator<SlotRow[]> {
  const random = new SeededRandom(options.seed);
  let batch: SlotRow[] = [];
  const days = options.weeks * 7;
  for (const service of options.services) {
    if (random.chance(options.withoutSlots)) continue;
    const perWeek = random.int(options.perWeek.min, options.perWeek.max);
    const clinician = random.chance(0.4) ? random.pick(CLINICIANS) : null;
    const minutes = random.pick([15, 20, 30]);
    for (let d = 1; d <= days; d++) {
      const date = addCalendarDays(options.today, d);
      if (isoDayOfWeek(date) > 5) continue;
      const perDay = Math.max(0, Math.round((perWeek / 5) * (0.5 + random.int(0, 100) / 100)));
      const dayStart = startOfLocalDay(date, 'Europe/London').getTime();
      for (let i = 0; i < perDay; i++) {
        const start = new Date(dayStart + (9 * 60 + i * minutes + (i >= 8 ? 60 : 0)) * 60_000);
        batch.push({
          id: random.uuid(),
          service: service.id,
          startAt: start,
          endAt: new Date(start.getTime() + minutes * 60_000),
          forRoutine: service.priorities.includes('ROUTINE'),
          forUrgent: service.priorities.includes('URGENT'),
          forTwoWeekWait: service.priorities.includes('TWO_WEEK_WAIT'),
          clinicianName: clinician,
          clinicianId: clinician ? `clin-${clinician.replace(/\W+/g, '').toLowerCase()}` : null,
          status: 'FREE',
          // Published a week ago: past any provider-only reservation.
          publishedAt: new Date(options.now.getTime() - 7 * 86_400_000),
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
