import type { Actor, Priority, Role } from '@open-ers/domain';
import type { Orm } from '../db/orm.js';
import { Organisation, Service } from '../modules/directory/index.js';
import { User } from '../modules/identity/index.js';
import { Patient } from '../modules/patients/index.js';
import {
  BookingService,
  cryptoRandomBytes,
  DEFAULT_BOOKING_SETTINGS,
  ReferralCommands,
  ReferralService,
  UK_DATE_CONTEXT,
} from '../modules/referrals/index.js';
import { Slot } from '../modules/slots/index.js';
import { SILENT_FEED } from '../realtime/change-feed.js';
import { SHOWCASE_SERVICES } from './demo-seed.js';
import { SeededRandom } from './random.js';

/** Where a demo referral ends up. */
type Outcome =
  | 'NOT_BOOKED'
  | 'BOOKED'
  | 'ACCEPTED'
  | 'DEFERRED'
  | 'AWAITING_TRIAGE'
  | 'TRIAGE_RESPONSE'
  | 'ACCEPT_BOOK_LATER'
  | 'REJECTED'
  | 'PATIENT_CANCELLED'
  | 'CANCELLED';

/** The mix of states the Leeds practice's demo referrals are left in (about what a week looks like). */
const MIX: readonly [Outcome, number][] = [
  ['NOT_BOOKED', 3],
  ['BOOKED', 4],
  ['ACCEPTED', 2],
  ['DEFERRED', 3],
  ['AWAITING_TRIAGE', 2],
  ['TRIAGE_RESPONSE', 1],
  ['ACCEPT_BOOK_LATER', 1],
  ['REJECTED', 1],
  ['PATIENT_CANCELLED', 1],
  ['CANCELLED', 1],
];

const CLINICAL = [
  'Intermittent palpitations for three months; ECG shows occasional ectopics.',
  'Exertional breathlessness and ankle swelling; BNP raised.',
  'Recurrent presyncope on standing; lying and standing BP attached.',
  'Chest tightness on exertion relieved by rest; two weeks’ history.',
];

/**
 * Referrals from the Leeds demo practice to the Leeds demo trust in a spread of states, made
 * through the same services as real requests (so every rule applies), over the last days: the
 * demo users' worklists have something on them from the first sign-in. Returns how many.
 */
