import { graphql } from '../../gql';

/**
 * Everything the referral summary shows, from the fragments of its sections. Mutations on a
 * referral ask for this too, so the summary is up to date the moment a change is made.
 */
export const ReferralSummaryFields = graphql(`
  fragment ReferralSummaryFields on Referral {
    ubrn
    version
    state
    stateReason
    stateComment
    stateChangedAt
    priority
    accessCode
    createdAt
    pathwayStart
    returnedToReferrer
    parentUbrn
    onwardReferralUbrns
    referringOrganisation {
      id
      name
      odsCode
    }
    patient {
      ...PatientBanner
    }
    ...AppointmentDetails
    ...ShortlistDetails
    ...LetterDetails
    ...HistoryDetails
    ...ReferralActions
  }
`);
