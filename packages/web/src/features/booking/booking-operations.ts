import { graphql } from '../../gql';

export const BookAppointment = graphql(`
  mutation BookAppointment($input: BookAppointmentInput!) {
    bookAppointment(input: $input) {
      notice
      noticeMessage
      referral {
        ...ReferralSummaryFields
      }
    }
  }
`);

export const DeferFromBooking = graphql(`
  mutation DeferFromBooking($input: ServiceChoiceInput!) {
    deferToProvider(input: $input) {
      notice
      noticeMessage
      referral {
        ...ReferralSummaryFields
      }
    }
  }
`);

/**
 * The provider's other services, for booking a referral somewhere off its shortlist: the
 * nearest 30 services of the specialty that could take the patient (more would be over the
 * API's query cost limit), of which the provider's own are offered.
 */
export const ProviderServices = graphql(`
  query ProviderServices($input: ServiceSearchInput!) {
    searchServices(input: $input, first: 30) {
      edges {
        node {
          service {
            id
            name
            requestFlow
            bookableType
            provider {
              id
            }
            site {
              id
              town
            }
          }
        }
      }
    }
  }
`);
