import { graphql } from '../../gql';
import type { ShortlistDetailsFragment } from '../../gql/graphql';
import { REQUEST_FLOW_LABELS } from '../../lib/labels';

export const ShortlistDetails = graphql(`
  fragment ShortlistDetails on Referral {
    shortlist {
      id
      name
      requestFlow
      bookableType
      priorities
      letterRequired
      provider {
        id
        name
      }
      site {
        id
        name
        town
      }
    }
  }
`);

/** The services the patient may choose from. */
export function ShortlistSection({ referral }: { referral: ShortlistDetailsFragment }) {
  return (
    <section aria-labelledby="shortlist-heading">
      <h2 id="shortlist-heading" className="nhsuk-heading-m">
        Shortlist
      </h2>
      <ol className="nhsuk-list nhsuk-list--number">
        {referral.shortlist.map((s) => (
          <li key={s.id}>
            {s.name}
            <br />
            <span className="nhsuk-body-s">
              {s.provider.name}, {s.site.town} · {REQUEST_FLOW_LABELS[s.requestFlow]}
              {s.bookableType === 'INDIRECTLY_BOOKABLE' ? ', booked by the provider' : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
