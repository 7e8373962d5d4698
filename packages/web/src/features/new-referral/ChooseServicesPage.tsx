import { isPriority } from '@open-ers/domain';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { usePageTitle } from '../../app/page';
import { LiveMessage } from '../../components/LiveMessage';
import type { ServiceResultFragment } from '../../gql/graphql';
import { ageOn, formatNhs, ukDay } from '../../lib/format';
import { ServiceSearch } from '../search/ServiceSearch';
import { MAX_SHORTLIST, updateDraft, useReferralDraft, type DraftService } from './draft';
import { sexName } from './PatientSummary';
import { ShortlistPanel } from './ShortlistPanel';

const toDraftService = ({ service }: ServiceResultFragment): DraftService => ({
  id: service.id,
  name: service.name,
  providerName: service.provider.name,
  siteName: service.site.name,
  requestFlow: service.requestFlow,
  bookableType: service.bookableType,
  priorities: service.priorities,
  letterRequired: service.letterRequired,
});

/** Step 2: search the directory for the patient and build the shortlist. */
export function ChooseServicesPage() {
  const draft = useReferralDraft();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<string | undefined>();
  const title =
    draft?.purpose.kind === 'CHANGE_SHORTLIST'
      ? 'Change the shortlist'
      : draft?.purpose.kind === 'ONWARD'
        ? 'Refer on: choose services'
        : 'Choose services';
  usePageTitle(title);

  const patient = useMemo(() => {
    if (!draft) return undefined;
    const today = ukDay(new Date().toISOString());
    return {
      ageYears: ageOn(draft.patient.dateOfBirth, today),
      sex: draft.patient.sex,
      postcode: draft.patient.postcode,
    };
  }, [draft]);

  if (!draft || !patient) {
    return (
      <>
        <h1>Choose services</h1>
        <p>There is no referral in progress.</p>
        <p>
          <Link to="/referrals/new">Start a new referral</Link>
        </p>
      </>
    );
  }

  const onList = new Set(draft.shortlist.map((s) => s.id));
  const toggle = (result: ServiceResultFragment) => {
    const { id, name } = result.service;
    setError(undefined);
    if (onList.has(id)) {
      updateDraft((d) => ({ ...d, shortlist: d.shortlist.filter((s) => s.id !== id) }));
      setAnnouncement(
        `${name} removed from the shortlist. ${draft.shortlist.length - 1} of ${MAX_SHORTLIST} services.`,
      );
    } else {
      updateDraft((d) => ({ ...d, shortlist: [...d.shortlist, toDraftService(result)] }));
      setAnnouncement(
        `${name} added to the shortlist. ${draft.shortlist.length + 1} of ${MAX_SHORTLIST} services.`,
      );
    }
  };
  const remove = (id: string) => {
    const service = draft.shortlist.find((s) => s.id === id);
    updateDraft((d) => ({ ...d, shortlist: d.shortlist.filter((s) => s.id !== id) }));
    setAnnouncement(`${service?.name ?? 'Service'} removed from the shortlist.`);
  };
  const proceed = () => {
    const searchedPriority = params.get('priority');
    const priority = isPriority(searchedPriority) ? searchedPriority : draft.priority;
    if (draft.shortlist.length === 0) {
      setError('Add at least one service to the shortlist.');
    } else if (!priority) {
      setError('Search with the referral’s priority first.');
    } else {
      updateDraft((d) => ({ ...d, priority }));
      navigate('/referrals/new/details');
      return;
    }
    document.getElementById('shortlist-continue')?.focus();
  };

  const { patient: p } = draft;
  return (
    <>
      <span className="nhsuk-caption-l">
        {p.givenName} {p.familyName}
      </span>
      <h1>{title}</h1>
      <p>
        Searching for {p.givenName} {p.familyName} (NHS number {formatNhs(p.nhsNumber)}),{' '}
        {patient.ageYears}, {sexName(p.sex).toLowerCase()}, {p.postcode}.
      </p>
      <LiveMessage message={announcement} />
      <ServiceSearch
        patient={patient}
        shortlist={(result) => ({
          onShortlist: onList.has(result.service.id),
          cannotAdd:
            draft.shortlist.length >= MAX_SHORTLIST
              ? `The shortlist is full (${MAX_SHORTLIST} services).`
              : undefined,
          onToggle: () => toggle(result),
        })}
        aside={
          <ShortlistPanel
            shortlist={draft.shortlist}
            onRemove={remove}
            onContinue={proceed}
            continueLabel={
              draft.purpose.kind === 'CHANGE_SHORTLIST' ? 'Review the new shortlist' : 'Continue'
            }
            error={error}
            back={
              draft.purpose.kind === 'NEW'
                ? { href: '/referrals/new', text: 'Choose a different patient' }
                : { href: `/referrals/${draft.purpose.ubrn}`, text: 'Back to the referral' }
            }
          />
        }
      />
    </>
  );
}
