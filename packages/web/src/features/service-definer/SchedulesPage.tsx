import { useApolloClient, useQuery } from '@apollo/client/react';
import { BackLink, Button, Radios, Select, Tag, TextInput } from 'nhsuk-react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { focusElement, usePageTitle } from '../../app/page';
import { useSession } from '../../app/session';
import { FormErrors, type Problem } from '../../components/FormErrors';
import { LoadingMessage, PageProblem } from '../../components/PageStates';
import { graphql } from '../../gql';
import type {
  PreviewScheduleDataQuery,
  Priority,
  PublishSlotsMutation,
  ScheduleExceptionKind,
  SchedulesDataQuery,
} from '../../gql/graphql';
import { toUserFacingErrors } from '../../lib/api-errors';
import {
  formatDate,
  formatDayDate,
  formatMinutes,
  formatTimeRange,
  priorityName,
} from '../../lib/format';
import { WEEKDAYS } from '../../lib/labels';
import { DoneBanner } from '../../components/DoneBanner';
import { CheckboxGroup, DefinerHeading, SingleCheckbox } from './form-fields';
import { splitProblems, summaryOf, wholeNumber } from './problems';
import {
  newTemplateValues,
  TEMPLATE_CODE_FIELDS,
  TEMPLATE_FIELDS,
  templateFieldId,
  toTemplateInput,
  type TemplateField,
  type TemplateValues,
} from './schedule-form';

export const SchedulesData = graphql(`
  query SchedulesData($serviceId: ID!) {
    definedService(id: $serviceId) {
      id
      publicationWeeks
      namedClinicians {
        id
        name
      }
      service {
        id
        name
        priorities
      }
    }
    schedules(serviceId: $serviceId) {
      id
      label
      weekdays
      startTime
      sessionMinutes
      slotMinutes
      priorities
      clinicianId
      clinicianName
      validFrom
      validTo
      everyWeeks
      includeBankHolidays
      active
    }
    scheduleExceptions(serviceId: $serviceId) {
      id
      date
      kind
      scheduleId
      startTime
      sessionMinutes
      slotMinutes
      priorities
      clinicianName
      reason
    }
  }
`);

export const PreviewScheduleData = graphql(`
  query PreviewScheduleData($serviceId: ID!, $input: SessionTemplateInput!) {
    previewSchedule(serviceId: $serviceId, input: $input) {
      from
      to
      slotCount
      skippedBankHolidays
      firstSlots {
        startAt
        endAt
        priorities
        clinicianName
      }
    }
  }
`);

export const CreateSchedule = graphql(`
  mutation CreateSchedule($serviceId: ID!, $input: SessionTemplateInput!) {
    createSchedule(serviceId: $serviceId, input: $input) {
      id
      label
    }
  }
`);

export const EndSchedule = graphql(`
  mutation EndSchedule($id: ID!, $validTo: LocalDate!) {
    endSchedule(id: $id, validTo: $validTo) {
      id
      validTo
      active
    }
  }
`);

export const AddScheduleException = graphql(`
  mutation AddScheduleException($serviceId: ID!, $input: ScheduleExceptionInput!) {
    addScheduleException(serviceId: $serviceId, input: $input) {
      id
    }
  }
`);

export const PublishSlots = graphql(`
  mutation PublishSlots($serviceId: ID!) {
    publishSlots(serviceId: $serviceId) {
      serviceId
      created
      alreadyPublished
      horizonEnd
    }
  }
`);

type Data = SchedulesDataQuery;
const weekdayNames = (days: readonly number[]) =>
  WEEKDAYS.filter((w) => days.includes(w.day))
    .map((w) => w.name)
    .join(', ');

/** A service's session templates and exceptions, and publishing its slots. */
export function SchedulesPage() {
  const { id = '' } = useParams();
  const query = useQuery(SchedulesData, {
    variables: { serviceId: id },
    fetchPolicy: 'cache-and-network',
  });
  const data = query.data;
  usePageTitle(data ? `Schedules: ${data.definedService.service.name}` : 'Schedules');
  if (!data) {
    return query.error ? (
      <PageProblem title="Schedules" error={query.error} onRetry={() => void query.refetch()} />
    ) : (
      <LoadingMessage title="Schedules" />
    );
  }
  return <Schedules data={data} refetch={() => query.refetch()} />;
}

