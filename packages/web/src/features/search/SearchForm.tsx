import { normalisePostcode } from '@open-ers/domain';
import { Button, ErrorSummary, Radios, Select, TextInput } from 'nhsuk-react-components';
import { useMemo, useState, type FormEvent } from 'react';
import type { SearchFormDataQuery } from '../../gql/graphql';
import { validateSearchForm, type SearchField, type SearchFormValues } from './search-criteria';

const DISTANCES = ['5', '10', '25', '50', '100'];
const WAITS = [
  { days: '7', label: '1 week' },
  { days: '14', label: '2 weeks' },
  { days: '28', label: '4 weeks' },
  { days: '42', label: '6 weeks' },
  { days: '56', label: '8 weeks' },
  { days: '126', label: '18 weeks' },
];

/** The order problems are listed in the error summary: the order of the fields on the page. */
const FIELD_ORDER: SearchField[] = [
  'age',
  'sex',
  'postcode',
  'priority',
  'specialty',
  'clinicType',
  'distance',
  'maxWait',
];

const fieldId = (field: SearchField) => `search-${field}`;

export interface SearchFormProps {
  readonly initial: SearchFormValues;
  readonly reference: SearchFormDataQuery | undefined;
  /** Problems the API reported for the last search, by field. */
  readonly serverErrors: Partial<Record<SearchField, string>>;
  readonly onSearch: (values: SearchFormValues) => void;
  /** The patient is known (a referral): their age, sex and postcode are not asked for. */
  readonly patientKnown?: boolean;
}

