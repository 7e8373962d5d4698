import { describe, expect, it } from 'vitest';
import { NO_HOLIDAYS } from '../dates/working-days.js';
import { englandBankHolidays } from '../holidays/index.js';
import {
  localTimeToInstant,
  planSlots,
  validateScheduleException,
  validateSessionTemplate,
  type SessionTemplate,
} from './schedule.js';

const LONDON = 'Europe/London';
const england = englandBankHolidays();

const template = (overrides: Partial<SessionTemplate> = {}): SessionTemplate => ({
  id: 'tpl-1',
  weekdays: [1],
  startTime: '09:00',
  sessionMinutes: 60,
  slotMinutes: 20,
  priorities: ['ROUTINE', 'URGENT'],
  clinicianId: null,
  clinicianName: null,
  validFrom: '2026-01-01',
  validTo: null,
  everyWeeks: 1,
  includeBankHolidays: false,
  ...overrides,
});

const starts = (plan: ReturnType<typeof planSlots>) => plan.slots.map((s) => s.start.toISOString());
const codes = (errors: { field: string; code: string }[]) =>
  errors.map((e) => `${e.field}:${e.code}`);

describe('planSlots', () => {
  it('cuts each session into whole slots on the template’s weekdays', () => {
    const plan = planSlots({
      templates: [template({ sessionMinutes: 70 })],
      from: '2026-11-23',
      to: '2026-12-06',
      timeZone: LONDON,
      holidays: england,
    });
    // Two Mondays, three 20-minute slots each; the last 10 minutes make no slot.
    expect(starts(plan)).toEqual([
      '2026-11-23T09:00:00.000Z',
      '2026-11-23T09:20:00.000Z',
      '2026-11-23T09:40:00.000Z',
      '2026-11-30T09:00:00.000Z',
      '2026-11-30T09:20:00.000Z',
      '2026-11-30T09:40:00.000Z',
    ]);
    const first = plan.slots[0]!;
    expect(first.end.toISOString()).toBe('2026-11-23T09:20:00.000Z');
    expect(first.priorities).toEqual(['ROUTINE', 'URGENT']);
    expect(first.templateId).toBe('tpl-1');
    expect(first.sourceKey).toBe('s:tpl-1:2026-11-23T09:00:00.000Z');
  });

  it('keeps 09:00 at 09:00 local time across both clock changes (last Sundays of March and October)', () => {
    const sundays = template({ weekdays: [7], sessionMinutes: 20 });
    const on = (from: string, to: string) =>
      starts(planSlots({ templates: [sundays], from, to, timeZone: LONDON, holidays: england }));
    // GMT on 22 March, BST from 01:00 UTC on 29 March 2026.
    expect(on('2026-03-22', '2026-03-29')).toEqual([
      '2026-03-22T09:00:00.000Z',
      '2026-03-29T08:00:00.000Z',
    ]);
    // BST on 18 October, GMT again from 01:00 UTC on 25 October 2026.
    expect(on('2026-10-18', '2026-10-25')).toEqual([
      '2026-10-18T08:00:00.000Z',
      '2026-10-25T09:00:00.000Z',
    ]);
  });

  it('plans a session through the hour the clocks skip without a duplicate or an overlap', () => {
    const plan = planSlots({
      templates: [
        template({ weekdays: [7], startTime: '00:00', sessionMinutes: 180, slotMinutes: 30 }),
      ],
      from: '2026-03-29',
      to: '2026-03-29',
      timeZone: LONDON,
      holidays: england,
    });
    const list = starts(plan);
    expect(new Set(list).size).toBe(list.length);
    expect(list[0]).toBe('2026-03-29T00:00:00.000Z');
    // The last slot starts at 02:30 BST (01:30 UTC).
    expect(list.at(-1)).toBe('2026-03-29T01:30:00.000Z');
    expect(localTimeToInstant('2026-03-29', 90, LONDON).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    // 01:30 on 25 October happens twice: it is planned once, in GMT.
    expect(localTimeToInstant('2026-10-25', 90, LONDON).toISOString()).toBe(
      '2026-10-25T01:30:00.000Z',
    );
  });

  it('skips England’s bank holidays (25, 26 and 28 December 2026, 1 January 2027) and reports them', () => {
    const everyDay = template({ weekdays: [1, 2, 3, 4, 5, 6, 7], sessionMinutes: 20 });
    const plan = planSlots({
      templates: [everyDay],
      from: '2026-12-24',
      to: '2027-01-02',
      timeZone: LONDON,
      holidays: england,
    });
    const dates = starts(plan).map((s) => s.slice(0, 10));
    expect(dates).toEqual([
      '2026-12-24',
      '2026-12-27',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-02',
    ]);
    // Boxing Day falls on a Saturday: the calendar lists it and its substitute, Monday 28th.
    expect(plan.skippedBankHolidays).toEqual([
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
      '2027-01-01',
    ]);
  });

  it('runs on bank holidays when the template includes them', () => {
    const plan = planSlots({
      templates: [template({ weekdays: [5], sessionMinutes: 20, includeBankHolidays: true })],
      from: '2026-12-25',
      to: '2026-12-25',
      timeZone: LONDON,
      holidays: england,
    });
    expect(starts(plan)).toEqual(['2026-12-25T09:00:00.000Z']);
    expect(plan.skippedBankHolidays).toEqual([]);
  });

  it('runs every N weeks counted from the week of validFrom, and only within the valid dates', () => {
    // Valid from Wednesday 25 November: its week starts Monday 23 November.
    const fortnightly = template({
      weekdays: [1, 3],
      sessionMinutes: 20,
      everyWeeks: 2,
      validFrom: '2026-11-25',
      validTo: '2026-12-21',
    });
    const plan = planSlots({
      templates: [fortnightly],
      from: '2026-11-01',
      to: '2027-01-31',
      timeZone: LONDON,
      holidays: NO_HOLIDAYS,
    });
    expect(starts(plan).map((s) => s.slice(0, 10))).toEqual([
      '2026-11-25',
      '2026-12-07',
      '2026-12-09',
      '2026-12-21',
    ]);
  });

  it('leaves out a cancelled session and adds an extra one, with keys of their own', () => {
    const other = template({ id: 'tpl-2', startTime: '14:00', sessionMinutes: 20 });
    const plan = planSlots({
      templates: [template({ sessionMinutes: 20 }), other],
      exceptions: [
        { kind: 'CANCEL_SESSION', id: 'x1', date: '2026-11-23', templateId: 'tpl-1' },
        { kind: 'CANCEL_SESSION', id: 'x2', date: '2026-11-30', templateId: null },
        {
          kind: 'EXTRA_SESSION',
          id: 'x3',
          date: '2026-11-28',
          startTime: '10:00',
          sessionMinutes: 30,
          slotMinutes: 15,
          priorities: ['TWO_WEEK_WAIT'],
          clinicianId: 'c1',
          clinicianName: 'Dr One',
        },
      ],
      from: '2026-11-23',
      to: '2026-11-30',
      timeZone: LONDON,
      holidays: england,
    });
    expect(plan.slots.map((s) => s.sourceKey)).toEqual([
      's:tpl-2:2026-11-23T14:00:00.000Z',
      'e:x3:2026-11-28T10:00:00.000Z',
      'e:x3:2026-11-28T10:15:00.000Z',
    ]);
    expect(plan.slots[1]).toMatchObject({
      priorities: ['TWO_WEEK_WAIT'],
      clinicianId: 'c1',
      clinicianName: 'Dr One',
      templateId: null,
    });
  });

  it('plans the same slots and keys every time (publication relies on it)', () => {
    const input = {
      templates: [
        template({ weekdays: [1, 2, 3, 4, 5] }),
        template({ id: 'tpl-2', weekdays: [2] }),
      ],
      from: '2026-11-21',
      to: '2027-05-22',
      timeZone: LONDON,
      holidays: england,
    };
    const a = planSlots(input);
    const b = planSlots(input);
    expect(b).toEqual(a);
    expect(new Set(a.slots.map((s) => s.sourceKey)).size).toBe(a.slots.length);
    const times = a.slots.map((s) => s.start.getTime());
    expect([...times].sort((x, y) => x - y)).toEqual(times);
  });

  it('plans nothing for an empty or reversed range', () => {
    expect(
      planSlots({
        templates: [template()],
        from: '2026-11-24',
        to: '2026-11-23',
        timeZone: LONDON,
        holidays: england,
      }).slots,
    ).toEqual([]);
  });
});

describe('validateSessionTemplate', () => {
  it('accepts a valid template', () => {
    expect(validateSessionTemplate({ ...template(), label: 'Monday clinic' })).toEqual([]);
  });

  it('names every problem with its field and code', () => {
    const errors = validateSessionTemplate({
      ...template(),
      label: ' ',
      weekdays: [],
      startTime: '9am',
      sessionMinutes: 3,
      slotMinutes: 500,
      everyWeeks: 9,
      validFrom: '2026-02-30',
      priorities: [],
    });
    expect(codes(errors)).toEqual([
      'label:NAME_REQUIRED',
      'weekdays:WEEKDAY_REQUIRED',
      'startTime:INVALID_TIME',
      'sessionMinutes:INVALID_SESSION_LENGTH',
      'slotMinutes:INVALID_SLOT_LENGTH',
      'everyWeeks:INVALID_EVERY_WEEKS',
      'validFrom:INVALID_DATE_RANGE',
      'priorities:PRIORITY_REQUIRED',
    ]);
    expect(errors[0]!.message).toBe('Enter a name.');
  });

  it('refuses a session past midnight, slots longer than the session, bad weekdays and a reversed range', () => {
    expect(
      codes(
        validateSessionTemplate({
          ...template(),
          weekdays: [0, 8],
          startTime: '23:30',
          sessionMinutes: 60,
          validTo: '2025-12-31',
        }),
      ),
    ).toEqual([
      'weekdays:WEEKDAY_REQUIRED',
      'sessionMinutes:INVALID_SESSION_LENGTH',
      'validTo:INVALID_DATE_RANGE',
    ]);
    expect(codes(validateSessionTemplate({ ...template(), slotMinutes: 90 }))).toEqual([
      'slotMinutes:INVALID_SLOT_LENGTH',
    ]);
    expect(codes(validateSessionTemplate({ ...template(), label: 'x'.repeat(101) }))).toEqual([
      'label:FIELD_TOO_LONG',
    ]);
  });

  it('accepts a named clinician only if the service names them', () => {
    const namedClinicians = [{ id: 'c1' }];
    expect(
      validateSessionTemplate({ ...template(), clinicianId: 'c1' }, { namedClinicians }),
    ).toEqual([]);
    expect(
      codes(validateSessionTemplate({ ...template(), clinicianId: 'c2' }, { namedClinicians })),
    ).toEqual(['clinicianId:INVALID_NAMED_CLINICIAN']);
  });
});

describe('validateScheduleException', () => {
  it('checks an extra session like a template, and only the date of a cancellation', () => {
    expect(
      validateScheduleException({ kind: 'CANCEL_SESSION', date: '2026-12-01', templateId: 't' }),
    ).toEqual([]);
    expect(
      codes(
        validateScheduleException({
          kind: 'EXTRA_SESSION',
          date: '2026-13-01',
          startTime: null,
          sessionMinutes: null,
          slotMinutes: 10,
          priorities: ['ROUTINE'],
        }),
      ),
    ).toEqual([
      'date:INVALID_DATE',
      'startTime:INVALID_TIME',
      'sessionMinutes:INVALID_SESSION_LENGTH',
    ]);
  });
});
