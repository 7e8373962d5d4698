import { useApolloClient, useQuery } from '@apollo/client/react';
import { APPOINTMENT_TYPE_NAMES, APPOINTMENT_TYPES, PRIORITIES } from '@open-ers/domain';
import { BackLink, Button, Radios, Select, Textarea, TextInput } from 'nhsuk-react-components';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { usePageTitle } from '../../app/page';
import { useSession } from '../../app/session';
import { FormErrors, type Problem } from '../../components/FormErrors';
import { LoadingMessage, PageProblem } from '../../components/PageStates';
import { graphql } from '../../gql';
import type {
  DefinedServiceFieldsFragment,
  Priority,
  ServiceFormReferenceQuery,
  SlotIssuePolicy,
} from '../../gql/graphql';
import { hasErrorCode } from '../../lib/api-errors';
import {
  BOOKABLE_TYPE_LABELS,
  REQUEST_FLOW_LABELS,
  SEX_TREATED_LABELS,
  SLOT_ISSUE_POLICY_LABELS,
} from '../../lib/labels';
import { StaleVersion } from '../referral/StaleVersion';
import { CheckboxGroup, DefinerHeading } from './form-fields';
import { splitProblems, summaryOf } from './problems';
import {
  newServiceValues,
  SERVICE_CODE_FIELDS,
  SERVICE_FIELDS,
  serviceFieldId,
  serviceValues,
  toServiceInput,
  type ServiceField,
  type ServiceFormValues,
} from './service-form';
import { ServicePreview } from './ServicePreview';

export const ServiceFormReference = graphql(`
  query ServiceFormReference {
    organisationSites {
      id
      name
      town
      postcode
    }
    specialties {
      code
      name
    }
    clinicTypes {
      code
      name
      specialtyCode
    }
  }
`);

export const ServiceToAmend = graphql(`
  query ServiceToAmend($id: ID!) {
    definedService(id: $id) {
      ...DefinedServiceFields
    }
  }
`);

export const CreateService = graphql(`
  mutation CreateService($input: ServiceDefinitionInput!) {
    createService(input: $input, draft: true) {
      ...DefinedServiceFields
    }
  }
`);

export const AmendService = graphql(`
  mutation AmendService($id: ID!, $expectedVersion: Int!, $input: ServiceDefinitionInput!) {
    amendService(id: $id, expectedVersion: $expectedVersion, input: $input) {
      ...DefinedServiceFields
      ...ServiceVersionsFields
    }
  }
`);

/** Creates a service (as a draft) or amends one: every Directory of Services attribute. */
export function ServiceFormPage() {
  const { id } = useParams();
  const reference = useQuery(ServiceFormReference);
  const existing = useQuery(ServiceToAmend, {
    variables: { id: id ?? '' },
    skip: !id,
    fetchPolicy: 'network-only',
  });
  const title = id ? 'Amend the service' : 'Create a service';
  usePageTitle(title);
  const error = reference.error ?? existing.error;
  if (error) {
    return (
      <PageProblem
        title={title}
        error={error}
        onRetry={() => void Promise.all([reference.refetch(), id ? existing.refetch() : null])}
      />
    );
  }
  const defined = existing.data?.definedService;
  if (!reference.data || (id && !defined)) return <LoadingMessage title={title} />;
  return (
    <ServiceForm
      key={`${defined?.id ?? 'new'}:${defined?.service.version ?? 0}`}
      reference={reference.data}
      defined={defined ?? null}
      refetch={() => existing.refetch()}
    />
  );
}