function Schedules({ data, refetch }: { data: Data; refetch: () => Promise<unknown> }) {
  const session = useSession();
  const [done, setDone] = useState<string | null>(null);
  const service = data.definedService;
  const finished = async (message: string) => {
    await refetch();
    setDone(message);
  };
  return (
    <>
      <BackLink asElement={Link} to={`/services/${service.id}`} href={`/services/${service.id}`}>
        Back to the service
      </BackLink>
      {done ? <DoneBanner message={done} /> : null}
      <DefinerHeading
        caption={service.service.name}
        organisation={session.acting?.roleAssignment.organisation.name}
      >
        Schedules
      </DefinerHeading>
      <p>
        Session templates make the service’s appointment slots. open-ers keeps{' '}
        {service.publicationWeeks} weeks of slots published, every day; publish now to make new
        slots bookable at once.
      </p>
      <PublishPanel serviceId={service.id} onPublished={() => void refetch()} />
      <TemplatesTable data={data} onEnded={(m) => void finished(m)} />
      <TemplateForm data={data} onSaved={(m) => void finished(m)} />
      <ExceptionsSection data={data} onAdded={(m) => void finished(m)} />
      <p>
        <Link to={`/services/${service.id}/slots`}>See the slot calendar</Link>
      </p>
    </>
  );
}

function PublishPanel({ serviceId, onPublished }: { serviceId: string; onPublished: () => void }) {
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PublishSlotsMutation['publishSlots'] | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) focusElement(resultRef.current);
  }, [result]);
  const publish = async () => {
    if (busy) return;
    setBusy(true);
    setProblems([]);
    setAttempt((a) => a + 1);
    try {
      const r = await client.mutate({ mutation: PublishSlots, variables: { serviceId } });
      setResult(r.data!.publishSlots);
      onPublished();
    } catch (error) {
      setProblems(toUserFacingErrors(error).map((p) => ({ message: p.message })));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="publish-heading" className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h2 id="publish-heading" className="nhsuk-card__heading nhsuk-heading-m">
          Publish slots
        </h2>
        <FormErrors problems={problems} attempt={attempt} />
        {result ? (
          <div
            className="nhsuk-inset-text"
            role="status"
            ref={resultRef}
            data-testid="publication-result"
          >
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>
              {result.created.toLocaleString('en-GB')} new {result.created === 1 ? 'slot' : 'slots'}{' '}
              published; {result.alreadyPublished.toLocaleString('en-GB')} already published. Slots
              are published up to {formatDate(result.horizonEnd)}.
            </p>
          </div>
        ) : null}
        <p>Publishing twice never makes a slot twice.</p>
        <Button
          type="button"
          secondary
          className="nhsuk-u-margin-bottom-0"
          onClick={() => void publish()}
        >
          {busy ? 'Publishing…' : 'Publish slots'}
        </Button>
      </div>
    </section>
  );
}

