import { graphql } from '../../gql';

export const WorklistsChanged = graphql(`
  subscription WorklistsChanged {
    worklistsChanged {
      ubrn
      version
      event
    }
  }
`);
