import { useApolloClient, useQuery } from '@apollo/client/react';
import { COMMENT_MAX_LENGTH } from '@open-ers/domain';
import {
  BackLink,
  Button,
  Radios,
  Select,
  Tag,
  Textarea,
  WarningCallout,
} from 'nhsuk-react-components';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { usePageTitle } from '../../app/page';
import { useSession } from '../../app/session';
import { FormErrors, type Problem } from '../../components/FormErrors';
import { LoadingMessage, PageProblem } from '../../components/PageStates';
import { graphql } from '../../gql';
import type { SlotCalendarDataQuery } from '../../gql/graphql';
import {
  addDays,
  formatDate,
  formatDayDate,
  formatReference,
  formatTime,
  priorityName,
  ukToday,
} from '../../lib/format';
import { SLOT_STATE_LABELS } from '../../lib/labels';
import { DoneBanner } from '../../components/DoneBanner';
import { DefinerHeading } from './form-fields';
import { splitProblems, summaryOf } from './problems';

export const SlotCalendarData = graphql(`
  query SlotCalendarData($serviceId: ID!, $from: LocalDate!, $to: LocalDate!) {
    definedService(id: $serviceId) {
      id
      service {
        id
        name
      }
    }
    slotCalendar(serviceId: $serviceId, from: $from, to: $to) {
      date
      slots {
        id
        startAt
        endAt
        priorities
        clinicianName
        state
        reason
        comment
        heldUntil
        scheduleId
      }
    }
    slotBlockReasons {
      code
      name
      commentRequired
    }
    slotCancellationReasons {
      code
      name
      commentRequired
    }
  }
`);

export const BlockSlots = graphql(`
  mutation BlockSlots($input: SlotActionInput!) {
    blockSlots(input: $input) {
      changed
      cancelledReferrals
    }
  }
`);

export const UnblockSlots = graphql(`
  mutation UnblockSlots($input: SlotReleaseInput!) {
    unblockSlots(input: $input) {
      changed
      cancelledReferrals
    }
  }
`);

export const CancelSlots = graphql(`
  mutation CancelSlots($input: SlotActionInput!) {
    cancelSlots(input: $input) {
      changed
      cancelledReferrals
    }
  }
`);

type Day = SlotCalendarDataQuery['slotCalendar'][number];
type CalendarSlot = Day['slots'][number];
type Action = 'BLOCK' | 'UNBLOCK' | 'CANCEL';
type Field = 'slots' | 'action' | 'reason' | 'comment';
const FIELDS: readonly Field[] = ['slots', 'action', 'reason', 'comment'];
const CODE_FIELDS: Partial<Record<string, Field>> = {
  REASON_REQUIRED: 'reason',
  REASON_NOT_ALLOWED: 'reason',
  COMMENT_REQUIRED: 'comment',
  COMMENT_TOO_LONG: 'comment',
  SLOT_CHANGE_NOT_ALLOWED: 'slots',
  TOO_MANY_ITEMS_IN_REQUEST: 'slots',
};
const fieldId = (f: Field) => `slots-${f}`;
const ACTION_NAMES: Record<Action, { button: string; done: string }> = {
  BLOCK: { button: 'Block slots', done: 'blocked' },
  UNBLOCK: { button: 'Unblock slots', done: 'unblocked' },
  CANCEL: { button: 'Cancel slots', done: 'cancelled' },
};

/** A session of a day: the slots one template (or extra session) made, in time order. */
interface Session {
  readonly key: string;
  readonly slots: CalendarSlot[];
}

function sessionsOf(day: Day): Session[] {
  const groups = new Map<string, CalendarSlot[]>();
  for (const slot of [...day.slots].sort((a, b) => a.startAt.localeCompare(b.startAt))) {
    const key = slot.scheduleId ?? 'other';
    groups.set(key, [...(groups.get(key) ?? []), slot]);
  }
  return [...groups].map(([key, slots]) => ({ key, slots }));
}

/** A service's published slots, a week or a fortnight at a time: block, unblock or cancel them. */
export function SlotCalendarPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const from = /^\d{4}-\d{2}-\d{2}$/.test(params.get('from') ?? '')
    ? params.get('from')!
    : ukToday();
  const days = params.get('days') === '14' ? 14 : 7;
  const to = addDays(from, days - 1);
  const query = useQuery(SlotCalendarData, {
    variables: { serviceId: id, from, to },
    fetchPolicy: 'cache-and-network',
  });
  const data = query.data;
  usePageTitle(data ? `Slot calendar: ${data.definedService.service.name}` : 'Slot calendar');
  if (!data) {
    return query.error ? (
      <PageProblem title="Slot calendar" error={query.error} onRetry={() => void query.refetch()} />
    ) : (
      <LoadingMessage title="Slot calendar" />
    );
  }
  return (
    <Calendar
      key={`${from}:${days}`}
      data={data}
      from={from}
      to={to}
      days={days}
      refetch={() => query.refetch()}
    />
  );
}