function TemplatesTable({ data, onEnded }: { data: Data; onEnded: (message: string) => void }) {
  return (
    <section aria-labelledby="templates-heading">
      <h2 id="templates-heading" className="nhsuk-heading-m">
        Session templates
      </h2>
      {data.schedules.length === 0 ? (
        <p>No session templates yet. Add one below to make appointment slots.</p>
      ) : (
        <ul className="nhsuk-list" data-testid="templates">
          {data.schedules.map((s) => (
            <li key={s.id} className="nhsuk-card" data-testid="template">
              <div className="nhsuk-card__content">
                <h3 className="nhsuk-card__heading nhsuk-heading-s">
                  {s.label} {s.active ? null : <Tag modifier="grey">Ended</Tag>}
                </h3>
                <p className="nhsuk-body-s">
                  {weekdayNames(s.weekdays)}
                  {s.everyWeeks > 1 ? `, every ${s.everyWeeks} weeks` : ''}, from {s.startTime} for{' '}
                  {formatMinutes(s.sessionMinutes)}; {formatMinutes(s.slotMinutes)} slots;{' '}
                  {s.priorities.map(priorityName).join(', ')}
                  {s.clinicianName ? `; ${s.clinicianName}` : ''}.
                  <br />
                  From {formatDate(s.validFrom)}
                  {s.validTo ? ` to ${formatDate(s.validTo)}` : ', no end date'};{' '}
                  {s.includeBankHolidays ? 'includes bank holidays' : 'not on bank holidays'}.
                </p>
                {s.active ? <EndTemplate id={s.id} label={s.label} onEnded={onEnded} /> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function EndTemplate({
  id,
  label,
  onEnded,
}: {
  id: string;
  label: string;
  onEnded: (message: string) => void;
}) {
  const client = useApolloClient();
  const [date, setDate] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const end = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!date) {
      setError('Enter the last day of the template.');
      return;
    }
    setBusy(true);
    try {
      await client.mutate({ mutation: EndSchedule, variables: { id, validTo: date } });
      setError(undefined);
      onEnded(`${label} ends on ${formatDate(date)}. Its later slots are no longer published.`);
    } catch (e) {
      setError(toUserFacingErrors(e)[0]?.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="nhsuk-details nhsuk-u-margin-bottom-0">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          End <span className="nhsuk-u-visually-hidden">{label}</span>
        </span>
      </summary>
      <div className="nhsuk-details__text">
        <form onSubmit={(e) => void end(e)} noValidate aria-label={`End ${label}`}>
          <TextInput
            id={`end-${id}`}
            label={`Last day of ${label}`}
            type="date"
            width={10}
            value={date}
            error={error}
            onChange={(e) => setDate(e.currentTarget.value)}
          />
          <Button type="submit" secondary small>
            End template
          </Button>
        </form>
      </div>
    </details>
  );
}

function TemplateForm({ data, onSaved }: { data: Data; onSaved: (message: string) => void }) {
  const client = useApolloClient();
  const service = data.definedService;
  const [values, setValues] = useState<TemplateValues>(() =>
    newTemplateValues(service.service.priorities),
  );
  const [errors, setErrors] = useState<Partial<Record<TemplateField, string>>>({});
  const [other, setOther] = useState<Problem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const [preview, setPreview] = useState<PreviewScheduleDataQuery['previewSchedule'] | null>(null);
  const previewRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (preview) focusElement(previewRef.current);
  }, [preview]);
  const set = <K extends keyof TemplateValues>(key: K, value: TemplateValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setPreview(null);
  };
  const id = templateFieldId;

  const act = async (kind: 'preview' | 'save') => {
    if (busy) return;
    setAttempt((a) => a + 1);
    const converted = toTemplateInput(values);
    if ('errors' in converted) {
      setErrors(converted.errors);
      setOther([]);
      return;
    }
    setBusy(kind);
    try {
      if (kind === 'preview') {
        const result = await client.query({
          query: PreviewScheduleData,
          variables: { serviceId: service.id, input: converted.input },
          fetchPolicy: 'network-only',
        });
        setPreview(result.data!.previewSchedule);
      } else {
        await client.mutate({
          mutation: CreateSchedule,
          variables: { serviceId: service.id, input: converted.input },
        });
        setValues(newTemplateValues(service.service.priorities));
        setPreview(null);
        onSaved(`Session template ${values.label} saved. Publish slots to make them bookable now.`);
      }
      setErrors({});
      setOther([]);
    } catch (e) {
      const split = splitProblems(e, TEMPLATE_FIELDS, TEMPLATE_CODE_FIELDS);
      setErrors(split.fields);
      setOther(split.other);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="new-template-heading">
      <h2 id="new-template-heading" className="nhsuk-heading-m">
        Add a session template
      </h2>
      <FormErrors problems={summaryOf(TEMPLATE_FIELDS, errors, other, id)} attempt={attempt} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act('save');
        }}
        noValidate
        aria-labelledby="new-template-heading"
      >
        <TextInput
          id={id('label')}
          label="Name of the session"
          hint="For example, Monday morning clinic"
          value={values.label}
          error={errors.label}
          onChange={(e) => set('label', e.currentTarget.value)}
        />
        <CheckboxGroup
          id={id('weekdays')}
          name="weekdays"
          legend="Days of the week"
          small
          error={errors.weekdays}
          options={WEEKDAYS.map((w) => ({ value: String(w.day), label: w.name }))}
          values={values.weekdays}
          onChange={(v) => set('weekdays', v)}
        />
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-third">
            <TextInput
              id={id('startTime')}
              label="Start time"
              hint="24-hour clock, like 09:30"
              width={5}
              value={values.startTime}
              error={errors.startTime}
              onChange={(e) => set('startTime', e.currentTarget.value)}
            />
          </div>
          <div className="nhsuk-grid-column-one-third">
            <TextInput
              id={id('sessionMinutes')}
              label="Session length"
              hint="In minutes"
              inputMode="numeric"
              width={4}
              suffix="minutes"
              value={values.sessionMinutes}
              error={errors.sessionMinutes}
              onChange={(e) => set('sessionMinutes', e.currentTarget.value)}
            />
          </div>
          <div className="nhsuk-grid-column-one-third">
            <TextInput
              id={id('slotMinutes')}
              label="Slot length"
              hint="In minutes"
              inputMode="numeric"
              width={3}
              suffix="minutes"
              value={values.slotMinutes}
              error={errors.slotMinutes}
              onChange={(e) => set('slotMinutes', e.currentTarget.value)}
            />
          </div>
        </div>
        <CheckboxGroup
          id={id('priorities')}
          name="template-priorities"
          legend="Priorities the slots may be booked for"
          small
          error={errors.priorities}
          options={service.service.priorities.map((p) => ({ value: p, label: priorityName(p) }))}
          values={values.priorities}
          onChange={(v) => set('priorities', v as Priority[])}
        />
        <Select
          id={id('clinicianId')}
          label="Named clinician (optional)"
          value={values.clinicianId}
          error={errors.clinicianId}
          onChange={(e) => set('clinicianId', e.currentTarget.value)}
        >
          <Select.Option value="">No named clinician</Select.Option>
          {service.namedClinicians.map((c) => (
            <Select.Option key={c.id} value={c.id}>
              {c.name}
            </Select.Option>
          ))}
        </Select>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half">
            <TextInput
              id={id('validFrom')}
              label="Starts on"
              type="date"
              width={10}
              value={values.validFrom}
              error={errors.validFrom}
              onChange={(e) => set('validFrom', e.currentTarget.value)}
            />
          </div>
          <div className="nhsuk-grid-column-one-half">
            <TextInput
              id={id('validTo')}
              label="Ends on (optional)"
              type="date"
              width={10}
              value={values.validTo}
              error={errors.validTo}
              onChange={(e) => set('validTo', e.currentTarget.value)}
            />
          </div>
        </div>
        <TextInput
          id={id('everyWeeks')}
          label="Every how many weeks"
          hint="1 for every week, 2 for every other week"
          inputMode="numeric"
          width={2}
          value={values.everyWeeks}
          error={errors.everyWeeks}
          onChange={(e) => set('everyWeeks', e.currentTarget.value)}
        />
        <SingleCheckbox
          id="template-includeBankHolidays"
          label="Run on bank holidays too"
          hint="Sessions are skipped on bank holidays in England unless you tick this"
          checked={values.includeBankHolidays}
          onChange={(c) => set('includeBankHolidays', c)}
        />
        {preview ? (
          <div
            className="nhsuk-inset-text"
            ref={previewRef}
            role="status"
            data-testid="schedule-preview"
          >
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <h3 className="nhsuk-heading-s">Preview</h3>
            <p>
              This template makes {preview.slotCount.toLocaleString('en-GB')}{' '}
              {preview.slotCount === 1 ? 'slot' : 'slots'} from {formatDate(preview.from)} to{' '}
              {formatDate(preview.to)}.
            </p>
            {preview.firstSlots.length > 0 ? (
              <>
                <p className="nhsuk-u-margin-bottom-1">The first slots:</p>
                <ul className="nhsuk-list nhsuk-list--bullet">
                  {preview.firstSlots.map((s) => (
                    <li key={s.startAt}>
                      {formatTimeRange(s.startAt, s.endAt)}
                      {s.clinicianName ? `, ${s.clinicianName}` : ''}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <p className="nhsuk-u-margin-bottom-0">
              {preview.skippedBankHolidays.length === 0
                ? 'No bank holidays skipped.'
                : `Bank holidays skipped: ${preview.skippedBankHolidays.map(formatDate).join(', ')}.`}
            </p>
          </div>
        ) : null}
        <div className="nhsuk-button-group">
          <Button type="button" secondary onClick={() => void act('preview')}>
            {busy === 'preview' ? 'Previewing…' : 'Preview'}
          </Button>
          <Button type="submit">{busy === 'save' ? 'Saving…' : 'Save template'}</Button>
        </div>
      </form>
    </section>
  );
}

type ExceptionField =
  'kind' | 'date' | 'scheduleId' | 'startTime' | 'sessionMinutes' | 'slotMinutes' | 'reason';
const EXCEPTION_FIELDS: readonly ExceptionField[] = [
  'kind',
  'date',
  'scheduleId',
  'startTime',
  'sessionMinutes',
  'slotMinutes',
  'reason',
];
const EXCEPTION_CODE_FIELDS: Partial<Record<string, ExceptionField>> = {
  INVALID_TIME: 'startTime',
  INVALID_SESSION_LENGTH: 'sessionMinutes',
  INVALID_SLOT_LENGTH: 'slotMinutes',
  REASON_REQUIRED: 'reason',
};
const exceptionFieldId = (f: ExceptionField) => `exception-${f}`;

function ExceptionsSection({ data, onAdded }: { data: Data; onAdded: (message: string) => void }) {
  const client = useApolloClient();
  const service = data.definedService;
  const active = data.schedules.filter((s) => s.active);
  const [kind, setKind] = useState<ScheduleExceptionKind | ''>('');
  const [date, setDate] = useState('');
  const [scheduleId, setScheduleId] = useState('');
  const [startTime, setStartTime] = useState('');
  const [sessionMinutes, setSessionMinutes] = useState('');
  const [slotMinutes, setSlotMinutes] = useState('15');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<ExceptionField, string>>>({});
  const [other, setOther] = useState<Problem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const id = exceptionFieldId;
  const scheduleLabel = (sid: string | null | undefined) =>
    data.schedules.find((s) => s.id === sid)?.label;

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setAttempt((a) => a + 1);
    const found: Partial<Record<ExceptionField, string>> = {};
    if (!kind) found.kind = 'Choose whether to cancel a session or add an extra one.';
    if (!date) found.date = 'Enter the date.';
    const session = wholeNumber(sessionMinutes);
    const slot = wholeNumber(slotMinutes);
    if (kind === 'EXTRA_SESSION') {
      if (session === null || Number.isNaN(session))
        found.sessionMinutes = 'Enter a whole number, like 180.';
      if (slot === null || Number.isNaN(slot)) found.slotMinutes = 'Enter a whole number, like 15.';
    }
    setErrors(found);
    setOther([]);
    if (Object.keys(found).length > 0 || !kind) return;
    setBusy(true);
    try {
      await client.mutate({
        mutation: AddScheduleException,
        variables: {
          serviceId: service.id,
          input:
            kind === 'CANCEL_SESSION'
              ? { kind, date, scheduleId: scheduleId || null, reason: reason.trim() || null }
              : {
                  kind,
                  date,
                  startTime: startTime.trim(),
                  sessionMinutes: session,
                  slotMinutes: slot,
                  priorities: [...service.service.priorities],
                  reason: reason.trim() || null,
                },
        },
      });
      setKind('');
      setDate('');
      setReason('');
      onAdded(
        kind === 'CANCEL_SESSION'
          ? `No session on ${formatDate(date)}. Slots already published for it are not changed: block or cancel them on the slot calendar.`
          : `Extra session added on ${formatDate(date)}. Publish slots to make it bookable now.`,
      );
    } catch (e) {
      const split = splitProblems(e, EXCEPTION_FIELDS, EXCEPTION_CODE_FIELDS);
      setErrors(split.fields);
      setOther(split.other);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="exceptions-heading">
      <h2 id="exceptions-heading" className="nhsuk-heading-m">
        Exceptions
      </h2>
      {data.scheduleExceptions.length === 0 ? (
        <p>No exceptions: every session runs as its template says.</p>
      ) : (
        <table className="nhsuk-table" data-testid="exceptions">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Exceptions</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Date
              </th>
              <th scope="col" className="nhsuk-table__header">
                Exception
              </th>
              <th scope="col" className="nhsuk-table__header">
                Reason
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {data.scheduleExceptions.map((x) => (
              <tr className="nhsuk-table__row" key={x.id}>
                <td className="nhsuk-table__cell">{formatDayDate(x.date)}</td>
                <td className="nhsuk-table__cell">
                  {x.kind === 'CANCEL_SESSION'
                    ? `No session${scheduleLabel(x.scheduleId) ? `: ${scheduleLabel(x.scheduleId)}` : ''}`
                    : `Extra session from ${x.startTime ?? ''}${x.sessionMinutes ? ` for ${formatMinutes(x.sessionMinutes)}` : ''}`}
                </td>
                <td className="nhsuk-table__cell">{x.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 id="new-exception-heading" className="nhsuk-heading-s">
        Add an exception
      </h3>
      <FormErrors problems={summaryOf(EXCEPTION_FIELDS, errors, other, id)} attempt={attempt} />
      <form onSubmit={(e) => void add(e)} noValidate aria-labelledby="new-exception-heading">
        <Radios
          id={id('kind')}
          name="exception-kind"
          legend="What changes?"
          legendProps={{ size: 's' }}
          error={errors.kind}
        >
          <Radios.Item
            value="CANCEL_SESSION"
            checked={kind === 'CANCEL_SESSION'}
            onChange={() => setKind('CANCEL_SESSION')}
          >
            A session does not run on a date
          </Radios.Item>
          <Radios.Item
            value="EXTRA_SESSION"
            checked={kind === 'EXTRA_SESSION'}
            onChange={() => setKind('EXTRA_SESSION')}
          >
            An extra session on a date
          </Radios.Item>
        </Radios>
        <TextInput
          id={id('date')}
          label="Date"
          type="date"
          width={10}
          value={date}
          error={errors.date}
          onChange={(e) => setDate(e.currentTarget.value)}
        />
        {kind === 'CANCEL_SESSION' ? (
          <Select
            id={id('scheduleId')}
            label="Which session"
            value={scheduleId}
            error={errors.scheduleId}
            onChange={(e) => setScheduleId(e.currentTarget.value)}
          >
            <Select.Option value="">Every session that day</Select.Option>
            {active.map((s) => (
              <Select.Option key={s.id} value={s.id}>
                {s.label}
              </Select.Option>
            ))}
          </Select>
        ) : null}
        {kind === 'EXTRA_SESSION' ? (
          <div className="nhsuk-grid-row">
            <div className="nhsuk-grid-column-one-third">
              <TextInput
                id={id('startTime')}
                label="Start time"
                hint="24-hour clock, like 13:30"
                width={5}
                value={startTime}
                error={errors.startTime}
                onChange={(e) => setStartTime(e.currentTarget.value)}
              />
            </div>
            <div className="nhsuk-grid-column-one-third">
              <TextInput
                id={id('sessionMinutes')}
                label="Session length"
                hint="In minutes"
                inputMode="numeric"
                width={4}
                value={sessionMinutes}
                error={errors.sessionMinutes}
                onChange={(e) => setSessionMinutes(e.currentTarget.value)}
              />
            </div>
            <div className="nhsuk-grid-column-one-third">
              <TextInput
                id={id('slotMinutes')}
                label="Slot length"
                hint="In minutes"
                inputMode="numeric"
                width={3}
                value={slotMinutes}
                error={errors.slotMinutes}
                onChange={(e) => setSlotMinutes(e.currentTarget.value)}
              />
            </div>
          </div>
        ) : null}
        <TextInput
          id={id('reason')}
          label="Reason (optional)"
          value={reason}
          error={errors.reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Button type="submit" secondary>
          {busy ? 'Adding…' : 'Add exception'}
        </Button>
      </form>
    </section>
  );
}