function ServiceForm({
  reference,
  defined,
  refetch,
}: {
  reference: ServiceFormReferenceQuery;
  defined: DefinedServiceFieldsFragment | null;
  refetch: () => Promise<unknown>;
}) {
  const client = useApolloClient();
  const navigate = useNavigate();
  const session = useSession();
  const organisation = session.acting?.roleAssignment.organisation;
  const [values, setValues] = useState<ServiceFormValues>(() =>
    defined ? serviceValues(defined) : newServiceValues(),
  );
  const [errors, setErrors] = useState<Partial<Record<ServiceField, string>>>({});
  const [other, setOther] = useState<Problem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const set = <K extends keyof ServiceFormValues>(key: K, value: ServiceFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const id = serviceFieldId;
  const clinicTypes = reference.clinicTypes.filter((c) => c.specialtyCode === values.specialty);
  const title = defined ? 'Amend the service' : 'Create a service';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setAttempt((a) => a + 1);
    setStale(false);
    const converted = toServiceInput(values);
    if ('errors' in converted) {
      setErrors(converted.errors);
      setOther([]);
      return;
    }
    setBusy(true);
    try {
      if (defined) {
        await client.mutate({
          mutation: AmendService,
          variables: {
            id: defined.id,
            expectedVersion: defined.service.version,
            input: converted.input,
          },
        });
        navigate(`/services/${defined.id}`, { state: { done: 'Service amended' } });
      } else {
        const result = await client.mutate({
          mutation: CreateService,
          variables: { input: converted.input },
        });
        navigate(`/services/${result.data!.createService.id}`, {
          state: {
            done: 'Service saved as a draft. Add a schedule, then publish the service and its slots.',
          },
        });
      }
    } catch (e) {
      if (hasErrorCode(e, 'STALE_VERSION')) {
        setStale(true);
        setErrors({});
        setOther([]);
        return;
      }
      const split = splitProblems(e, SERVICE_FIELDS, SERVICE_CODE_FIELDS);
      setErrors(split.fields);
      setOther(split.other);
    } finally {
      setBusy(false);
    }
  };

  const problems = summaryOf(SERVICE_FIELDS, errors, other, id);
  const site = reference.organisationSites.find((s) => s.id === values.siteId);
  const clinicTypeName = reference.clinicTypes.find((c) => c.code === values.clinicType)?.name;
  const back = defined ? `/services/${defined.id}` : '/services';

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink asElement={Link} to={back} href={back}>
          {defined ? 'Back to the service' : 'Back to services'}
        </BackLink>
        {stale ? (
          <StaleVersion
            thing="service"
            refreshing={refreshing}
            onRefresh={() => {
              setRefreshing(true);
              void refetch().finally(() => setRefreshing(false));
            }}
          />
        ) : null}
        <FormErrors problems={problems} attempt={attempt} />
        <DefinerHeading
          organisation={organisation?.name}
          caption={defined ? defined.service.name : undefined}
        >
          {title}
        </DefinerHeading>
        <p>
          {defined
            ? 'Your change makes a new version of the service. Referrals already made keep the version they were made against.'
            : 'The service is saved as a draft. Referrers cannot find it until you publish it.'}
        </p>
        <form onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
              <h2 className="nhsuk-fieldset__heading">What the service is</h2>
            </legend>
            <TextInput
              id={id('name')}
              name="name"
              label="Service name"
              hint="As referrers will see it, for example Arrhythmia Clinic - Leeds General Hospital"
              value={values.name}
              error={errors.name}
              onChange={(e) => set('name', e.currentTarget.value)}
            />
            <Select
              id={id('siteId')}
              name="siteId"
              label="Site"
              value={values.siteId}
              error={errors.siteId}
              onChange={(e) => set('siteId', e.currentTarget.value)}
            >
              <Select.Option value="">Select a site</Select.Option>
              {reference.organisationSites.map((s) => (
                <Select.Option key={s.id} value={s.id}>
                  {s.name}, {s.town} {s.postcode}
                </Select.Option>
              ))}
            </Select>
            <Select
              id={id('specialty')}
              name="specialty"
              label="Specialty"
              value={values.specialty}
              error={errors.specialty}
              onChange={(e) => {
                const specialty = e.currentTarget.value;
                setValues((v) => ({ ...v, specialty, clinicType: '' }));
              }}
            >
              <Select.Option value="">Select a specialty</Select.Option>
              {reference.specialties.map((s) => (
                <Select.Option key={s.code} value={s.code}>
                  {s.name}
                </Select.Option>
              ))}
            </Select>
            <Select
              id={id('clinicType')}
              name="clinicType"
              label="Clinic type"
              hint={values.specialty ? undefined : 'Select a specialty first'}
              value={values.clinicType}
              error={errors.clinicType}
              onChange={(e) => set('clinicType', e.currentTarget.value)}
            >
              <Select.Option value="">Select a clinic type</Select.Option>
              {clinicTypes.map((c) => (
                <Select.Option key={c.code} value={c.code}>
                  {c.name}
                </Select.Option>
              ))}
            </Select>
            <Select
              id={id('appointmentType')}
              name="appointmentType"
              label="Appointment type"
              value={values.appointmentType}
              error={errors.appointmentType}
              onChange={(e) =>
                set(
                  'appointmentType',
                  e.currentTarget.value as ServiceFormValues['appointmentType'],
                )
              }
            >
              {APPOINTMENT_TYPES.map((t) => (
                <Select.Option key={t} value={t}>
                  {APPOINTMENT_TYPE_NAMES[t]}
                </Select.Option>
              ))}
            </Select>
            <Radios
              id={id('requestFlow')}
              name="requestFlow"
              legend="How referrers ask for it"
              legendProps={{ size: 's' }}
              error={errors.requestFlow}
            >
              {(Object.keys(REQUEST_FLOW_LABELS) as ServiceFormValues['requestFlow'][]).map((f) => (
                <Radios.Item
                  key={f}
                  value={f}
                  checked={values.requestFlow === f}
                  onChange={() => set('requestFlow', f)}
                >
                  {REQUEST_FLOW_LABELS[f]}
                </Radios.Item>
              ))}
            </Radios>
            <Radios
              id={id('bookableType')}
              name="bookableType"
              legend="How appointments are booked"
              legendProps={{ size: 's' }}
              error={errors.bookableType}
            >
              {(Object.keys(BOOKABLE_TYPE_LABELS) as ServiceFormValues['bookableType'][]).map(
                (b) => (
                  <Radios.Item
                    key={b}
                    value={b}
                    checked={values.bookableType === b}
                    onChange={() => set('bookableType', b)}
                  >
                    {BOOKABLE_TYPE_LABELS[b]}
                  </Radios.Item>
                ),
              )}
            </Radios>
          </fieldset>

          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
              <h2 className="nhsuk-fieldset__heading">Who it is for</h2>
            </legend>
            <CheckboxGroup
              id={id('priorities')}
              name="priorities"
              legend="Priorities accepted"
              error={errors.priorities}
              options={PRIORITIES.map((p) => ({
                value: p.code,
                label: p.name,
                hint: p.description === p.name ? undefined : p.description,
              }))}
              values={values.priorities}
              onChange={(v) => set('priorities', v as Priority[])}
            />
            <div className="nhsuk-grid-row">
              <div className="nhsuk-grid-column-one-half">
                <TextInput
                  id={id('minAgeYears')}
                  name="minAgeYears"
                  label="Youngest age treated (optional)"
                  hint="In years"
                  inputMode="numeric"
                  width={3}
                  value={values.minAgeYears}
                  error={errors.minAgeYears}
                  onChange={(e) => set('minAgeYears', e.currentTarget.value)}
                />
              </div>
              <div className="nhsuk-grid-column-one-half">
                <TextInput
                  id={id('maxAgeYears')}
                  name="maxAgeYears"
                  label="Oldest age treated (optional)"
                  hint="In years"
                  inputMode="numeric"
                  width={3}
                  value={values.maxAgeYears}
                  error={errors.maxAgeYears}
                  onChange={(e) => set('maxAgeYears', e.currentTarget.value)}
                />
              </div>
            </div>
            <Radios
              id={id('sexTreated')}
              name="sexTreated"
              legend="Sex treated"
              legendProps={{ size: 's' }}
              inline
              error={errors.sexTreated}
            >
              {(Object.keys(SEX_TREATED_LABELS) as ServiceFormValues['sexTreated'][]).map((s) => (
                <Radios.Item
                  key={s}
                  value={s}
                  checked={values.sexTreated === s}
                  onChange={() => set('sexTreated', s)}
                >
                  {SEX_TREATED_LABELS[s]}
                </Radios.Item>
              ))}
            </Radios>
          </fieldset>

          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
              <h2 className="nhsuk-fieldset__heading">What referrers need to know</h2>
            </legend>
            <Radios
              id={id('letterRequired')}
              name="letterRequired"
              legend="Is a referral letter required?"
              legendProps={{ size: 's' }}
              inline
              error={errors.letterRequired}
            >
              <Radios.Item
                value="yes"
                checked={values.letterRequired}
                onChange={() => set('letterRequired', true)}
              >
                Yes
              </Radios.Item>
              <Radios.Item
                value="no"
                checked={!values.letterRequired}
                onChange={() => set('letterRequired', false)}
              >
                No
              </Radios.Item>
            </Radios>
            <Textarea
              id={id('additionalRequirements')}
              name="additionalRequirements"
              label="Additional requirements (optional)"
              hint="What the patient or referrer must arrange first, such as tests or preparation"
              rows={3}
              value={values.additionalRequirements}
              error={errors.additionalRequirements}
              onChange={(e) => set('additionalRequirements', e.currentTarget.value)}
            />
            <Textarea
              id={id('referrerAlert')}
              name="referrerAlert"
              label="Referrer alert (optional)"
              hint="A warning shown prominently in search results"
              rows={3}
              value={values.referrerAlert}
              error={errors.referrerAlert}
              onChange={(e) => set('referrerAlert', e.currentTarget.value)}
            />
            <Textarea
              id={id('instructions')}
              name="instructions"
              label="Instructions for referrers (optional)"
              rows={3}
              value={values.instructions}
              error={errors.instructions}
              onChange={(e) => set('instructions', e.currentTarget.value)}
            />
          </fieldset>

          <BookingFields values={values} errors={errors} setValues={setValues} />

          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
              <h2 className="nhsuk-fieldset__heading">Named clinicians</h2>
            </legend>
            <div
              className={`nhsuk-form-group${errors.namedClinicians ? ' nhsuk-form-group--error' : ''}`}
            >
              <p className="nhsuk-hint">
                Clinicians referrers may ask for by name, and sessions may be run by.
              </p>
              {errors.namedClinicians ? (
                <span className="nhsuk-error-message" id={`${id('namedClinicians')}-error`}>
                  <span className="nhsuk-u-visually-hidden">Error:</span> {errors.namedClinicians}
                </span>
              ) : null}
              {values.clinicians.length === 0 ? <p>No named clinicians.</p> : null}
              {values.clinicians.map((c, i) => (
                <div className="app-row-with-action" key={c.id}>
                  <TextInput
                    id={i === 0 ? id('namedClinicians') : `${id('namedClinicians')}-${i + 1}`}
                    label={`Clinician ${i + 1} name`}
                    value={c.name}
                    onChange={(e) => {
                      const name = e.currentTarget.value;
                      set(
                        'clinicians',
                        values.clinicians.map((x) => (x.id === c.id ? { ...x, name } : x)),
                      );
                    }}
                  />
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                    onClick={() =>
                      set(
                        'clinicians',
                        values.clinicians.filter((x) => x.id !== c.id),
                      )
                    }
                  >
                    Remove <span className="nhsuk-u-visually-hidden">clinician {i + 1}</span>
                  </button>
                </div>
              ))}
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                onClick={() =>
                  set('clinicians', [...values.clinicians, { id: crypto.randomUUID(), name: '' }])
                }
              >
                Add a clinician
              </button>
            </div>
          </fieldset>

          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
              <h2 className="nhsuk-fieldset__heading">When it runs</h2>
            </legend>
            <TextInput
              id={id('effectiveFrom')}
              name="effectiveFrom"
              label="In effect from"
              type="date"
              width={10}
              value={values.effectiveFrom}
              error={errors.effectiveFrom}
              onChange={(e) => set('effectiveFrom', e.currentTarget.value)}
            />
            <TextInput
              id={id('effectiveTo')}
              name="effectiveTo"
              label="In effect until (optional)"
              hint="The last day it takes referrals. Leave empty if it does not end."
              type="date"
              width={10}
              value={values.effectiveTo}
              error={errors.effectiveTo}
              onChange={(e) => set('effectiveTo', e.currentTarget.value)}
            />
            <TextInput
              id={id('publicationWeeks')}
              name="publicationWeeks"
              label="Publish slots how many weeks ahead"
              hint="open-ers keeps this many weeks of slots published from the schedules, every day"
              inputMode="numeric"
              width={3}
              suffix="weeks"
              value={values.publicationWeeks}
              error={errors.publicationWeeks}
              onChange={(e) => set('publicationWeeks', e.currentTarget.value)}
            />
          </fieldset>

          <SlotIssueFields values={values} errors={errors} set={set} />

          <ServicePreview
            values={values}
            providerName={defined?.service.provider.name ?? organisation?.name ?? ''}
            site={site}
            clinicTypeName={clinicTypeName}
          />

          <Button type="submit">
            {busy ? 'Saving…' : defined ? 'Save changes' : 'Save as a draft'}
          </Button>
        </form>
        <p>
          <Link to={back}>Cancel</Link>
        </p>
      </div>
    </div>
  );
}

