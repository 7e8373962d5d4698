import {
  ADVICE_EVENT_TYPES,
  ADVICE_MESSAGE_KINDS,
  ADVICE_RECOMMENDATIONS,
  ADVICE_STATES,
  CONVERSION_AUTHORISATIONS,
  APPOINTMENT_STATUSES,
  COMMENT_RULES,
  LETTER_STATUSES,
  PROPOSAL_REASONS,
  REFERRAL_EVENT_TYPES,
  REFERRAL_STATES,
  ROLES,
  WORKLIST_CODES,
  APPOINTMENT_TYPES,
  BOOKABLE_TYPES,
  ORGANISATION_KINDS,
  PATIENT_SEXES,
  PRIORITY_CODES,
  REQUEST_FLOWS,
  SEARCH_REQUEST_TYPES,
  SERVICE_SORTS,
  SEXES_TREATED,
} from '@open-ers/domain';
import { registerEnumType } from 'type-graphql';

/** Turns a domain list of codes into the `{ CODE: 'CODE' }` object type-graphql registers. */
export function enumObject<const T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

export const PriorityEnum = enumObject(PRIORITY_CODES);
export const RequestFlowEnum = enumObject(REQUEST_FLOWS);
export const BookableTypeEnum = enumObject(BOOKABLE_TYPES);
export const AppointmentTypeEnum = enumObject(APPOINTMENT_TYPES);
export const SexTreatedEnum = enumObject(SEXES_TREATED);
export const PatientSexEnum = enumObject(PATIENT_SEXES);
export const OrganisationKindEnum = enumObject(ORGANISATION_KINDS);
export const ServiceSortEnum = enumObject(SERVICE_SORTS);
export const SearchRequestTypeEnum = enumObject(SEARCH_REQUEST_TYPES);
export const ReferralStateEnum = enumObject(REFERRAL_STATES);
export const ReferralActionEnum = enumObject(REFERRAL_EVENT_TYPES);
export const CommentRuleEnum = enumObject(COMMENT_RULES);
export const LetterStatusEnum = enumObject(LETTER_STATUSES);
export const AppointmentStatusEnum = enumObject(APPOINTMENT_STATUSES);
export const ProposalReasonEnum = enumObject(PROPOSAL_REASONS);
export const RoleEnum = enumObject(ROLES);
export const WorklistCodeEnum = enumObject(WORKLIST_CODES);
export const AccessLevelEnum = enumObject(['CLINICAL', 'ADMINISTRATIVE'] as const);
export const AdviceStateEnum = enumObject(ADVICE_STATES);
export const AdviceActionEnum = enumObject(ADVICE_EVENT_TYPES);
export const ConversionAuthorisationEnum = enumObject(CONVERSION_AUTHORISATIONS);
export const AdviceRecommendationEnum = enumObject(ADVICE_RECOMMENDATIONS.map((r) => r.code));
export const AdviceMessageKindEnum = enumObject(ADVICE_MESSAGE_KINDS);
export const ConversationSideEnum = enumObject(['REFERRER', 'PROVIDER'] as const);
export const WorklistItemKindEnum = enumObject(['REFERRAL', 'ADVICE_REQUEST'] as const);

registerEnumType(CommentRuleEnum, {
  name: 'CommentRule',
  description:
    'Whether an action asks for a comment: NONE, OPTIONAL, REQUIRED, or BY_REASON (required when the chosen reason says so).',
});
registerEnumType(PriorityEnum, {
  name: 'Priority',
  description:
    'Clinical priority of a referral, most urgent first: two week wait, urgent, routine.',
});
registerEnumType(RequestFlowEnum, {
  name: 'RequestFlow',
  description:
    'How a service is asked for: an appointment, a triage (assessment) request or Advice & Guidance.',
});
registerEnumType(BookableTypeEnum, {
  name: 'BookableType',
  description:
    'Directly bookable services publish slots; indirectly bookable ones are booked by phone.',
});
registerEnumType(AppointmentTypeEnum, { name: 'AppointmentType' });
registerEnumType(SexTreatedEnum, { name: 'SexTreated', description: 'Sexes a service treats.' });
registerEnumType(PatientSexEnum, {
  name: 'PatientSex',
  description:
    'A patient’s recorded sex. Unknown or indeterminate sex matches services for both sexes only.',
});
registerEnumType(OrganisationKindEnum, { name: 'OrganisationKind' });
registerEnumType(ServiceSortEnum, {
  name: 'ServiceSort',
  description: 'Order of service search results.',
});
registerEnumType(SearchRequestTypeEnum, {
  name: 'SearchRequestType',
  description:
    'What the search is for: a referral (appointment or triage services) or Advice & Guidance.',
});
registerEnumType(ReferralStateEnum, {
  name: 'ReferralState',
  description: 'Where a referral stands (e-RS states, plus ACCEPTED once a provider accepts it).',
});
registerEnumType(ReferralActionEnum, {
  name: 'ReferralAction',
  description:
    'Something a user can do to a referral; `allowedActions` lists those open to the current user.',
});
registerEnumType(LetterStatusEnum, {
  name: 'LetterStatus',
  description: 'The referral letter: attached, to follow (with a due date), or not intended.',
});
registerEnumType(AppointmentStatusEnum, { name: 'AppointmentStatus' });
registerEnumType(ProposalReasonEnum, {
  name: 'ProposalReason',
  description: 'Why an appointment is only proposed: the reason for a slot issue, or triage.',
});
registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'A role a user can act in at an organisation.',
});
registerEnumType(WorklistCodeEnum, {
  name: 'WorklistCode',
  description: 'A worklist (reference §5).',
});
registerEnumType(AccessLevelEnum, {
  name: 'AccessLevel',
  description:
    'What the current user may see of a referral: everything, or only the administrative facts.',
});
registerEnumType(AdviceStateEnum, {
  name: 'AdviceState',
  description:
    'Where an Advice & Guidance request stands (the e-RS worklist categories). CONVERSATION_ENDED_CANCELLED, CONVERSATION_ENDED_CLOSED and ADVICE_CONVERTED end the conversation.',
});
registerEnumType(AdviceActionEnum, {
  name: 'AdviceAction',
  description:
    'Something a user can do to an Advice & Guidance request; `allowedActions` lists those open to the current user.',
});
registerEnumType(ConversionAuthorisationEnum, {
  name: 'ConversionAuthorisation',
  description:
    'Whether the referrer lets the provider turn the advice request into a referral on the same UBRN.',
});
registerEnumType(AdviceRecommendationEnum, {
  name: 'AdviceRecommendation',
  description: 'What the provider recommends happens next when returning advice.',
  valuesConfig: Object.fromEntries(
    ADVICE_RECOMMENDATIONS.map((r) => [r.code, { description: r.name }]),
  ),
});
registerEnumType(AdviceMessageKindEnum, {
  name: 'AdviceMessageKind',
  description: 'What a message in an Advice & Guidance conversation is.',
});
registerEnumType(ConversationSideEnum, {
  name: 'ConversationSide',
  description: 'Which side of an Advice & Guidance conversation wrote a message.',
});
registerEnumType(WorklistItemKindEnum, {
  name: 'WorklistItemKind',
  description: 'What a worklist item is: a referral or an Advice & Guidance request.',
});
