import type { Priority, SessionTemplateInput } from '../../gql/graphql';
import { ukToday } from '../../lib/format';
import { wholeNumber } from './problems';

/** The fields of the session template form, in page order (also the API's input names). */
export const TEMPLATE_FIELDS = [
  'label',
  'weekdays',
  'startTime',
  'sessionMinutes',
  'slotMinutes',
  'priorities',
  'clinicianId',
  'validFrom',
  'validTo',
  'everyWeeks',
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

export const TEMPLATE_CODE_FIELDS: Partial<Record<string, TemplateField>> = {
  NAME_REQUIRED: 'label',
  WEEKDAY_REQUIRED: 'weekdays',
  INVALID_TIME: 'startTime',
  INVALID_SESSION_LENGTH: 'sessionMinutes',
  INVALID_SLOT_LENGTH: 'slotMinutes',
  PRIORITY_REQUIRED: 'priorities',
  INVALID_NAMED_CLINICIAN: 'clinicianId',
  INVALID_DATE_RANGE: 'validTo',
  INVALID_EVERY_WEEKS: 'everyWeeks',
};

export const templateFieldId = (field: TemplateField) => `template-${field}`;

export interface TemplateValues {
  readonly label: string;
  readonly weekdays: readonly string[];
  readonly startTime: string;
  readonly sessionMinutes: string;
  readonly slotMinutes: string;
  readonly priorities: readonly Priority[];
  readonly clinicianId: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly everyWeeks: string;
  readonly includeBankHolidays: boolean;
}

export function newTemplateValues(priorities: readonly Priority[]): TemplateValues {
  return {
    label: '',
    weekdays: [],
    startTime: '09:00',
    sessionMinutes: '180',
    slotMinutes: '15',
    priorities: [...priorities],
    clinicianId: '',
    validFrom: ukToday(),
    validTo: '',
    everyWeeks: '1',
    includeBankHolidays: false,
  };
}

const NOT_A_NUMBER = 'Enter a whole number, like 15.';

/** The API input for a template, or the fields whose text is not a number or date at all. */
export function toTemplateInput(
  v: TemplateValues,
): { input: SessionTemplateInput } | { errors: Partial<Record<TemplateField, string>> } {
  const errors: Partial<Record<TemplateField, string>> = {};
  const int = (field: TemplateField, value: string) => {
    const n = wholeNumber(value);
    if (n === null || Number.isNaN(n)) {
      errors[field] = NOT_A_NUMBER;
      return 0;
    }
    return n;
  };
  const sessionMinutes = int('sessionMinutes', v.sessionMinutes);
  const slotMinutes = int('slotMinutes', v.slotMinutes);
  const everyWeeks = int('everyWeeks', v.everyWeeks);
  if (!v.validFrom) errors.validFrom = 'Enter the date the template starts.';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    input: {
      label: v.label,
      weekdays: v.weekdays.map(Number),
      startTime: v.startTime.trim(),
      sessionMinutes,
      slotMinutes,
      priorities: [...v.priorities],
      clinicianId: v.clinicianId || null,
      validFrom: v.validFrom,
      validTo: v.validTo || null,
      everyWeeks,
      includeBankHolidays: v.includeBankHolidays,
    },
  };
}
