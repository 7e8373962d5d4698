import { WarningCallout } from 'nhsuk-react-components';
import { graphql } from '../../gql';
import type { LetterDetailsFragment } from '../../gql/graphql';
import { formatBytes, formatDate, formatDayDate } from '../../lib/format';

export const LetterDetails = graphql(`
  fragment LetterDetails on Referral {
    accessLevel
    clinicalInformation
    convertedFromAdvice
    letterStatus
    letterDueDate
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

/** "Letter to follow, due Thursday 26 November 2026" (or without the date, when none is known). */
function letterToFollow(referral: LetterDetailsFragment): string {
  return referral.letterDueDate
    ? `Letter to follow, due ${formatDayDate(referral.letterDueDate)}`
    : 'Letter to follow';
}

/**
 * Clinical information and the referral letter; admin roles are told why they see neither.
 * While the letter is still to follow, everyone sees that plainly with its due date, and that
 * the provider cannot accept the referral until it arrives (the domain refuses it).
 */
export function LetterSection({ referral }: { referral: LetterDetailsFragment }) {
  const clinical = referral.accessLevel === 'CLINICAL';
  const outstanding = referral.letterStatus === 'NEED_TO_ADD_LATER';
  return (
    <section aria-labelledby="clinical-heading">
      <h2 id="clinical-heading" className="nhsuk-heading-m">
        Clinical information and letter
      </h2>
      {outstanding ? (
        <WarningCallout data-testid="letter-outstanding">
          <WarningCallout.Heading headingLevel="h3">
            {referral.letterOverdue ? 'Referral letter overdue' : 'Referral letter not received'}
          </WarningCallout.Heading>
          <p>
            {letterToFollow(referral)}. The provider cannot accept this referral until the letter is
            attached.
          </p>
        </WarningCallout>
      ) : null}
      {!clinical ? (
        <p data-testid="clinical-hidden">
          Clinical information and referral letters are not shown to administrative roles.
        </p>
      ) : (
        <>
          <h3 className="nhsuk-heading-s">Clinical information</h3>
          {referral.clinicalInformation ? (
            <p className="app-preserve-lines" data-testid="clinical-information">
              {referral.clinicalInformation}
            </p>
          ) : (
            <p data-testid="clinical-information">
              {referral.convertedFromAdvice
                ? 'In the Advice and Guidance conversation this referral was made from.'
                : referral.documents.length > 0
                  ? 'In the referral letter.'
                  : outstanding
                    ? `${letterToFollow(referral)}.`
                    : 'Not recorded with this referral.'}
            </p>
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
          ) : outstanding ? (
            <p>
              {letterToFollow(referral)}.
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