/** Booking window per priority, the provider's reservation and the indicative wait. */
function BookingFields({
  values,
  errors,
  setValues,
}: {
  values: ServiceFormValues;
  errors: Partial<Record<ServiceField, string>>;
  setValues: (update: (v: ServiceFormValues) => ServiceFormValues) => void;
}) {
  const id = serviceFieldId;
  const setWindow = (priority: Priority, key: 'opens' | 'closes', value: string) =>
    setValues((v) => ({
      ...v,
      windows: { ...v.windows, [priority]: { ...v.windows[priority], [key]: value } },
    }));
  const chosen = PRIORITIES.filter((p) => values.priorities.includes(p.code));
  return (
    <fieldset className="nhsuk-fieldset">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
        <h2 className="nhsuk-fieldset__heading">Booking</h2>
      </legend>
      <div className={`nhsuk-form-group${errors.bookingWindows ? ' nhsuk-form-group--error' : ''}`}>
        <fieldset
          className="nhsuk-fieldset"
          aria-describedby={`${id('bookingWindows')}-hint${errors.bookingWindows ? ` ${id('bookingWindows')}-error` : ''}`}
        >
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
            Booking window for each priority
          </legend>
          <div className="nhsuk-hint" id={`${id('bookingWindows')}-hint`}>
            How soon and how far ahead referrers may book. Your own staff may book outside it.
          </div>
          {errors.bookingWindows ? (
            <span className="nhsuk-error-message" id={`${id('bookingWindows')}-error`}>
              <span className="nhsuk-u-visually-hidden">Error:</span> {errors.bookingWindows}
            </span>
          ) : null}
          {chosen.length === 0 ? <p>Choose the priorities accepted first.</p> : null}
          {chosen.map((p, i) => (
            <div className="nhsuk-grid-row" key={p.code}>
              <div className="nhsuk-grid-column-one-half">
                <TextInput
                  id={i === 0 ? id('bookingWindows') : `${id('bookingWindows')}-${p.code}-opens`}
                  label={`${p.name}: opens, hours ahead`}
                  inputMode="numeric"
                  width={4}
                  value={values.windows[p.code].opens}
                  onChange={(e) => setWindow(p.code, 'opens', e.currentTarget.value)}
                />
              </div>
              <div className="nhsuk-grid-column-one-half">
                <TextInput
                  id={`${id('bookingWindows')}-${p.code}-closes`}
                  label={`${p.name}: closes, days ahead`}
                  inputMode="numeric"
                  width={4}
                  value={values.windows[p.code].closes}
                  onChange={(e) => setWindow(p.code, 'closes', e.currentTarget.value)}
                />
              </div>
            </div>
          ))}
        </fieldset>
      </div>
      <Select
        id={id('reservationDays')}
        name="reservationDays"
        label="Reserve new slots for your own staff"
        hint="For this long after they are published, only your staff can book them"
        value={values.reservationDays}
        error={errors.reservationDays}
        onChange={(e) => {
          const reservationDays = e.currentTarget.value;
          setValues((v) => ({ ...v, reservationDays }));
        }}
      >
        <Select.Option value="0">Not reserved</Select.Option>
        <Select.Option value="1">1 day</Select.Option>
        <Select.Option value="2">2 days</Select.Option>
      </Select>
      <TextInput
        id={id('indicativeWaitDays')}
        name="indicativeWaitDays"
        label="Indicative wait (optional)"
        hint="Shown to referrers when no appointment can be booked"
        inputMode="numeric"
        width={3}
        suffix="days"
        value={values.indicativeWaitDays}
        error={errors.indicativeWaitDays}
        onChange={(e) => {
          const indicativeWaitDays = e.currentTarget.value;
          setValues((v) => ({ ...v, indicativeWaitDays }));
        }}
      />
    </fieldset>
  );
}