function Calendar({
  data,
  from,
  to,
  days,
  refetch,
}: {
  data: SlotCalendarDataQuery;
  from: string;
  to: string;
  days: 7 | 14;
  refetch: () => Promise<unknown>;
}) {
  const session = useSession();
  const client = useApolloClient();
  const service = data.definedService;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [action, setAction] = useState<Action | ''>('');
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [other, setOther] = useState<Problem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ message: string; ubrns: readonly string[] } | null>(null);
  const reasons =
    action === 'BLOCK'
      ? data.slotBlockReasons
      : action === 'CANCEL'
        ? data.slotCancellationReasons
        : [];
  const chosenReason = reasons.find((r) => r.code === reason);
  const selectable = useMemo(
    () =>
      new Set(
        data.slotCalendar.flatMap((d) =>
          d.slots.filter((s) => s.state !== 'CANCELLED').map((s) => s.id),
        ),
      ),
    [data],
  );
  const toggle = (ids: readonly string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const slotId of ids) {
        if (on && selectable.has(slotId)) next.add(slotId);
        else next.delete(slotId);
      }
      return next;
    });
  const page = (start: string, length: number) =>
    `?from=${start}${length === 14 ? '&days=14' : ''}`;
  const span = days === 14 ? 'fortnight' : 'week';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setAttempt((a) => a + 1);
    const found: Partial<Record<Field, string>> = {};
    if (selected.size === 0) found.slots = 'Select the slots to change.';
    if (!action) found.action = 'Choose what to do with the selected slots.';
    else if (action !== 'UNBLOCK' && !reason) found.reason = 'Choose a reason.';
    setErrors(found);
    setOther([]);
    if (Object.keys(found).length > 0 || !action) return;
    setBusy(true);
    const slotIds = [...selected];
    const input = {
      serviceId: service.id,
      slotIds,
      reason,
      comment: comment.trim() || null,
    };
    try {
      let result: { changed: number; cancelledReferrals: readonly string[] };
      if (action === 'BLOCK') {
        result = (await client.mutate({ mutation: BlockSlots, variables: { input } })).data!
          .blockSlots;
      } else if (action === 'CANCEL') {
        result = (await client.mutate({ mutation: CancelSlots, variables: { input } })).data!
          .cancelSlots;
      } else {
        result = (
          await client.mutate({
            mutation: UnblockSlots,
            variables: { input: { serviceId: service.id, slotIds } },
          })
        ).data!.unblockSlots;
      }
      await refetch();
      setSelected(new Set());
      setAction('');
      setReason('');
      setComment('');
      setDone({
        message: `${result.changed} ${result.changed === 1 ? 'slot' : 'slots'} ${ACTION_NAMES[action].done}`,
        ubrns: result.cancelledReferrals,
      });
    } catch (e) {
      const split = splitProblems(e, FIELDS, CODE_FIELDS);
      setErrors(split.fields);
      setOther(split.other);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <BackLink asElement={Link} to={`/services/${service.id}`} href={`/services/${service.id}`}>
        Back to the service
      </BackLink>
      {done ? (
        <DoneBanner message={done.message}>
          {done.ubrns.length > 0 ? (
            <div data-testid="cancelled-referrals">
              <p>
                These referrals’ appointments were cancelled. Their referrers have been told, and
                the referrals are on your Appointments for booking worklist:
              </p>
              <ul>
                {done.ubrns.map((u) => (
                  <li key={u}>{formatReference(u)}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </DoneBanner>
      ) : null}
      <FormErrors problems={summaryOf(FIELDS, errors, other, fieldId)} attempt={attempt} />
      <DefinerHeading
        caption={service.service.name}
        organisation={session.acting?.roleAssignment.organisation.name}
      >
        Slot calendar
      </DefinerHeading>
      <p className="nhsuk-lede-text">
        {formatDate(from)} to {formatDate(to)}
      </p>
      <nav className="nhsuk-pagination" role="navigation" aria-label="Dates shown">
        <ul className="nhsuk-list nhsuk-pagination__list">
          <li className="nhsuk-pagination-item--previous">
            <Link
              className="nhsuk-pagination__link nhsuk-pagination__link--prev"
              to={page(addDays(from, -days), days)}
            >
              <span className="nhsuk-pagination__title">Previous {span}</span>
              <span className="nhsuk-u-visually-hidden">:</span>
              <span className="nhsuk-pagination__page">
                From {formatDate(addDays(from, -days))}
              </span>
            </Link>
          </li>
          <li className="nhsuk-pagination-item--next">
            <Link
              className="nhsuk-pagination__link nhsuk-pagination__link--next"
              to={page(addDays(from, days), days)}
            >
              <span className="nhsuk-pagination__title">Next {span}</span>
              <span className="nhsuk-u-visually-hidden">:</span>
              <span className="nhsuk-pagination__page">From {formatDate(addDays(from, days))}</span>
            </Link>
          </li>
        </ul>
      </nav>
      <p>
        {days === 7 ? (
          <Link to={page(from, 14)}>Show a fortnight</Link>
        ) : (
          <Link to={page(from, 7)}>Show a week</Link>
        )}
      </p>

      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Change slots">
        <div
          className={`nhsuk-form-group${errors.slots ? ' nhsuk-form-group--error' : ''}`}
          data-testid="slot-calendar"
        >
          {errors.slots ? (
            <span className="nhsuk-error-message" id={`${fieldId('slots')}-error`}>
              <span className="nhsuk-u-visually-hidden">Error:</span> {errors.slots}
            </span>
          ) : null}
          {data.slotCalendar.length === 0 ? (
            <p id={fieldId('slots')} tabIndex={-1}>
              No slots are published from {formatDate(from)} to {formatDate(to)}.
            </p>
          ) : (
            data.slotCalendar.map((day, dayIndex) => (
              <DayView
                key={day.date}
                day={day}
                first={dayIndex === 0}
                selected={selected}
                selectable={selectable}
                toggle={toggle}
              />
            ))
          )}
        </div>

        <fieldset className="nhsuk-fieldset" aria-labelledby="change-heading">
          <h2 id="change-heading" className="nhsuk-heading-m">
            Change the selected slots
          </h2>
          <p role="status" data-testid="selected-count">
            {selected.size} {selected.size === 1 ? 'slot' : 'slots'} selected
          </p>
          <Radios
            id={fieldId('action')}
            name="slot-action"
            legend="What do you want to do?"
            legendProps={{ size: 's' }}
            error={errors.action}
          >
            <Radios.Item
              value="BLOCK"
              checked={action === 'BLOCK'}
              onChange={() => {
                setAction('BLOCK');
                setReason('');
              }}
              hint="Free slots stop being bookable, for example while a room is closed"
            >
              Block
            </Radios.Item>
            <Radios.Item
              value="UNBLOCK"
              checked={action === 'UNBLOCK'}
              onChange={() => setAction('UNBLOCK')}
              hint="Blocked slots become free again"
            >
              Unblock
            </Radios.Item>
            <Radios.Item
              value="CANCEL"
              checked={action === 'CANCEL'}
              onChange={() => {
                setAction('CANCEL');
                setReason('');
              }}
              hint="The slots are cancelled for good, with any appointments booked in them"
            >
              Cancel
            </Radios.Item>
          </Radios>
          {action === 'CANCEL' ? (
            <WarningCallout>
              <WarningCallout.Heading headingLevel="h3">
                Booked appointments will be cancelled
              </WarningCallout.Heading>
              <p>
                Any appointment booked in a selected slot is cancelled by the provider, with the
                reason you give. The referrer is told, and the referral goes on your Appointments
                for booking worklist to rebook.
              </p>
            </WarningCallout>
          ) : null}
          {action === 'BLOCK' || action === 'CANCEL' ? (
            <>
              <Select
                id={fieldId('reason')}
                label="Reason"
                value={reason}
                error={errors.reason}
                onChange={(e) => setReason(e.currentTarget.value)}
              >
                <Select.Option value="">Choose a reason</Select.Option>
                {reasons.map((r) => (
                  <Select.Option key={r.code} value={r.code}>
                    {r.name}
                  </Select.Option>
                ))}
              </Select>
              <Textarea
                id={fieldId('comment')}
                label={chosenReason?.commentRequired ? 'Comment' : 'Comment (optional)'}
                hint={`Up to ${COMMENT_MAX_LENGTH.toLocaleString('en-GB')} characters.`}
                rows={3}
                value={comment}
                error={errors.comment}
                onChange={(e) => setComment(e.currentTarget.value)}
              />
            </>
          ) : null}
          <Button type="submit" warning={action === 'CANCEL'}>
            {busy ? 'Saving…' : action ? ACTION_NAMES[action].button : 'Change slots'}
          </Button>
        </fieldset>
      </form>
    </>
  );
}

function DayView({
  day,
  first,
  selected,
  selectable,
  toggle,
}: {
  day: Day;
  first: boolean;
  selected: ReadonlySet<string>;
  selectable: ReadonlySet<string>;
  toggle: (ids: readonly string[], on: boolean) => void;
}) {
  const dayName = formatDayDate(day.date);
  const dayIds = day.slots.filter((s) => selectable.has(s.id)).map((s) => s.id);
  const allDay = dayIds.length > 0 && dayIds.every((slotId) => selected.has(slotId));
  const headingId = `day-${day.date}`;
  return (
    <section aria-labelledby={headingId} className="app-calendar-day" data-testid="calendar-day">
      <h2 id={headingId} className="nhsuk-heading-m nhsuk-u-margin-bottom-2">
        {dayName}
      </h2>
      <SelectAll
        id={first ? fieldId('slots') : `select-day-${day.date}`}
        label={`Select every slot on ${dayName}`}
        checked={allDay}
        disabled={dayIds.length === 0}
        onChange={(on) => toggle(dayIds, on)}
      />
      {sessionsOf(day).map((s) => {
        const start = s.slots[0]!.startAt;
        const end = s.slots.at(-1)!.endAt;
        const ids = s.slots.filter((x) => selectable.has(x.id)).map((x) => x.id);
        const name = `${formatTime(start)} to ${formatTime(end)} session`;
        return (
          <div key={s.key} data-testid="calendar-session">
            <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-2">{name}</h3>
            <SelectAll
              id={`select-session-${day.date}-${s.key}`}
              label={`Select the ${name} on ${dayName}`}
              checked={ids.length > 0 && ids.every((x) => selected.has(x))}
              disabled={ids.length === 0}
              onChange={(on) => toggle(ids, on)}
            />
            <table className="nhsuk-table app-slot-table">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
                Slots in the {name} on {dayName}
              </caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th scope="col" className="nhsuk-table__header">
                    Time
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    State
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Priorities
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Clinician
                  </th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {s.slots.map((slot) => (
                  <SlotRow
                    key={slot.id}
                    slot={slot}
                    dayName={dayName}
                    checked={selected.has(slot.id)}
                    disabled={!selectable.has(slot.id)}
                    onChange={(on) => toggle([slot.id], on)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}

function SelectAll({
  id,
  label,
  checked,
  disabled,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  disabled: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <div className="nhsuk-checkboxes nhsuk-checkboxes--small nhsuk-u-margin-bottom-2">
      <div className="nhsuk-checkboxes__item">
        <input
          className="nhsuk-checkboxes__input"
          id={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
        <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>
          {label}
        </label>
      </div>
    </div>
  );
}

function SlotRow({
  slot,
  dayName,
  checked,
  disabled,
  onChange,
}: {
  slot: CalendarSlot;
  dayName: string;
  checked: boolean;
  disabled: boolean;
  onChange: (on: boolean) => void;
}) {
  const state = SLOT_STATE_LABELS[slot.state];
  const boxId = `slot-${slot.id}`;
  return (
    <tr className="nhsuk-table__row" data-testid="calendar-slot">
      <td className="nhsuk-table__cell">
        <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
          <div className="nhsuk-checkboxes__item">
            <input
              className="nhsuk-checkboxes__input"
              id={boxId}
              type="checkbox"
              checked={checked}
              disabled={disabled}
              onChange={(e) => onChange(e.currentTarget.checked)}
            />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={boxId}>
              {formatTime(slot.startAt)}{' '}
              <span className="nhsuk-u-visually-hidden">on {dayName}</span>
            </label>
          </div>
        </div>
      </td>
      <td className="nhsuk-table__cell">
        <Tag modifier={state.colour}>{state.name}</Tag>
        {slot.heldUntil && (slot.state === 'HELD' || slot.state === 'OFFERED') ? (
          <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
            Until {formatTime(slot.heldUntil)} on {formatDate(slot.heldUntil)}
          </span>
        ) : null}
        {slot.reason ? (
          <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
            {slot.reason}
            {slot.comment ? `: ${slot.comment}` : ''}
          </span>
        ) : null}
      </td>
      <td className="nhsuk-table__cell">{slot.priorities.map(priorityName).join(', ')}</td>
      <td className="nhsuk-table__cell">{slot.clinicianName ?? ''}</td>
    </tr>
  );
}
