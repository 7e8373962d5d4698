/**
 * The one catalogue of error codes shared by the domain package, the server (as GraphQL
 * `extensions.code`) and the web app (which turns a code into the message shown to users).
 *
 * Codes are stable: clients may branch on them. Messages are plain English written for the
 * person using the service, not for a developer.
 */
export const ERROR_CATALOGUE = {
  // Input validation
  BAD_USER_INPUT: 'Some of the information entered is not valid.',
  INVALID_CHARACTERS:
    'Some of the information entered contains characters that cannot be used (control characters, like a NUL byte). Remove them and try again.',
  INVALID_POSTCODE: 'Enter a full UK postcode, like LS1 4AP.',
  UNKNOWN_POSTCODE: 'We could not find that postcode. Check it and try again.',
  INVALID_CODE: 'That code is not one we recognise.',
  UNKNOWN_SPECIALTY: 'Select a specialty from the list.',
  UNKNOWN_CLINIC_TYPE: 'Select a clinic type from the list.',
  CLINIC_TYPE_NOT_IN_SPECIALTY: 'That clinic type does not belong to the selected specialty.',
  INVALID_DISTANCE: 'Enter a distance of 0 miles or more.',
  INVALID_AGE: 'Enter an age between 0 and 130.',
  INVALID_PAGE_SIZE: 'Ask for between 1 and 100 results at a time.',
  INVALID_CURSOR: 'That page of results is no longer available. Start the search again.',
  INVALID_NHS_NUMBER: 'Enter a valid 10-digit NHS number, like 943 476 5919.',
  INVALID_UBRN: 'Enter a valid 12-digit booking reference (UBRN), like 0000 4961 4844.',
  INVALID_WAIT: 'Enter a maximum wait of 0 days or more.',
  INVALID_ACCESS_CODE:
    'Enter the 8-character access code from the referral letter, like ABCD 2345.',
  INVALID_DATE: 'Enter a real date, like 2026-11-21.',
  INVALID_PRIORITY: 'Select a priority: routine, urgent or two week wait.',
  INVALID_BOOKING_WINDOW:
    'A booking window must open at least 1 hour ahead and close on or after the day it opens.',
  INVALID_RESERVATION_DAYS: 'New slots can be reserved for the provider for 0, 1 or 2 days.',

  // Directory of Services and slot supply (service definers, provider systems)
  VALIDATION_FAILED:
    'Some answers need correcting. Each problem is listed with the field it concerns.',
  NAME_REQUIRED: 'Enter a name.',
  FIELD_TOO_LONG: 'That answer is too long.',
  INVALID_AGE_RANGE:
    'Enter ages between 0 and 130, with the youngest age no older than the oldest.',
  INVALID_EFFECTIVE_DATES:
    'Enter real dates, with the end date on or after the date the service starts.',
  PRIORITY_REQUIRED: 'Select at least one priority.',
  INVALID_REQUEST_FLOW:
    'Only services that take appointment requests can be directly bookable. Choose indirectly bookable for triage and advice services.',
  INVALID_NAMED_CLINICIAN: 'Give each named clinician an identifier and a name, each only once.',
  INVALID_OFFER_HOURS: 'Hold an offered appointment for between 1 and 168 hours (7 days).',
  INVALID_HORIZON: 'Publish slots between 1 and 52 weeks ahead.',
  INVALID_WAIT_DAYS: 'Enter an indicative wait of 0 to 730 days.',
  INVALID_SITE_CODE: 'Enter a site code of 3 to 12 letters and numbers, like RR801.',
  SITE_CODE_TAKEN: 'Another site already uses that site code.',
  SERVICE_RETIRED: 'That service has ended. Retired services cannot be changed.',
  INVALID_TIME: 'Enter a time in 24-hour format, like 09:30.',
  WEEKDAY_REQUIRED: 'Select at least one day of the week.',
  INVALID_SESSION_LENGTH: 'A session must last between 5 minutes and 12 hours and end by midnight.',
  INVALID_SLOT_LENGTH:
    'Slots must last between 5 and 240 minutes, and a session must hold at least one slot.',
  INVALID_EVERY_WEEKS: 'Run the session every 1 to 8 weeks.',
  INVALID_DATE_RANGE: 'Enter a date range of real dates, the end on or after the start.',
  INVALID_SLOT_TIMES: 'A slot must end after it starts, and last no more than 12 hours.',
  SLOT_NOT_AT_SERVICE: 'That slot does not belong to this service.',
  SLOT_CHANGE_NOT_ALLOWED: 'That slot cannot be changed in its current state.',
  REDIRECT_NOT_ALLOWED:
    'Only the provider’s staff can move a referral to another service, not its system.',
  TOO_MANY_ITEMS_IN_REQUEST: 'Send at most 10,000 items in one request.',

  // Access
  UNAUTHENTICATED: 'You need to sign in to do that.',
  FORBIDDEN: 'You do not have permission to do that in your current role.',
  NO_RELATIONSHIP: 'Your organisation does not have a legitimate relationship with this record.',
  ON_BEHALF_OF_REQUIRED: 'Choose the clinician you are acting on behalf of.',
  INVALID_CREDENTIALS: 'The username or password is not right. Check them and try again.',
  SESSION_EXPIRED: 'Your session has ended. Sign in again.',
  ROLE_NOT_SELECTED: 'Choose the role and organisation you are working as.',
  NOT_LINKED_CLINICIAN: 'You are not linked to that clinician, so you cannot act on their behalf.',

  // Referral workflow
  REFERENCE_NOT_FOUND: 'We could not find that record.',
  INVALID_REQUEST_STATE: 'That action is not possible in the referral’s current state.',
  STALE_VERSION:
    'Someone else has changed this referral since you opened it. Refresh to see the latest version.',
  TOO_MANY_ITEMS: 'A shortlist can hold between 1 and 20 services.',
  SHORTLIST_EMPTY: 'Add at least one service to the shortlist.',
  DUPLICATE_SERVICE: 'A service can only appear once on the shortlist.',
  UNSUPPORTED_PRIORITY: 'A shortlisted service does not accept this priority.',
  SERVICE_NOT_ON_SHORTLIST: 'That service is not on the referral’s shortlist.',
  SERVICE_NOT_SUITABLE: 'That service cannot take this kind of request.',
  NO_REG_GP_PRACTICE:
    'The patient must be registered with a GP practice before they can be referred.',
  INVALID_PATHWAY_START:
    'The pathway start date must be today or earlier, and no more than 365 days ago.',
  SLOT_REQUIRED: 'Choose an appointment.',
  SLOTS_CURRENTLY_AVAILABLE:
    'Appointments are available for this service, so the referral cannot be deferred. Book one instead.',
  SLOT_NOT_AVAILABLE: 'That appointment is no longer available. Choose another.',
  COMMENT_REQUIRED: 'Enter a comment for this reason.',
  COMMENT_TOO_LONG: 'The comment is too long. It can be up to 2,000 characters.',
  REASON_REQUIRED: 'Choose a reason.',
  REASON_NOT_ALLOWED: 'That reason cannot be used in your role for this action.',
  PRIORITY_NOT_CURRENT: 'The priority cannot be changed with this action.',
  LETTER_REQUIRED: 'Attach at least one referral letter file.',
  CLINICAL_INFORMATION_REQUIRED:
    'Enter the clinical information, attach the referral letter, or say the letter will follow and when.',
  LETTER_DUE_DATE_IN_PAST: 'The date the letter is due must be today or in the future.',
  LETTER_DUE_DATE_TOO_LATE:
    'The letter must follow within 1 working day for a two week wait or urgent referral, and within 3 working days for a routine one.',
  REFERRAL_LETTER_OUTSTANDING:
    'The referral letter has not arrived yet, so the referral cannot be accepted. Accept it once the referrer attaches the letter, or reject it asking for further information.',
  APPOINTMENT_NOT_YET_DUE:
    'You can only record that the patient did not attend once the appointment has started.',
  PAS_CANCELLATION_ANSWER_REQUIRED:
    'Say whether the appointment has already been cancelled in your hospital system.',
  NO_CHANGES_DETECTED: 'Nothing has changed. Make a change or go back.',
  TEXT_REQUIRED: 'Enter a message.',
  TEXT_TOO_LONG: 'The message is too long. It can be up to 8,000 characters.',
  RECOMMENDATION_REQUIRED: 'Choose what you recommend happens next.',
  CONVERSION_AUTHORISATION_REQUIRED:
    'Say whether the provider may turn this advice request into a referral.',
  NOT_AUTHORISED_TO_CONVERT:
    'The referrer has not authorised the provider to turn this advice request into a referral.',
  IDEMPOTENCY_KEY_REUSED:
    'This request reuses an idempotency key with different details. Use a new key for a new request.',
  REQUEST_IN_PROGRESS:
    'A request with this idempotency key is still being processed. Wait a moment, then try again with the same key.',
  DUPLICATE_FILENAME:
    'A document with that file name is already attached. Rename the file or remove the other one.',
  INVALID_FILE_TYPE:
    'That type of file cannot be attached. Use PDF, Word, rich text, plain text, XML, an image (PNG, GIF, JPEG, TIFF), audio, video or DICOM.',
  FILE_TOO_LARGE: 'The file must be smaller than 5 MB.',
  BOOKING_ATTEMPT_PROBLEM:
    'The provider’s system could not confirm the booking. The referral has been deferred to the provider, who will contact the patient.',

  // Requests the API cannot read (outside GraphQL's own validation)
  BAD_REQUEST: 'The request could not be read. Send it as valid JSON.',
  PAYLOAD_TOO_LARGE: 'The request is too large. Send less at a time.',
  NOT_FOUND: 'There is nothing at that address.',

  // Limits and internals
  RATE_LIMITED: 'Too many attempts. Wait a minute and try again.',
  QUERY_TOO_COMPLEX: 'The request is too large or too complex.',
  SERVICE_UNAVAILABLE:
    'The service cannot reach its database for a moment. Try again shortly: a change sent again with the same idempotency key is never made twice.',
  INTERNAL_SERVER_ERROR:
    'Something went wrong on our side. Try again; if it keeps happening, contact the service desk.',
} as const satisfies Record<string, string>;

/** A stable error code from the catalogue. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Every error code, for exhaustiveness checks and documentation. */
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/** The plain-English message for an error code. */
export function errorMessage(code: ErrorCode): string {
  return ERROR_CATALOGUE[code];
}

/** Whether a string is one of the catalogue's codes (for clients reading `extensions.code`). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, value);
}
