import { graphql } from '../../gql';

export const ReferralChanged = graphql(`
  subscription ReferralChanged($ubrn: ID!) {
    referralChanged(ubrn: $ubrn) {
      ubrn
      version
      event
    }
  }
`);
