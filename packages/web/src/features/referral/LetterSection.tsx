import { graphql } from '../../gql';
import type { LetterDetailsFragment } from '../../gql/graphql';
import { formatBytes, formatDate } from '../../lib/format';

export const LetterDetails = graphql(`
  fragment LetterDetails on Referral {
    accessLevel
    clinicalInformation
    letterStatus
    letterDueAt
    letterOverdue
    documents {
      id
      filename
      contentType
      sizeBytes
      uploadedAt
      downloadUrl
    }
  }
`);

/** Clinical information and the referral letter; admin roles are told why they see neither. */
export function LetterSection({ referral }: { referral: LetterDetailsFragment }) {
  const clinical = referral.accessLevel === 'CLINICAL';
  return (
    <section aria-labelledby="clinical-heading">
      <h2 id="clinical-heading" className="nhsuk-heading-m">
        Clinical information and letter
      </h2>
      {!clinical ? (
        <p data-testid="clinical-hidden">
          Clinical information and referral letters are not shown to administrative roles.
          {referral.letterStatus === 'NEED_TO_ADD_LATER'
            ? ' The referral letter is still to follow.'
            : ''}
        </p>
      ) : (
        <>
          <h3 className="nhsuk-heading-s">Clinical information</h3>
          {referral.clinicalInformation ? (
            <p className="app-preserve-lines" data-testid="clinical-information">
              {referral.clinicalInformation}
            </p>
          ) : (
            <p>None given.</p>
          )}
          <h3 className="nhsuk-heading-s">Referral letter</h3>
          {referral.documents.length > 0 ? (
            <ul className="nhsuk-list">
              {referral.documents.map((d) => (
                <li key={d.id}>
                  <a href={d.downloadUrl} download={d.filename}>
                    {d.filename}
                  </a>{' '}
                  <span className="nhsuk-body-s">
                    ({formatBytes(d.sizeBytes)}, added {formatDate(d.uploadedAt)})
                  </span>
                </li>
              ))}
            </ul>
          ) : referral.letterStatus === 'NEED_TO_ADD_LATER' ? (
            <p>
              To follow
              {referral.letterDueAt ? `, due by ${formatDate(referral.letterDueAt)}` : ''}.
              {referral.letterOverdue ? (
                <strong className="nhsuk-u-display-block">The letter is overdue.</strong>
              ) : null}
            </p>
          ) : (
            <p>No letter: the referrer is not adding one.</p>
          )}
        </>
      )}
    </section>
  );
}