export async function seedDemoReferrals(
  orm: Orm,
  options: { now: Date; seed?: number },
): Promise<number> {
  const em = orm.em.fork();
  const random = new SeededRandom(options.seed ?? 42);
  const user = (username: string) => em.findOne(User, { username });
  const practice = await em.findOne(Organisation, { odsCode: 'A80000' });
  const trust = await em.findOne(Organisation, { odsCode: 'R00' });
  const gpUser = await user('rc.leeds');
  const consultantUser = await user('spc.leeds');
  const bookable = await em.findOne(Service, { name: SHOWCASE_SERVICES.bookable });
  const noSlots = await em.findOne(Service, { name: SHOWCASE_SERVICES.noSlots });
  const triage = await em.findOne(Service, { name: SHOWCASE_SERVICES.triage });
  if (!practice || !trust || !gpUser || !consultantUser || !bookable || !noSlots || !triage)
    return 0;
  const actor = (u: User, role: Role, org: Organisation): Actor => ({
    userId: u.id,
    role,
    organisationId: org.id,
  });
  const gp = actor(gpUser, 'REFERRING_CLINICIAN', practice);
  const consultant = actor(consultantUser, 'SERVICE_PROVIDER_CLINICIAN', trust);
  const patients = await em.find(
    Patient,
    { registeredPractice: practice.id, dateOfBirth: { $lt: '2008-01-01' } },
    { orderBy: { nhsNumber: 'asc' }, limit: 40 },
  );
  if (patients.length === 0) return 0;

  // Each step happens a little later than the last, over the past few days.
  let clock = new Date(options.now.getTime() - 4 * 86_400_000);
  const at = () => {
    clock = new Date(clock.getTime() + random.int(20, 180) * 60_000);
    return clock;
  };
  const services = (now: Date) => {
    const runtime = {
      em: orm.em.fork(),
      now,
      requestId: 'demo-seed',
      changes: SILENT_FEED,
      random: cryptoRandomBytes,
      dateContext: UK_DATE_CONTEXT,
    };
    const referrals = new ReferralService(runtime);
    return {
      referrals,
      commands: new ReferralCommands(referrals),
      booking: new BookingService(runtime, referrals, DEFAULT_BOOKING_SETTINGS),
    };
  };
  const firstFreeSlot = async () =>
    (await orm.em
      .fork()
      .findOne(Slot, { service: bookable.id, status: 'FREE' }, { orderBy: { startAt: 'asc' } }))!;

  let made = 0;
  for (const [outcome, count] of MIX) {
    for (let i = 0; i < count; i++) {
      const patient = patients[made % patients.length]!;
      const priority: Priority = random.chance(0.3) ? 'URGENT' : 'ROUTINE';
      const triageFirst =
        outcome === 'AWAITING_TRIAGE' ||
        outcome === 'TRIAGE_RESPONSE' ||
        outcome === 'ACCEPT_BOOK_LATER';
      const serviceIds = triageFirst
        ? [triage.id, bookable.id]
        : outcome === 'DEFERRED'
          ? [noSlots.id]
          : [bookable.id];
      const created = await services(at()).referrals.create(
        {
          patientId: patient.id,
          priority,
          serviceIds,
          letterStatus: outcome === 'NOT_BOOKED' ? 'NEED_TO_ADD_LATER' : 'NOT_INTENDING_TO_ADD',
          clinicalInformation: random.pick(CLINICAL),
        },
        gp,
      );
      const ubrn = created.referral.ubrn;
      made++;
      if (outcome === 'NOT_BOOKED') continue;
      if (outcome === 'DEFERRED') {
        await services(at()).commands.deferToProvider(ubrn, gp, { serviceId: noSlots.id }, {});
        continue;
      }
      if (triageFirst) {
        await services(at()).commands.sendForTriage(
          ubrn,
          gp,
          { serviceId: triage.id, comment: 'Please advise on the best route.' },
          {},
        );
        if (outcome === 'TRIAGE_RESPONSE') {
          await services(at()).commands.recordTriageOutcome(
            ubrn,
            consultant,
            {
              outcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
              comment:
                'Start bisoprolol 1.25 mg; refer to the arrhythmia clinic if symptoms persist after six weeks.',
            },
            {},
          );
        } else if (outcome === 'ACCEPT_BOOK_LATER') {
          await services(at()).commands.recordTriageOutcome(
            ubrn,
            consultant,
            {
              outcome: 'ACCEPT_REFER_BOOK_LATER',
              comment: 'Needs the arrhythmia clinic; booking team to arrange.',
            },
            {},
          );
        }
        continue;
      }
      await services(at()).booking.book(ubrn, { slotId: (await firstFreeSlot()).id }, gp);
      if (outcome === 'ACCEPTED')
        await services(at()).commands.accept(
          ubrn,
          consultant,
          { comment: 'Appropriate referral.' },
          {},
        );
      if (outcome === 'REJECTED') {
        await services(at()).commands.reject(
          ubrn,
          consultant,
          {
            reason: 'SERVICE_INAPPROPRIATE',
            comment: 'Better seen by the community heart failure team.',
          },
          {},
        );
      }
      if (outcome === 'PATIENT_CANCELLED') {
        await services(at()).commands.cancelAppointment(
          ubrn,
          gp,
          { reason: 'PATIENT_HOLIDAY', comment: null },
          {},
        );
      }
      if (outcome === 'CANCELLED') {
        await services(at()).commands.cancelReferral(
          ubrn,
          gp,
          { reason: 'TREATMENT_NO_LONGER_REQUIRED', comment: 'Symptoms resolved.' },
          {},
        );
      }
    }
  }
  return made;
}