/** What happens to referrals waiting for an appointment when slots become free. */
function SlotIssueFields({
  values,
  errors,
  set,
}: {
  values: ServiceFormValues;
  errors: Partial<Record<ServiceField, string>>;
  set: <K extends keyof ServiceFormValues>(key: K, value: ServiceFormValues[K]) => void;
}) {
  const id = serviceFieldId;
  const hours = Number(values.offerHoldHours) || 0;
  return (
    <fieldset className="nhsuk-fieldset">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
        <h2 className="nhsuk-fieldset__heading">Appointment slot issues</h2>
      </legend>
      <Radios
        id={id('slotIssuePolicy')}
        name="slotIssuePolicy"
        legend="When slots become free, what happens to referrals waiting for an appointment?"
        legendProps={{ size: 's' }}
        error={errors.slotIssuePolicy}
      >
        {(Object.keys(SLOT_ISSUE_POLICY_LABELS) as SlotIssuePolicy[]).map((p) => (
          <Radios.Item
            key={p}
            value={p}
            checked={values.slotIssuePolicy === p}
            onChange={() => set('slotIssuePolicy', p)}
            hint={SLOT_ISSUE_POLICY_LABELS[p].explanation(hours)}
          >
            {SLOT_ISSUE_POLICY_LABELS[p].name}
          </Radios.Item>
        ))}
      </Radios>
      <TextInput
        id={id('offerHoldHours')}
        name="offerHoldHours"
        label="How long an offered slot is held"
        hint="Used when slots are offered"
        inputMode="numeric"
        width={3}
        suffix="hours"
        value={values.offerHoldHours}
        error={errors.offerHoldHours}
        onChange={(e) => set('offerHoldHours', e.currentTarget.value)}
      />
    </fieldset>
  );
}
