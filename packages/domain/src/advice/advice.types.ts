import type { AdviceOutcomeCode, AdviceRecommendationCode, Priority } from '../reference/index.js';
import type {
  ReferralEffect,
  ReferralSnapshot,
  ShortlistEntry,
} from '../referral/referral.types.js';
import type { WorklistCode } from '../worklists/worklist-codes.js';

/**
 * Advice & Guidance states (reference §4.3, the A023 worklist categories). The last three are
 * terminal.
 */
export const ADVICE_STATES = [
  'PROVIDER_RESPONSE_REQUIRED',
  'REFERRER_TO_SUBMIT_FURTHER_INFORMATION',
  'REFERRER_TO_REVIEW_RESPONSE',
  'CONVERSATION_ENDED_CANCELLED',
  'CONVERSATION_ENDED_CLOSED',
  'ADVICE_CONVERTED',
] as const;

/** An Advice & Guidance state. */
export type AdviceState = (typeof ADVICE_STATES)[number];

/** States no event leaves. */
export const TERMINAL_ADVICE_STATES: readonly AdviceState[] = [
  'CONVERSATION_ENDED_CANCELLED',
  'CONVERSATION_ENDED_CLOSED',
  'ADVICE_CONVERTED',
];

/** Whether an advice state is terminal. */
export function isTerminalAdviceState(state: AdviceState): boolean {
  return TERMINAL_ADVICE_STATES.includes(state);
}

/** Whether the referrer lets the provider turn the request into a referral (A044). */
export const CONVERSION_AUTHORISATIONS = [
  'AUTHORISED_TO_CONVERT',
  'NOT_AUTHORISED_TO_CONVERT',
] as const;
/** A conversion authorisation. */
export type ConversionAuthorisation = (typeof CONVERSION_AUTHORISATIONS)[number];

/** Everything the advice rules need to know about one request. */
export interface AdviceSnapshot {
  readonly ubrn: string;
  readonly version: number;
  readonly state: AdviceState;
  readonly stateChangedAt: Date;
  readonly createdAt: Date;
  readonly lastActivityAt: Date;
  readonly priority: Priority;
  readonly patientId: string;
  readonly referringOrganisationId: string;
  readonly referringClinicianId: string;
  readonly commissioningOrganisationId: string | null;
  /** The one advice service the request was sent to. */
  readonly service: ShortlistEntry;
  readonly providerConversionAuthorisation: ConversionAuthorisation;
  /** The provider's latest response outcome. */
  readonly lastOutcome: AdviceOutcomeCode | null;
  /** What the provider recommended with its latest advice. */
  readonly recommendation: AdviceRecommendationCode | null;
  /** Messages in the conversation so far (the request counts as the first). */
  readonly messageCount: number;
  /** When the provider first responded (for response-time reports). */
  readonly firstRespondedAt: Date | null;
}

interface EventBase {
  /** When present and different from the snapshot's version, the event is refused (`STALE_VERSION`). */
  readonly expectedVersion?: number | null;
}

/** The provider responds (A026): advice, or a request for more information. */
export interface RespondEvent extends EventBase {
  readonly type: 'RESPOND';
  readonly outcome: AdviceOutcomeCode;
  readonly guidance: string;
  /** Required with RETURN_TO_REFERRER_WITH_ADVICE. */
  readonly recommendation?: AdviceRecommendationCode | null;
  /** Always required (A026 `updatedPriority`); may equal the current priority. */
  readonly updatedPriority: Priority;
}

/** The referrer sends more information, or a follow-up question. */
export interface SendFurtherInformationEvent extends EventBase {
  readonly type: 'SEND_FURTHER_INFORMATION';
  readonly text: string;
}

/** The referrer is satisfied with the advice and closes the conversation. */
export interface CloseAdviceEvent extends EventBase {
  readonly type: 'CLOSE';
}

/** The referrer cancels the request. */
export interface CancelAdviceEvent extends EventBase {
  readonly type: 'CANCEL';
  readonly comment?: string | null;
}

/**
 * Convert the request into a referral on the same UBRN (A027). A provider may convert only when
 * the referrer authorised it; the referral then waits on the provider's Appointments for Booking.
 * The referrer may always convert, choosing a shortlist; the referral is then not booked.
 */
export interface ConvertToReferralEvent extends EventBase {
  readonly type: 'CONVERT_TO_REFERRAL';
  readonly priority: Priority;
  /** Provider: final guidance to the referrer (mandatory). Referrer: optional note. */
  readonly comment?: string | null;
  /** Referrer only: the services to shortlist. */
  readonly shortlist?: readonly ShortlistEntry[] | null;
  /** Referrer only: the letter intention for the new referral (default NOT_INTENDING_TO_ADD). */
  readonly letterStatus?: 'ATTACHED' | 'NEED_TO_ADD_LATER' | 'NOT_INTENDING_TO_ADD' | null;
}

/** Every Advice & Guidance event. */
export type AdviceEvent =
  | RespondEvent
  | SendFurtherInformationEvent
  | CloseAdviceEvent
  | CancelAdviceEvent
  | ConvertToReferralEvent;

/** An advice event type. */
export type AdviceEventType = AdviceEvent['type'];

/** Every advice event type. */
export const ADVICE_EVENT_TYPES = [
  'RESPOND',
  'SEND_FURTHER_INFORMATION',
  'CLOSE',
  'CANCEL',
  'CONVERT_TO_REFERRAL',
] as const satisfies readonly AdviceEventType[];

/**
 * The kinds of message in a conversation: the referrer's request, further information and
 * cancellation note; the provider's advice and request for information; and the final note of a
 * conversion (either side).
 */
export const ADVICE_MESSAGE_KINDS = [
  'REQUEST',
  'ADVICE',
  'REQUEST_FOR_INFORMATION',
  'FURTHER_INFORMATION',
  'CANCELLATION',
  'CONVERSION',
] as const;

/** The kind of a message in the conversation. */
export type AdviceMessageKind = (typeof ADVICE_MESSAGE_KINDS)[number];

/** Effects the server must perform for an advice transition. */
export type AdviceEffect =
  /** Store a message in the conversation (clinical content). */
  | {
      readonly type: 'RECORD_MESSAGE';
      readonly author: 'REFERRER' | 'PROVIDER';
      readonly kind: AdviceMessageKind;
      readonly text: string;
    }
  | {
      readonly type: 'PUT_ON_WORKLIST';
      readonly worklist: WorklistCode;
      readonly organisationId: string;
    }
  | {
      readonly type: 'TAKE_OFF_WORKLIST';
      readonly worklist: WorklistCode;
      readonly organisationId: string;
    }
  | {
      readonly type: 'NOTIFY';
      readonly recipient: 'REFERRER' | 'PROVIDER';
      readonly organisationId: string;
      /** The event, or `CREATE` for a new request. */
      readonly about: AdviceEventType | 'CREATE';
      readonly state: AdviceState;
    }
  /** Create the referral a conversion produced, and perform its own effects. */
  | {
      readonly type: 'CREATE_REFERRAL';
      readonly referral: ReferralSnapshot;
      readonly effects: readonly ReferralEffect[];
    };
