import { useMutation } from '@apollo/client/react';
import {
  clinicalInformationProblems,
  DEFAULT_TIME_ZONE,
  latestLetterDueDate,
  type DateContext,
} from '@open-ers/domain';
import { englandBankHolidays } from '@open-ers/domain/holidays';
import {
  Button,
  Radios,
  SummaryList,
  Textarea,
  TextInput,
  WarningCallout,
} from 'nhsuk-react-components';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { usePageTitle } from '../../app/page';
import { useSession } from '../../app/session';
import { FormErrors, type Problem } from '../../components/FormErrors';
import { LetterFileInput } from '../../components/LetterFileInput';
import { graphql } from '../../gql';
import type { LetterStatus } from '../../gql/graphql';
import { isNetworkProblem, newIdempotencyKey, toUserFacingErrors } from '../../lib/api-errors';
import { formatDayDate, formatNhs, priorityName } from '../../lib/format';
import { REQUEST_FLOW_LABELS } from '../../lib/labels';
import { uploadDocument } from '../../lib/upload';
import { writeDraft, useReferralDraft, type ReferralDraft } from './draft';

export const CreateReferral = graphql(`
  mutation CreateReferral($input: CreateReferralInput!) {
    createReferral(input: $input) {
      referral {
        ubrn
        version
        state
      }
    }
  }
`);

export const ChangeShortlist = graphql(`
  mutation ChangeShortlist($input: ChangeShortlistInput!) {
    changeShortlist(input: $input) {
      referral {
        ubrn
        version
        state
      }
    }
  }
`);

export const CreateOnwardReferral = graphql(`
  mutation CreateOnwardReferral($input: OnwardReferralInput!) {
    createOnwardReferral(input: $input) {
      referral {
        ubrn
        version
        state
      }
    }
  }
`);

/** The dates the domain's letter rules are computed in: UK time, England's bank holidays. */
const DATE_CONTEXT: DateContext = {
  timeZone: DEFAULT_TIME_ZONE,
  calendar: englandBankHolidays(),
};

type Field = 'shortlist' | 'clinical' | 'letter' | 'due' | 'file';
const FIELD_IDS: Record<Field, string> = {
  shortlist: 'referral-shortlist',
  clinical: 'referral-clinical-information',
  letter: 'referral-letter-status',
  due: 'referral-letter-due-date',
  file: 'referral-letter-file',
};
/** API input fields (`extensions.field`) and the form field they concern. */
const API_FIELDS: Record<string, Field> = {
  serviceIds: 'shortlist',
  shortlist: 'shortlist',
  service: 'shortlist',
  priority: 'shortlist',
  clinicalInformation: 'clinical',
  letterStatus: 'letter',
  letterDueDate: 'due',
  documentIds: 'file',
  file: 'file',
};

/** Checks the shortlist against the priority before anything is sent. */
function shortlistProblem(draft: ReferralDraft): string | undefined {
  if (draft.shortlist.length === 0) return 'Add at least one service to the shortlist.';
  const priority = draft.priority;
  if (!priority) return 'Choose the referral’s priority by searching again.';
  const refusing = draft.shortlist.find((s) => !s.priorities.includes(priority));
  return refusing
    ? `${refusing.name} does not accept ${priorityName(priority).toLowerCase()} referrals. Remove it or change the priority.`
    : undefined;
}

