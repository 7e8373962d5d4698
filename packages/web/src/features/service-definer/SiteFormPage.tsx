import { normalisePostcode } from '@open-ers/domain';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { BackLink, Button, TextInput } from 'nhsuk-react-components';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { usePageTitle } from '../../app/page';
import { useSession } from '../../app/session';
import { FormErrors, type Problem } from '../../components/FormErrors';
import { LoadingMessage, PageProblem } from '../../components/PageStates';
import { graphql } from '../../gql';
import type { SiteFieldsFragment } from '../../gql/graphql';
import { DefinerHeading } from './form-fields';
import { splitProblems, summaryOf } from './problems';
import { OrganisationSitesData } from './SitesPage';

export const CreateSite = graphql(`
  mutation CreateSite($input: SiteInput!) {
    createSite(input: $input) {
      ...SiteFields
    }
  }
`);

export const AmendSite = graphql(`
  mutation AmendSite($id: ID!, $input: SiteInput!) {
    amendSite(id: $id, input: $input) {
      ...SiteFields
    }
  }
`);

const FIELDS = ['odsCode', 'name', 'addressLine', 'town', 'postcode'] as const;
type Field = (typeof FIELDS)[number];
const CODE_FIELDS: Partial<Record<string, Field>> = {
  INVALID_SITE_CODE: 'odsCode',
  SITE_CODE_TAKEN: 'odsCode',
  NAME_REQUIRED: 'name',
  INVALID_POSTCODE: 'postcode',
  UNKNOWN_POSTCODE: 'postcode',
};
const fieldId = (f: Field) => `site-${f}`;
const LABELS: Record<Field, { label: string; hint?: string; width?: 10 | 20 }> = {
  odsCode: { label: 'Site code', hint: 'The ODS site code, like RR801', width: 10 },
  name: { label: 'Site name' },
  addressLine: { label: 'Address' },
  town: { label: 'Town or city', width: 20 },
  postcode: {
    label: 'Postcode',
    hint: 'Its location comes from the postcode: search measures distances from it',
    width: 10,
  },
};

/** Adds a site, or amends one (`/sites/:id/edit`). */
export function SiteFormPage() {
  const { id } = useParams();
  const query = useQuery(OrganisationSitesData, { skip: !id });
  const title = id ? 'Change the site' : 'Add a site';
  usePageTitle(title);
  if (id && !query.data) {
    return query.error ? (
      <PageProblem title={title} error={query.error} onRetry={() => void query.refetch()} />
    ) : (
      <LoadingMessage title={title} />
    );
  }
  const site = id ? query.data?.organisationSites.find((s) => s.id === id) : undefined;
  if (id && !site) {
    return (
      <>
        <h1>Site not found</h1>
        <p>
          <Link to="/sites">Your organisation’s sites</Link>
        </p>
      </>
    );
  }
  return <SiteForm site={site ?? null} title={title} />;
}

function SiteForm({ site, title }: { site: SiteFieldsFragment | null; title: string }) {
  const client = useApolloClient();
  const navigate = useNavigate();
  const session = useSession();
  const [values, setValues] = useState<Record<Field, string>>({
    odsCode: site?.odsCode ?? '',
    name: site?.name ?? '',
    addressLine: site?.addressLine ?? '',
    town: site?.town ?? '',
    postcode: site?.postcode ?? '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [other, setOther] = useState<Problem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setAttempt((a) => a + 1);
    setBusy(true);
    const input = Object.fromEntries(FIELDS.map((f) => [f, values[f].trim()])) as Record<
      Field,
      string
    >;
    // Kept and shown as `LS1 4AP`, however it was typed.
    input.postcode = normalisePostcode(input.postcode);
    setValues((v) => ({ ...v, postcode: input.postcode }));
    try {
      if (site) {
        await client.mutate({ mutation: AmendSite, variables: { id: site.id, input } });
      } else {
        await client.mutate({ mutation: CreateSite, variables: { input } });
      }
      await client.refetchQueries({ include: [OrganisationSitesData] });
      navigate('/sites', { state: { done: site ? 'Site changed' : `Site ${input.name} added` } });
    } catch (e) {
      const split = splitProblems(e, FIELDS, CODE_FIELDS);
      setErrors(split.fields);
      setOther(split.other);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink asElement={Link} to="/sites" href="/sites">
          Back to sites
        </BackLink>
        <FormErrors problems={summaryOf(FIELDS, errors, other, fieldId)} attempt={attempt} />
        <DefinerHeading organisation={session.acting?.roleAssignment.organisation.name}>
          {title}
        </DefinerHeading>
        <form onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
          {FIELDS.map((f) => (
            <TextInput
              key={f}
              id={fieldId(f)}
              name={f}
              label={LABELS[f].label}
              hint={LABELS[f].hint}
              width={LABELS[f].width}
              autoComplete={f === 'postcode' ? 'postal-code' : undefined}
              value={values[f]}
              error={errors[f]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setValues((v) => ({ ...v, [f]: value }));
              }}
            />
          ))}
          <Button type="submit">{busy ? 'Saving…' : site ? 'Save changes' : 'Add site'}</Button>
        </form>
      </div>
    </div>
  );
}
