/** Referrals: creation, every transition of the referral machine, booking, history, documents. */
export { Referral } from './referral.entity.js';
export { Appointment } from './appointment.entity.js';
export { ReferralEventRecord } from './referral-event.entity.js';
export { ReferralDocument } from './referral-document.entity.js';
export {
  ReferralService,
  shortlistEntryOf,
  type ReferralRuntime,
  type ReferralRead,
  type ReferralWrite,
  type WriteOptions,
  type CreateReferralInput,
  type ReferralAudit,
  auditAction,
  ensureServicesSuitable,
} from './referral.service.js';
export { ReferralCommands } from './referral.commands.js';
export {
  BookingService,
  DEFAULT_BOOKING_SETTINGS,
  type BookingSettings,
} from './booking.service.js';
export {
  IMMEDIATE_CONFIRMATION,
  type ProviderBookingAdapter,
  type BookingConfirmation,
} from './provider-adapter.js';
export { type BookingGuards, DEFAULT_BOOKING_GUARDS } from './referral-store.js';
export { decodeSnapshot } from './snapshot-codec.js';

import { Appointment } from './appointment.entity.js';
import { ReferralDocument } from './referral-document.entity.js';
import { ReferralEventRecord } from './referral-event.entity.js';
import { Referral } from './referral.entity.js';

export const referralEntities = [Referral, Appointment, ReferralEventRecord, ReferralDocument];
export { cryptoRandomBytes, UK_DATE_CONTEXT } from './runtime.js';
export { ReferralResolver } from './referrals.resolver.js';
export { ReferralView, ReasonOption } from './referrals.types.js';
export { ReferralSlotsResolver } from './referral-slots.resolver.js';
export {
  documentRoutes,
  MAX_DOCUMENT_BYTES,
  ALLOWED_DOCUMENT_TYPES,
  UPLOAD_HEADER,
} from './documents.http.js';
