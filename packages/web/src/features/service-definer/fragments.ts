import { graphql } from '../../gql';

/** Everything the definer's pages show about one service (its history is asked for apart). */
export const DefinedServiceFields = graphql(`
  fragment DefinedServiceFields on DefinedService {
    id
    lifecycleStatus
    draft
    slotIssuePolicy
    offerHoldHours
    publicationWeeks
    freeSlotCount
    slotIssueCount
    namedClinicians {
      id
      name
    }
    bookingWindows {
      priority
      opensHoursAhead
      closesDaysAhead
    }
    service {
      id
      name
      version
      appointmentType
      requestFlow
      bookableType
      priorities
      minAgeYears
      maxAgeYears
      sexTreated
      letterRequired
      additionalRequirements
      referrerAlert
      instructions
      reservationDays
      indicativeWaitDays
      effectiveFrom
      effectiveTo
      provider {
        id
        name
      }
      site {
        id
        name
        town
        postcode
      }
      specialty {
        code
        name
      }
      clinicType {
        code
        name
        specialtyCode
      }
    }
  }
`);

/** A service's history, newest first: returned by every change so the page shows it at once. */
export const ServiceVersionsFields = graphql(`
  fragment ServiceVersionsFields on DefinedService {
    id
    versions {
      version
      kind
      changedAt
      changedByName
      changes {
        field
        label
        from
        to
      }
    }
  }
`);
