import { graphql } from '../../gql';

// Every change to a referral returns the summary's fields, so the cache (and so the summary
// page) holds the new version as soon as the change is made.

export const AcceptReferral = graphql(`
  mutation AcceptReferral($input: CommentInput!) {
    acceptReferral(input: $input) {
      notice
      noticeMessage
      referral {
        ...ReferralSummaryFields
      }
    }
  }
`);

export const RejectReferral = graphql(`
  mutation RejectReferral($input: RejectReferralInput!) {
    rejectReferral(input: $input) {
      notice
      noticeMessage
      referral {
        ...ReferralSummaryFields
      }
    }
  }
`);

export const CancelAppointmentActionLater = graphql(`
  mutation CancelAppointmentActionLater($input: CancelAppointmentActionLaterInput!) {
    cancelAppointmentActionLater(input: $input) {
      notice
      noticeMessage
      referral {
        ...ReferralSummaryFields
      }
    }
  }
`);

export const RecordTriageOutcome = graphql(`
  mutation RecordTriageOutcome($input: TriageOutcomeInput!) {
    recordTriageOutcome(input: $input) {
      notice
      noticeMessage
      referral {
        ...ReferralSummaryFields
      }
    }
  }
`);

export const CancelAppointment = graphql(`
  mutation CancelAppointment($input: ReasonInput!) {
    cancelAppointment(input: $input) {
      notice
      noticeMessage
      referral {
        ...ReferralSummaryFields
      }
    }
  }
`);

export const RecordDidNotAttend = graphql(`
  mutation RecordDidNotAttend($input: DidNotAttendInput!) {
    recordDidNotAttend(input: $input) {
      notice
      noticeMessage
      referral {
        ...ReferralSummaryFields
      }
    }
  }
`);

export const RecordAssessmentOutcome = graphql(`
  mutation RecordAssessmentOutcome($input: AssessmentOutcomeInput!) {
    recordAssessmentOutcome(input: $input) {
      notice
      noticeMessage
      referral {
        ...ReferralSummaryFields
      }
    }
  }
`);

export const CancelReferral = graphql(`
  mutation CancelReferral($input: ReasonInput!) {
    cancelReferral(input: $input) {
      notice
      noticeMessage
      referral {
        ...ReferralSummaryFields
      }
    }
  }
`);

export const DeferToProvider = graphql(`
  mutation DeferToProvider($input: ServiceChoiceInput!) {
    deferToProvider(input: $input) {
      notice
      noticeMessage
      referral {
        ...ReferralSummaryFields
      }
    }
  }
`);

export const SendForTriage = graphql(`
  mutation SendForTriage($input: ServiceChoiceInput!) {
    sendForTriage(input: $input) {
      notice
      noticeMessage
      referral {
        ...ReferralSummaryFields
      }
    }
  }
`);

export const AttachReferralLetter = graphql(`
  mutation AttachReferralLetter($input: AttachReferralLetterInput!) {
    attachReferralLetter(input: $input) {
      notice
      noticeMessage
      referral {
        ...ReferralSummaryFields
      }
    }
  }
`);

export const AcknowledgeReferral = graphql(`
  mutation AcknowledgeReferral($input: ReferralRefInput!) {
    acknowledgeReferral(input: $input) {
      notice
      noticeMessage
      referral {
        ...ReferralSummaryFields
      }
    }
  }
`);

export const ConfirmPasCancellation = graphql(`
  mutation ConfirmPasCancellation($input: ReferralRefInput!) {
    confirmPasCancellation(input: $input) {
      notice
      noticeMessage
      referral {
        ...ReferralSummaryFields
      }
    }
  }
`);