/** Step 3: the clinical information and letter, then create the referral (or save the change). */
export function ReferralDetailsPage() {
  const draft = useReferralDraft();
  const session = useSession();
  const navigate = useNavigate();
  const purpose = draft?.purpose.kind ?? 'NEW';
  const title =
    purpose === 'CHANGE_SHORTLIST'
      ? 'Check the new shortlist'
      : purpose === 'ONWARD'
        ? 'Onward referral details'
        : 'Referral details';
  usePageTitle(title);
  const [clinical, setClinical] = useState('');
  const [letter, setLetter] = useState<LetterStatus | ''>('');
  const [due, setDue] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [other, setOther] = useState<Problem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const [createReferral] = useMutation(CreateReferral);
  const [changeShortlist] = useMutation(ChangeShortlist);
  const [createOnward] = useMutation(CreateOnwardReferral);

  if (!draft) {
    return (
      <>
        <h1>{title}</h1>
        <p>There is no referral in progress.</p>
        <p>
          <Link to="/referrals/new">Start a new referral</Link>
        </p>
      </>
    );
  }

  const validate = (): Partial<Record<Field, string>> => {
    const found: Partial<Record<Field, string>> = {};
    const shortlist = shortlistProblem(draft);
    if (shortlist) found.shortlist = shortlist;
    if (purpose === 'CHANGE_SHORTLIST') return found;
    if (!letter) {
      found.letter = 'Say whether you are attaching the referral letter now.';
      return found;
    }
    if (letter === 'NEED_TO_ADD_LATER' && due === '') {
      found.due = 'Enter the date the letter is due.';
      return found;
    }
    // The domain's rule, as the API applies it: clinical information, a letter attached, or a
    // letter to follow by a date the priority allows.
    for (const problem of clinicalInformationProblems(
      {
        clinicalInformation: clinical,
        letterStatus: letter,
        letterDocumentCount: file ? 1 : 0,
        letterDueDate: letter === 'NEED_TO_ADD_LATER' ? due : null,
        priority: draft.priority ?? 'ROUTINE',
      },
      new Date(),
      DATE_CONTEXT,
    )) {
      const field = problem.field ? API_FIELDS[problem.field] : undefined;
      if (field && !found[field]) found[field] = problem.message;
    }
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setAttempt((a) => a + 1);
    const found = validate();
    setErrors(found);
    setOther([]);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const serviceIds = draft.shortlist.map((s) => s.id);
      const priority = draft.priority!;
      if (draft.purpose.kind === 'CHANGE_SHORTLIST') {
        const { ubrn, version } = draft.purpose;
        await changeShortlist({
          variables: {
            input: { ubrn, serviceIds, priority, expectedVersion: version, idempotencyKey: key },
          },
        });
        writeDraft(null);
        navigate(`/referrals/${ubrn}`, { state: { done: 'Shortlist changed' } });
        return;
      }
      const documentIds = letter === 'ATTACHED' && file ? [(await uploadDocument(file)).id] : null;
      const common = {
        serviceIds,
        priority,
        letterStatus: letter as LetterStatus,
        clinicalInformation: clinical.trim() || null,
        documentIds,
        letterDueDate: letter === 'NEED_TO_ADD_LATER' ? due : null,
        idempotencyKey: key,
      };
      let ubrn: string;
      if (draft.purpose.kind === 'ONWARD') {
        const result = await createOnward({
          variables: {
            input: { ...common, ubrn: draft.purpose.ubrn, expectedVersion: draft.purpose.version },
          },
        });
        ubrn = result.data!.createOnwardReferral.referral.ubrn;
      } else {
        const result = await createReferral({
          variables: { input: { ...common, patientId: draft.patient.id } },
        });
        ubrn = result.data!.createReferral.referral.ubrn;
      }
      writeDraft(null);
      // With one appointment service shortlisted, open its calendar in the same request.
      const bookable = draft.shortlist.filter((s) => s.requestFlow === 'APPOINTMENT_REQUEST');
      const service = bookable.length === 1 ? `?service=${bookable[0]!.id}` : '';
      navigate(`/referrals/${ubrn}/book${service}`, { state: { created: true } });
    } catch (error) {
      // A request that may not have arrived is retried with the same key; anything the API
      // answered is final, so a corrected retry is a new request.
      if (!isNetworkProblem(error)) setKey(newIdempotencyKey());
      const onFields: Partial<Record<Field, string>> = {};
      const rest: Problem[] = [];
      for (const p of toUserFacingErrors(error)) {
        const field = p.field ? API_FIELDS[p.field] : undefined;
        if (p.code === 'STALE_VERSION') {
          rest.push({ message: `${p.message} Go back to the referral to see its latest version.` });
        } else if (field) onFields[field] = p.message;
        else rest.push({ message: p.message });
      }
      setErrors(onFields);
      setOther(rest);
    } finally {
      setBusy(false);
    }
  };

  const problems: Problem[] = [
    ...(Object.keys(FIELD_IDS) as Field[])
      .filter((f) => errors[f])
      .map((f) => ({ message: errors[f]!, fieldId: FIELD_IDS[f] })),
    ...other,
  ];
  const { patient } = draft;
  const letterRequired = draft.shortlist.some((s) => s.letterRequired);
  const latestDue = draft.priority
    ? latestLetterDueDate(new Date(), draft.priority, DATE_CONTEXT)
    : null;

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <FormErrors problems={problems} attempt={attempt} />
        <span className="nhsuk-caption-l">
          {patient.givenName} {patient.familyName}
        </span>
        <h1>{title}</h1>
        <SummaryList>
          <SummaryList.Row>
            <SummaryList.Key>Patient</SummaryList.Key>
            <SummaryList.Value>
              {patient.givenName} {patient.familyName}
              <br />
              NHS number {formatNhs(patient.nhsNumber)}
            </SummaryList.Value>
          </SummaryList.Row>
          {session.acting?.onBehalfOf && purpose === 'NEW' ? (
            <SummaryList.Row>
              <SummaryList.Key>Referring clinician</SummaryList.Key>
              <SummaryList.Value>{session.acting.onBehalfOf.displayName}</SummaryList.Value>
            </SummaryList.Row>
          ) : null}
          <SummaryList.Row>
            <SummaryList.Key>Priority</SummaryList.Key>
            <SummaryList.Value>
              {draft.priority ? priorityName(draft.priority) : 'Not chosen'}
            </SummaryList.Value>
            <SummaryList.Action
              asElement={Link}
              to="/referrals/new/services"
              href="/referrals/new/services"
              visuallyHiddenText="priority"
            >
              Change
            </SummaryList.Action>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Shortlist</SummaryList.Key>
            <SummaryList.Value id={FIELD_IDS.shortlist}>
              {errors.shortlist ? (
                <span className="nhsuk-error-message">
                  <span className="nhsuk-u-visually-hidden">Error:</span> {errors.shortlist}
                </span>
              ) : null}
              <ol className="nhsuk-list nhsuk-list--number nhsuk-u-margin-bottom-0">
                {draft.shortlist.map((s) => (
                  <li key={s.id}>
                    {s.name}
                    <br />
                    <span className="nhsuk-body-s">
                      {s.providerName} · {REQUEST_FLOW_LABELS[s.requestFlow]}
                    </span>
                  </li>
                ))}
              </ol>
            </SummaryList.Value>
            <SummaryList.Action
              asElement={Link}
              to="/referrals/new/services"
              href="/referrals/new/services"
              visuallyHiddenText="shortlist"
            >
              Change
            </SummaryList.Action>
          </SummaryList.Row>
        </SummaryList>

        <form onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
          {purpose === 'CHANGE_SHORTLIST' ? null : (
            <>
              <Textarea
                id={FIELD_IDS.clinical}
                name="clinicalInformation"
                label="Clinical information"
                labelProps={{ size: 'm' }}
                hint="The reason for referral, relevant history, examination findings and medication. You need this unless you attach the referral letter or say it will follow."
                rows={8}
                value={clinical}
                error={errors.clinical}
                onChange={(e) => setClinical(e.currentTarget.value)}
              />
              {letterRequired ? (
                <WarningCallout>
                  <WarningCallout.Heading headingLevel="h2">
                    Referral letter required
                  </WarningCallout.Heading>
                  <p>
                    A service on the shortlist needs the referral letter before it will review the
                    referral.
                  </p>
                </WarningCallout>
              ) : null}
              <Radios
                id={FIELD_IDS.letter}
                name="letterStatus"
                legend="Referral letter"
                legendProps={{ size: 'm' }}
                error={errors.letter}
              >
                <Radios.Item
                  value="ATTACHED"
                  checked={letter === 'ATTACHED'}
                  onChange={() => setLetter('ATTACHED')}
                >
                  Attach it now
                </Radios.Item>
                <Radios.Item
                  value="NEED_TO_ADD_LATER"
                  checked={letter === 'NEED_TO_ADD_LATER'}
                  onChange={() => {
                    setLetter('NEED_TO_ADD_LATER');
                    if (due === '' && latestDue) setDue(latestDue);
                  }}
                  hint="The referral goes on your Awaiting referral letter worklist until you attach it"
                >
                  The letter will follow
                </Radios.Item>
                <Radios.Item
                  value="NOT_INTENDING_TO_ADD"
                  checked={letter === 'NOT_INTENDING_TO_ADD'}
                  onChange={() => setLetter('NOT_INTENDING_TO_ADD')}
                >
                  No letter: the clinical information is enough
                </Radios.Item>
              </Radios>
              {letter === 'ATTACHED' ? (
                <LetterFileInput id={FIELD_IDS.file} error={errors.file} onChange={setFile} />
              ) : null}
              {letter === 'NEED_TO_ADD_LATER' ? (
                <TextInput
                  id={FIELD_IDS.due}
                  name="letterDueDate"
                  label="Date the letter is due"
                  hint={
                    latestDue
                      ? `No later than ${formatDayDate(latestDue)}: within 1 working day for a two week wait or urgent referral, 3 working days for a routine one. The provider cannot accept the referral until the letter arrives.`
                      : undefined
                  }
                  type="date"
                  width={10}
                  value={due}
                  error={errors.due}
                  onChange={(e) => setDue(e.currentTarget.value)}
                />
              ) : null}
            </>
          )}
          <Button type="submit">
            {busy
              ? 'Saving…'
              : purpose === 'CHANGE_SHORTLIST'
                ? 'Save the shortlist'
                : purpose === 'ONWARD'
                  ? 'Create onward referral'
                  : 'Create referral'}
          </Button>
        </form>
      </div>
    </div>
  );
}