/** The patient and the kind of service wanted. Validates as the API would before submitting. */
export function SearchForm({
  initial,
  reference,
  serverErrors,
  onSearch,
  patientKnown = false,
}: SearchFormProps) {
  const [values, setValues] = useState(initial);
  const [clientErrors, setClientErrors] = useState<Partial<Record<SearchField, string>>>({});
  const [submitted, setSubmitted] = useState(false);
  const errors = submitted ? clientErrors : { ...serverErrors, ...clientErrors };
  const problems = FIELD_ORDER.filter((f) => errors[f]);

  const clinicTypes = useMemo(
    () => reference?.clinicTypes.filter((c) => c.specialtyCode === values.specialty) ?? [],
    [reference, values.specialty],
  );

  const set = (field: SearchField) => (value: string) =>
    setValues((v) => ({
      ...v,
      [field]: value,
      ...(field === 'specialty' ? { clinicType: '' } : {}),
    }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A postcode typed in lower case or without its space is kept and shown as `LS1 4AP`.
    const next = { ...values, postcode: normalisePostcode(values.postcode) };
    setValues(next);
    const found = validateSearchForm(next);
    setClientErrors(found);
    setSubmitted(Object.keys(found).length > 0);
    if (Object.keys(found).length === 0) onSearch(next);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Search for services">
      {problems.length > 0 ? (
        <ErrorSummary>
          <ErrorSummary.Title>There is a problem</ErrorSummary.Title>
          <ErrorSummary.List>
            {problems.map((f) => (
              <ErrorSummary.ListItem key={f} href={`#${fieldId(f)}`}>
                {errors[f]}
              </ErrorSummary.ListItem>
            ))}
          </ErrorSummary.List>
        </ErrorSummary>
      ) : null}

      {patientKnown ? null : (
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
            <h2 className="nhsuk-fieldset__heading">Patient</h2>
          </legend>
          <TextInput
            id={fieldId('age')}
            name="age"
            label="Age in years"
            inputMode="numeric"
            width={3}
            value={values.age}
            error={errors.age}
            onChange={(e) => set('age')(e.currentTarget.value)}
          />
          <RadioGroup
            field="sex"
            legend="Sex"
            inline
            value={values.sex}
            error={errors.sex}
            onChange={set('sex')}
            options={[
              { value: 'FEMALE', label: 'Female' },
              { value: 'MALE', label: 'Male' },
              { value: 'UNKNOWN', label: 'Not known' },
            ]}
          />
          <TextInput
            id={fieldId('postcode')}
            name="postcode"
            label="Postcode"
            hint="Distances are measured from here"
            autoComplete="postal-code"
            width={10}
            value={values.postcode}
            error={errors.postcode}
            onChange={(e) => set('postcode')(e.currentTarget.value)}
          />
        </fieldset>
      )}

      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
          <h2 className="nhsuk-fieldset__heading">Service</h2>
        </legend>
        <RadioGroup
          field="priority"
          legend="Priority"
          value={values.priority}
          error={errors.priority}
          onChange={set('priority')}
          options={[
            { value: 'ROUTINE', label: 'Routine' },
            { value: 'URGENT', label: 'Urgent' },
            { value: 'TWO_WEEK_WAIT', label: 'Two week wait', hint: 'Urgent suspected cancer' },
          ]}
        />
        <Select
          id={fieldId('specialty')}
          name="specialty"
          label="Specialty"
          value={values.specialty}
          error={errors.specialty}
          onChange={(e) => set('specialty')(e.currentTarget.value)}
        >
          <Select.Option value="">
            {reference ? 'Select a specialty' : 'Loading specialties…'}
          </Select.Option>
          {reference?.specialties.map((s) => (
            <Select.Option key={s.code} value={s.code}>
              {s.name}
            </Select.Option>
          ))}
        </Select>
        <Select
          id={fieldId('clinicType')}
          name="clinicType"
          label="Clinic type (optional)"
          value={values.clinicType}
          error={errors.clinicType}
          disabled={clinicTypes.length === 0}
          onChange={(e) => set('clinicType')(e.currentTarget.value)}
        >
          <Select.Option value="">Any clinic type</Select.Option>
          {clinicTypes.map((c) => (
            <Select.Option key={c.code} value={c.code}>
              {c.name}
            </Select.Option>
          ))}
        </Select>
        <Select
          id={fieldId('distance')}
          name="distance"
          label="Distance from the patient"
          value={values.distance}
          error={errors.distance}
          onChange={(e) => set('distance')(e.currentTarget.value)}
        >
          <Select.Option value="">Any distance</Select.Option>
          {DISTANCES.map((d) => (
            <Select.Option key={d} value={d}>
              Within {d} miles
            </Select.Option>
          ))}
        </Select>
        <Select
          id={fieldId('maxWait')}
          name="maxWait"
          label="Maximum wait"
          hint="Until the earliest appointment you can book"
          value={values.maxWait}
          error={errors.maxWait}
          onChange={(e) => set('maxWait')(e.currentTarget.value)}
        >
          <Select.Option value="">Any wait</Select.Option>
          {WAITS.map((w) => (
            <Select.Option key={w.days} value={w.days}>
              Up to {w.label}
            </Select.Option>
          ))}
        </Select>
        <RadioGroup
          field="sort"
          legend="Sort results by"
          value={values.sort}
          onChange={set('sort')}
          options={[
            { value: 'DISTANCE', label: 'Distance' },
            { value: 'EARLIEST_SLOT', label: 'Earliest appointment' },
            { value: 'NAME', label: 'Name' },
          ]}
        />
      </fieldset>

      <Button type="submit">Search</Button>
    </form>
  );
}

interface RadioGroupProps {
  readonly field: SearchField;
  readonly legend: string;
  readonly value: string;
  readonly error?: string | undefined;
  readonly inline?: boolean;
  readonly options: readonly { value: string; label: string; hint?: string }[];
  readonly onChange: (value: string) => void;
}

/** A set of NHS.UK radios bound to one form value. */
function RadioGroup({ field, legend, value, error, inline, options, onChange }: RadioGroupProps) {
  return (
    <Radios id={fieldId(field)} name={field} legend={legend} inline={inline} error={error}>
      {options.map((o) => (
        <Radios.Item
          key={o.value}
          value={o.value}
          hint={o.hint}
          checked={value === o.value}
          onChange={(e) => onChange(e.currentTarget.value)}
        >
          {o.label}
        </Radios.Item>
      ))}
    </Radios>
  );
}
