/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Session {\n    me {\n      sessionExpiresAt\n      user {\n        id\n        displayName\n      }\n      acting {\n        roleAssignment {\n          id\n          role\n          roleName\n          seesClinicalContent\n          organisation {\n            id\n            name\n            odsCode\n          }\n        }\n        onBehalfOf {\n          id\n          displayName\n        }\n      }\n      roleAssignments {\n        id\n        clinicians {\n          id\n        }\n      }\n    }\n  }\n": typeof types.SessionDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  query ChooseRoleData {\n    me {\n      user {\n        id\n        displayName\n      }\n      acting {\n        roleAssignment {\n          id\n        }\n        onBehalfOf {\n          id\n        }\n      }\n      roleAssignments {\n        id\n        role\n        roleName\n        organisation {\n          id\n          name\n          odsCode\n        }\n        clinicians {\n          id\n          displayName\n        }\n      }\n    }\n  }\n": typeof types.ChooseRoleDataDocument,
    "\n  mutation SelectRole($roleAssignmentId: ID!, $onBehalfOfUserId: ID) {\n    selectRole(roleAssignmentId: $roleAssignmentId, onBehalfOfUserId: $onBehalfOfUserId) {\n      acting {\n        roleAssignment {\n          id\n        }\n      }\n    }\n  }\n": typeof types.SelectRoleDocument,
    "\n  mutation SignIn($username: String!, $password: String!) {\n    signIn(username: $username, password: $password) {\n      acting {\n        roleAssignment {\n          id\n        }\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  query BookingData(\n    $ubrn: ID!\n    $serviceId: ID!\n    $withSlots: Boolean!\n    $first: Int\n    $after: String\n  ) {\n    referral(ubrn: $ubrn) {\n      ...ReferralSummaryFields\n      appointmentService {\n        id\n        specialty {\n          code\n        }\n      }\n      shortlist {\n        id\n        specialty {\n          code\n        }\n      }\n    }\n    bookableSlots(ubrn: $ubrn, serviceId: $serviceId, first: $first, after: $after)\n      @include(if: $withSlots) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        providerOnly\n        node {\n          ...BookableSlot\n        }\n      }\n    }\n  }\n": typeof types.BookingDataDocument,
    "\n  mutation HoldSlot($input: SlotChoiceInput!) {\n    holdSlot(input: $input) {\n      slotId\n      heldUntil\n    }\n  }\n": typeof types.HoldSlotDocument,
    "\n  mutation ReleaseSlot($input: SlotChoiceInput!) {\n    releaseSlot(input: $input)\n  }\n": typeof types.ReleaseSlotDocument,
    "\n  mutation BookAppointment($input: BookAppointmentInput!) {\n    bookAppointment(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": typeof types.BookAppointmentDocument,
    "\n  mutation DeferFromBooking($input: ServiceChoiceInput!) {\n    deferToProvider(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": typeof types.DeferFromBookingDocument,
    "\n  query ProviderServices($input: ServiceSearchInput!) {\n    searchServices(input: $input, first: 30) {\n      edges {\n        node {\n          service {\n            id\n            name\n            requestFlow\n            bookableType\n            provider {\n              id\n            }\n            site {\n              id\n              town\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ProviderServicesDocument,
    "\n  fragment BookableSlot on Slot {\n    id\n    startAt\n    endAt\n    clinicianName\n  }\n": typeof types.BookableSlotFragmentDoc,
    "\n  query FindPatient($nhsNumber: String!) {\n    patient(nhsNumber: $nhsNumber) {\n      id\n      nhsNumber\n      givenName\n      familyName\n      dateOfBirth\n      sex\n      addressLine\n      town\n      postcode\n      registeredPractice {\n        id\n        name\n        odsCode\n      }\n    }\n  }\n": typeof types.FindPatientDocument,
    "\n  mutation CreateReferral($input: CreateReferralInput!) {\n    createReferral(input: $input) {\n      referral {\n        ubrn\n        version\n        state\n      }\n    }\n  }\n": typeof types.CreateReferralDocument,
    "\n  mutation ChangeShortlist($input: ChangeShortlistInput!) {\n    changeShortlist(input: $input) {\n      referral {\n        ubrn\n        version\n        state\n      }\n    }\n  }\n": typeof types.ChangeShortlistDocument,
    "\n  mutation CreateOnwardReferral($input: OnwardReferralInput!) {\n    createOnwardReferral(input: $input) {\n      referral {\n        ubrn\n        version\n        state\n      }\n    }\n  }\n": typeof types.CreateOnwardReferralDocument,
    "\n  fragment ReferralActions on Referral {\n    ubrn\n    version\n    allowedActions {\n      action\n      serviceIds\n      mayRedirect\n      reasons {\n        code\n        name\n        commentMandatory\n      }\n    }\n  }\n": typeof types.ReferralActionsFragmentDoc,
    "\n  fragment AppointmentDetails on Referral {\n    patientContactBy\n    appointment {\n      status\n      start\n      end\n      serviceId\n      slotId\n      proposalReason\n    }\n    appointmentService {\n      id\n      name\n      bookableType\n      provider {\n        id\n        name\n      }\n      site {\n        id\n        name\n        addressLine\n        town\n        postcode\n      }\n    }\n  }\n": typeof types.AppointmentDetailsFragmentDoc,
    "\n  query ConfirmationData($ubrn: ID!) {\n    referral(ubrn: $ubrn) {\n      ...ReferralSummaryFields\n    }\n  }\n": typeof types.ConfirmationDataDocument,
    "\n  fragment HistoryDetails on Referral {\n    history {\n      version\n      action\n      fromState\n      toState\n      reason\n      comment\n      occurredAt\n      role\n      organisationId\n      onBehalfOfUserId\n    }\n  }\n": typeof types.HistoryDetailsFragmentDoc,
    "\n  fragment LetterDetails on Referral {\n    accessLevel\n    clinicalInformation\n    letterStatus\n    letterDueAt\n    letterOverdue\n    documents {\n      id\n      filename\n      contentType\n      sizeBytes\n      uploadedAt\n      downloadUrl\n    }\n  }\n": typeof types.LetterDetailsFragmentDoc,
    "\n  fragment PatientBanner on Patient {\n    id\n    givenName\n    familyName\n    nhsNumber\n    dateOfBirth\n    sex\n    postcode\n  }\n": typeof types.PatientBannerFragmentDoc,
    "\n  query ReferralActionData($ubrn: ID!) {\n    referral(ubrn: $ubrn) {\n      ...ReferralSummaryFields\n    }\n  }\n": typeof types.ReferralActionDataDocument,
    "\n  query ReferralSummary($ubrn: ID!) {\n    referral(ubrn: $ubrn) {\n      ...ReferralSummaryFields\n    }\n  }\n": typeof types.ReferralSummaryDocument,
    "\n  fragment ShortlistDetails on Referral {\n    shortlist {\n      id\n      name\n      requestFlow\n      bookableType\n      priorities\n      letterRequired\n      provider {\n        id\n        name\n      }\n      site {\n        id\n        name\n        town\n      }\n    }\n  }\n": typeof types.ShortlistDetailsFragmentDoc,
    "\n  fragment ReferralSummaryFields on Referral {\n    ubrn\n    version\n    state\n    stateReason\n    stateComment\n    stateChangedAt\n    priority\n    accessCode\n    createdAt\n    pathwayStart\n    returnedToReferrer\n    parentUbrn\n    onwardReferralUbrns\n    referringOrganisation {\n      id\n      name\n      odsCode\n    }\n    patient {\n      ...PatientBanner\n    }\n    ...AppointmentDetails\n    ...ShortlistDetails\n    ...LetterDetails\n    ...HistoryDetails\n    ...ReferralActions\n  }\n": typeof types.ReferralSummaryFieldsFragmentDoc,
    "\n  subscription ReferralChanged($ubrn: ID!) {\n    referralChanged(ubrn: $ubrn) {\n      ubrn\n      version\n      event\n    }\n  }\n": typeof types.ReferralChangedDocument,
    "\n  mutation AcceptReferral($input: CommentInput!) {\n    acceptReferral(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": typeof types.AcceptReferralDocument,
    "\n  mutation RejectReferral($input: RejectReferralInput!) {\n    rejectReferral(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": typeof types.RejectReferralDocument,
    "\n  mutation CancelAppointmentActionLater($input: CancelAppointmentActionLaterInput!) {\n    cancelAppointmentActionLater(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": typeof types.CancelAppointmentActionLaterDocument,
    "\n  mutation RecordTriageOutcome($input: TriageOutcomeInput!) {\n    recordTriageOutcome(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": typeof types.RecordTriageOutcomeDocument,
    "\n  mutation CancelAppointment($input: ReasonInput!) {\n    cancelAppointment(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": typeof types.CancelAppointmentDocument,
    "\n  mutation RecordDidNotAttend($input: DidNotAttendInput!) {\n    recordDidNotAttend(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": typeof types.RecordDidNotAttendDocument,
    "\n  mutation RecordAssessmentOutcome($input: AssessmentOutcomeInput!) {\n    recordAssessmentOutcome(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": typeof types.RecordAssessmentOutcomeDocument,
    "\n  mutation CancelReferral($input: ReasonInput!) {\n    cancelReferral(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": typeof types.CancelReferralDocument,
    "\n  mutation DeferToProvider($input: ServiceChoiceInput!) {\n    deferToProvider(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": typeof types.DeferToProviderDocument,
    "\n  mutation SendForTriage($input: ServiceChoiceInput!) {\n    sendForTriage(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": typeof types.SendForTriageDocument,
    "\n  mutation AttachReferralLetter($input: AttachReferralLetterInput!) {\n    attachReferralLetter(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": typeof types.AttachReferralLetterDocument,
    "\n  mutation AcknowledgeReferral($input: ReferralRefInput!) {\n    acknowledgeReferral(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": typeof types.AcknowledgeReferralDocument,
    "\n  mutation ConfirmPasCancellation($input: ReferralRefInput!) {\n    confirmPasCancellation(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": typeof types.ConfirmPasCancellationDocument,
    "\n  fragment ServiceResult on ServiceSearchResult {\n    distanceMiles\n    earliestSlotStart\n    indicativeWaitDays\n    service {\n      id\n      name\n      requestFlow\n      bookableType\n      priorities\n      letterRequired\n      referrerAlert\n      instructions\n      provider {\n        id\n        name\n      }\n      site {\n        id\n        name\n        town\n        postcode\n      }\n      clinicType {\n        code\n        name\n      }\n    }\n  }\n": typeof types.ServiceResultFragmentDoc,
    "\n  query SearchFormData {\n    specialties {\n      code\n      name\n    }\n    clinicTypes {\n      code\n      name\n      specialtyCode\n    }\n  }\n": typeof types.SearchFormDataDocument,
    "\n  query SearchServices($input: ServiceSearchInput!, $first: Int, $after: String) {\n    searchServices(input: $input, first: $first, after: $after) {\n      totalCount\n      patientLocation {\n        postcode\n        precision\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ServiceResult\n        }\n      }\n    }\n  }\n": typeof types.SearchServicesDocument,
    "\n  query DashboardData {\n    worklistCounts {\n      worklist\n      name\n      description\n      count\n    }\n  }\n": typeof types.DashboardDataDocument,
    "\n  query WorklistData(\n    $worklist: WorklistCode!\n    $filter: WorklistFilterInput\n    $sort: WorklistSort\n    $first: Int\n    $after: String\n  ) {\n    worklistCounts {\n      worklist\n      name\n      description\n      count\n    }\n    specialties {\n      code\n      name\n    }\n    worklistFilterChoices {\n      services {\n        id\n        name\n      }\n      clinicians {\n        id\n        name\n      }\n    }\n    worklist(worklist: $worklist, filter: $filter, sort: $sort, first: $first, after: $after) {\n      worklist\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...WorklistRow\n        }\n      }\n    }\n  }\n": typeof types.WorklistDataDocument,
    "\n  fragment WorklistRow on WorklistItem {\n    ubrn\n    kind\n    state\n    adviceState\n    priority\n    serviceName\n    stateChangedAt\n    letterDueAt\n    letterOverdue\n    patientContactBy\n    contactDatePassed\n    requestContextStatus\n    patient {\n      id\n      givenName\n      familyName\n      nhsNumber\n      dateOfBirth\n    }\n  }\n": typeof types.WorklistRowFragmentDoc,
    "\n  subscription WorklistsChanged {\n    worklistsChanged {\n      ubrn\n      version\n      event\n    }\n  }\n": typeof types.WorklistsChangedDocument,
};
const documents: Documents = {
    "\n  query Session {\n    me {\n      sessionExpiresAt\n      user {\n        id\n        displayName\n      }\n      acting {\n        roleAssignment {\n          id\n          role\n          roleName\n          seesClinicalContent\n          organisation {\n            id\n            name\n            odsCode\n          }\n        }\n        onBehalfOf {\n          id\n          displayName\n        }\n      }\n      roleAssignments {\n        id\n        clinicians {\n          id\n        }\n      }\n    }\n  }\n": types.SessionDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  query ChooseRoleData {\n    me {\n      user {\n        id\n        displayName\n      }\n      acting {\n        roleAssignment {\n          id\n        }\n        onBehalfOf {\n          id\n        }\n      }\n      roleAssignments {\n        id\n        role\n        roleName\n        organisation {\n          id\n          name\n          odsCode\n        }\n        clinicians {\n          id\n          displayName\n        }\n      }\n    }\n  }\n": types.ChooseRoleDataDocument,
    "\n  mutation SelectRole($roleAssignmentId: ID!, $onBehalfOfUserId: ID) {\n    selectRole(roleAssignmentId: $roleAssignmentId, onBehalfOfUserId: $onBehalfOfUserId) {\n      acting {\n        roleAssignment {\n          id\n        }\n      }\n    }\n  }\n": types.SelectRoleDocument,
    "\n  mutation SignIn($username: String!, $password: String!) {\n    signIn(username: $username, password: $password) {\n      acting {\n        roleAssignment {\n          id\n        }\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  query BookingData(\n    $ubrn: ID!\n    $serviceId: ID!\n    $withSlots: Boolean!\n    $first: Int\n    $after: String\n  ) {\n    referral(ubrn: $ubrn) {\n      ...ReferralSummaryFields\n      appointmentService {\n        id\n        specialty {\n          code\n        }\n      }\n      shortlist {\n        id\n        specialty {\n          code\n        }\n      }\n    }\n    bookableSlots(ubrn: $ubrn, serviceId: $serviceId, first: $first, after: $after)\n      @include(if: $withSlots) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        providerOnly\n        node {\n          ...BookableSlot\n        }\n      }\n    }\n  }\n": types.BookingDataDocument,
    "\n  mutation HoldSlot($input: SlotChoiceInput!) {\n    holdSlot(input: $input) {\n      slotId\n      heldUntil\n    }\n  }\n": types.HoldSlotDocument,
    "\n  mutation ReleaseSlot($input: SlotChoiceInput!) {\n    releaseSlot(input: $input)\n  }\n": types.ReleaseSlotDocument,
    "\n  mutation BookAppointment($input: BookAppointmentInput!) {\n    bookAppointment(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": types.BookAppointmentDocument,
    "\n  mutation DeferFromBooking($input: ServiceChoiceInput!) {\n    deferToProvider(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": types.DeferFromBookingDocument,
    "\n  query ProviderServices($input: ServiceSearchInput!) {\n    searchServices(input: $input, first: 30) {\n      edges {\n        node {\n          service {\n            id\n            name\n            requestFlow\n            bookableType\n            provider {\n              id\n            }\n            site {\n              id\n              town\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ProviderServicesDocument,
    "\n  fragment BookableSlot on Slot {\n    id\n    startAt\n    endAt\n    clinicianName\n  }\n": types.BookableSlotFragmentDoc,
    "\n  query FindPatient($nhsNumber: String!) {\n    patient(nhsNumber: $nhsNumber) {\n      id\n      nhsNumber\n      givenName\n      familyName\n      dateOfBirth\n      sex\n      addressLine\n      town\n      postcode\n      registeredPractice {\n        id\n        name\n        odsCode\n      }\n    }\n  }\n": types.FindPatientDocument,
    "\n  mutation CreateReferral($input: CreateReferralInput!) {\n    createReferral(input: $input) {\n      referral {\n        ubrn\n        version\n        state\n      }\n    }\n  }\n": types.CreateReferralDocument,
    "\n  mutation ChangeShortlist($input: ChangeShortlistInput!) {\n    changeShortlist(input: $input) {\n      referral {\n        ubrn\n        version\n        state\n      }\n    }\n  }\n": types.ChangeShortlistDocument,
    "\n  mutation CreateOnwardReferral($input: OnwardReferralInput!) {\n    createOnwardReferral(input: $input) {\n      referral {\n        ubrn\n        version\n        state\n      }\n    }\n  }\n": types.CreateOnwardReferralDocument,
    "\n  fragment ReferralActions on Referral {\n    ubrn\n    version\n    allowedActions {\n      action\n      serviceIds\n      mayRedirect\n      reasons {\n        code\n        name\n        commentMandatory\n      }\n    }\n  }\n": types.ReferralActionsFragmentDoc,
    "\n  fragment AppointmentDetails on Referral {\n    patientContactBy\n    appointment {\n      status\n      start\n      end\n      serviceId\n      slotId\n      proposalReason\n    }\n    appointmentService {\n      id\n      name\n      bookableType\n      provider {\n        id\n        name\n      }\n      site {\n        id\n        name\n        addressLine\n        town\n        postcode\n      }\n    }\n  }\n": types.AppointmentDetailsFragmentDoc,
    "\n  query ConfirmationData($ubrn: ID!) {\n    referral(ubrn: $ubrn) {\n      ...ReferralSummaryFields\n    }\n  }\n": types.ConfirmationDataDocument,
    "\n  fragment HistoryDetails on Referral {\n    history {\n      version\n      action\n      fromState\n      toState\n      reason\n      comment\n      occurredAt\n      role\n      organisationId\n      onBehalfOfUserId\n    }\n  }\n": types.HistoryDetailsFragmentDoc,
    "\n  fragment LetterDetails on Referral {\n    accessLevel\n    clinicalInformation\n    letterStatus\n    letterDueAt\n    letterOverdue\n    documents {\n      id\n      filename\n      contentType\n      sizeBytes\n      uploadedAt\n      downloadUrl\n    }\n  }\n": types.LetterDetailsFragmentDoc,
    "\n  fragment PatientBanner on Patient {\n    id\n    givenName\n    familyName\n    nhsNumber\n    dateOfBirth\n    sex\n    postcode\n  }\n": types.PatientBannerFragmentDoc,
    "\n  query ReferralActionData($ubrn: ID!) {\n    referral(ubrn: $ubrn) {\n      ...ReferralSummaryFields\n    }\n  }\n": types.ReferralActionDataDocument,
    "\n  query ReferralSummary($ubrn: ID!) {\n    referral(ubrn: $ubrn) {\n      ...ReferralSummaryFields\n    }\n  }\n": types.ReferralSummaryDocument,
    "\n  fragment ShortlistDetails on Referral {\n    shortlist {\n      id\n      name\n      requestFlow\n      bookableType\n      priorities\n      letterRequired\n      provider {\n        id\n        name\n      }\n      site {\n        id\n        name\n        town\n      }\n    }\n  }\n": types.ShortlistDetailsFragmentDoc,
    "\n  fragment ReferralSummaryFields on Referral {\n    ubrn\n    version\n    state\n    stateReason\n    stateComment\n    stateChangedAt\n    priority\n    accessCode\n    createdAt\n    pathwayStart\n    returnedToReferrer\n    parentUbrn\n    onwardReferralUbrns\n    referringOrganisation {\n      id\n      name\n      odsCode\n    }\n    patient {\n      ...PatientBanner\n    }\n    ...AppointmentDetails\n    ...ShortlistDetails\n    ...LetterDetails\n    ...HistoryDetails\n    ...ReferralActions\n  }\n": types.ReferralSummaryFieldsFragmentDoc,
    "\n  subscription ReferralChanged($ubrn: ID!) {\n    referralChanged(ubrn: $ubrn) {\n      ubrn\n      version\n      event\n    }\n  }\n": types.ReferralChangedDocument,
    "\n  mutation AcceptReferral($input: CommentInput!) {\n    acceptReferral(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": types.AcceptReferralDocument,
    "\n  mutation RejectReferral($input: RejectReferralInput!) {\n    rejectReferral(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": types.RejectReferralDocument,
    "\n  mutation CancelAppointmentActionLater($input: CancelAppointmentActionLaterInput!) {\n    cancelAppointmentActionLater(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": types.CancelAppointmentActionLaterDocument,
    "\n  mutation RecordTriageOutcome($input: TriageOutcomeInput!) {\n    recordTriageOutcome(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": types.RecordTriageOutcomeDocument,
    "\n  mutation CancelAppointment($input: ReasonInput!) {\n    cancelAppointment(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": types.CancelAppointmentDocument,
    "\n  mutation RecordDidNotAttend($input: DidNotAttendInput!) {\n    recordDidNotAttend(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": types.RecordDidNotAttendDocument,
    "\n  mutation RecordAssessmentOutcome($input: AssessmentOutcomeInput!) {\n    recordAssessmentOutcome(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": types.RecordAssessmentOutcomeDocument,
    "\n  mutation CancelReferral($input: ReasonInput!) {\n    cancelReferral(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": types.CancelReferralDocument,
    "\n  mutation DeferToProvider($input: ServiceChoiceInput!) {\n    deferToProvider(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": types.DeferToProviderDocument,
    "\n  mutation SendForTriage($input: ServiceChoiceInput!) {\n    sendForTriage(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": types.SendForTriageDocument,
    "\n  mutation AttachReferralLetter($input: AttachReferralLetterInput!) {\n    attachReferralLetter(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": types.AttachReferralLetterDocument,
    "\n  mutation AcknowledgeReferral($input: ReferralRefInput!) {\n    acknowledgeReferral(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": types.AcknowledgeReferralDocument,
    "\n  mutation ConfirmPasCancellation($input: ReferralRefInput!) {\n    confirmPasCancellation(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n": types.ConfirmPasCancellationDocument,
    "\n  fragment ServiceResult on ServiceSearchResult {\n    distanceMiles\n    earliestSlotStart\n    indicativeWaitDays\n    service {\n      id\n      name\n      requestFlow\n      bookableType\n      priorities\n      letterRequired\n      referrerAlert\n      instructions\n      provider {\n        id\n        name\n      }\n      site {\n        id\n        name\n        town\n        postcode\n      }\n      clinicType {\n        code\n        name\n      }\n    }\n  }\n": types.ServiceResultFragmentDoc,
    "\n  query SearchFormData {\n    specialties {\n      code\n      name\n    }\n    clinicTypes {\n      code\n      name\n      specialtyCode\n    }\n  }\n": types.SearchFormDataDocument,
    "\n  query SearchServices($input: ServiceSearchInput!, $first: Int, $after: String) {\n    searchServices(input: $input, first: $first, after: $after) {\n      totalCount\n      patientLocation {\n        postcode\n        precision\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ServiceResult\n        }\n      }\n    }\n  }\n": types.SearchServicesDocument,
    "\n  query DashboardData {\n    worklistCounts {\n      worklist\n      name\n      description\n      count\n    }\n  }\n": types.DashboardDataDocument,
    "\n  query WorklistData(\n    $worklist: WorklistCode!\n    $filter: WorklistFilterInput\n    $sort: WorklistSort\n    $first: Int\n    $after: String\n  ) {\n    worklistCounts {\n      worklist\n      name\n      description\n      count\n    }\n    specialties {\n      code\n      name\n    }\n    worklistFilterChoices {\n      services {\n        id\n        name\n      }\n      clinicians {\n        id\n        name\n      }\n    }\n    worklist(worklist: $worklist, filter: $filter, sort: $sort, first: $first, after: $after) {\n      worklist\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...WorklistRow\n        }\n      }\n    }\n  }\n": types.WorklistDataDocument,
    "\n  fragment WorklistRow on WorklistItem {\n    ubrn\n    kind\n    state\n    adviceState\n    priority\n    serviceName\n    stateChangedAt\n    letterDueAt\n    letterOverdue\n    patientContactBy\n    contactDatePassed\n    requestContextStatus\n    patient {\n      id\n      givenName\n      familyName\n      nhsNumber\n      dateOfBirth\n    }\n  }\n": types.WorklistRowFragmentDoc,
    "\n  subscription WorklistsChanged {\n    worklistsChanged {\n      ubrn\n      version\n      event\n    }\n  }\n": types.WorklistsChangedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Session {\n    me {\n      sessionExpiresAt\n      user {\n        id\n        displayName\n      }\n      acting {\n        roleAssignment {\n          id\n          role\n          roleName\n          seesClinicalContent\n          organisation {\n            id\n            name\n            odsCode\n          }\n        }\n        onBehalfOf {\n          id\n          displayName\n        }\n      }\n      roleAssignments {\n        id\n        clinicians {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Session {\n    me {\n      sessionExpiresAt\n      user {\n        id\n        displayName\n      }\n      acting {\n        roleAssignment {\n          id\n          role\n          roleName\n          seesClinicalContent\n          organisation {\n            id\n            name\n            odsCode\n          }\n        }\n        onBehalfOf {\n          id\n          displayName\n        }\n      }\n      roleAssignments {\n        id\n        clinicians {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChooseRoleData {\n    me {\n      user {\n        id\n        displayName\n      }\n      acting {\n        roleAssignment {\n          id\n        }\n        onBehalfOf {\n          id\n        }\n      }\n      roleAssignments {\n        id\n        role\n        roleName\n        organisation {\n          id\n          name\n          odsCode\n        }\n        clinicians {\n          id\n          displayName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ChooseRoleData {\n    me {\n      user {\n        id\n        displayName\n      }\n      acting {\n        roleAssignment {\n          id\n        }\n        onBehalfOf {\n          id\n        }\n      }\n      roleAssignments {\n        id\n        role\n        roleName\n        organisation {\n          id\n          name\n          odsCode\n        }\n        clinicians {\n          id\n          displayName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SelectRole($roleAssignmentId: ID!, $onBehalfOfUserId: ID) {\n    selectRole(roleAssignmentId: $roleAssignmentId, onBehalfOfUserId: $onBehalfOfUserId) {\n      acting {\n        roleAssignment {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SelectRole($roleAssignmentId: ID!, $onBehalfOfUserId: ID) {\n    selectRole(roleAssignmentId: $roleAssignmentId, onBehalfOfUserId: $onBehalfOfUserId) {\n      acting {\n        roleAssignment {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($username: String!, $password: String!) {\n    signIn(username: $username, password: $password) {\n      acting {\n        roleAssignment {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($username: String!, $password: String!) {\n    signIn(username: $username, password: $password) {\n      acting {\n        roleAssignment {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BookingData(\n    $ubrn: ID!\n    $serviceId: ID!\n    $withSlots: Boolean!\n    $first: Int\n    $after: String\n  ) {\n    referral(ubrn: $ubrn) {\n      ...ReferralSummaryFields\n      appointmentService {\n        id\n        specialty {\n          code\n        }\n      }\n      shortlist {\n        id\n        specialty {\n          code\n        }\n      }\n    }\n    bookableSlots(ubrn: $ubrn, serviceId: $serviceId, first: $first, after: $after)\n      @include(if: $withSlots) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        providerOnly\n        node {\n          ...BookableSlot\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BookingData(\n    $ubrn: ID!\n    $serviceId: ID!\n    $withSlots: Boolean!\n    $first: Int\n    $after: String\n  ) {\n    referral(ubrn: $ubrn) {\n      ...ReferralSummaryFields\n      appointmentService {\n        id\n        specialty {\n          code\n        }\n      }\n      shortlist {\n        id\n        specialty {\n          code\n        }\n      }\n    }\n    bookableSlots(ubrn: $ubrn, serviceId: $serviceId, first: $first, after: $after)\n      @include(if: $withSlots) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        providerOnly\n        node {\n          ...BookableSlot\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HoldSlot($input: SlotChoiceInput!) {\n    holdSlot(input: $input) {\n      slotId\n      heldUntil\n    }\n  }\n"): (typeof documents)["\n  mutation HoldSlot($input: SlotChoiceInput!) {\n    holdSlot(input: $input) {\n      slotId\n      heldUntil\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReleaseSlot($input: SlotChoiceInput!) {\n    releaseSlot(input: $input)\n  }\n"): (typeof documents)["\n  mutation ReleaseSlot($input: SlotChoiceInput!) {\n    releaseSlot(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BookAppointment($input: BookAppointmentInput!) {\n    bookAppointment(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation BookAppointment($input: BookAppointmentInput!) {\n    bookAppointment(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeferFromBooking($input: ServiceChoiceInput!) {\n    deferToProvider(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeferFromBooking($input: ServiceChoiceInput!) {\n    deferToProvider(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProviderServices($input: ServiceSearchInput!) {\n    searchServices(input: $input, first: 30) {\n      edges {\n        node {\n          service {\n            id\n            name\n            requestFlow\n            bookableType\n            provider {\n              id\n            }\n            site {\n              id\n              town\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProviderServices($input: ServiceSearchInput!) {\n    searchServices(input: $input, first: 30) {\n      edges {\n        node {\n          service {\n            id\n            name\n            requestFlow\n            bookableType\n            provider {\n              id\n            }\n            site {\n              id\n              town\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BookableSlot on Slot {\n    id\n    startAt\n    endAt\n    clinicianName\n  }\n"): (typeof documents)["\n  fragment BookableSlot on Slot {\n    id\n    startAt\n    endAt\n    clinicianName\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FindPatient($nhsNumber: String!) {\n    patient(nhsNumber: $nhsNumber) {\n      id\n      nhsNumber\n      givenName\n      familyName\n      dateOfBirth\n      sex\n      addressLine\n      town\n      postcode\n      registeredPractice {\n        id\n        name\n        odsCode\n      }\n    }\n  }\n"): (typeof documents)["\n  query FindPatient($nhsNumber: String!) {\n    patient(nhsNumber: $nhsNumber) {\n      id\n      nhsNumber\n      givenName\n      familyName\n      dateOfBirth\n      sex\n      addressLine\n      town\n      postcode\n      registeredPractice {\n        id\n        name\n        odsCode\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateReferral($input: CreateReferralInput!) {\n    createReferral(input: $input) {\n      referral {\n        ubrn\n        version\n        state\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateReferral($input: CreateReferralInput!) {\n    createReferral(input: $input) {\n      referral {\n        ubrn\n        version\n        state\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeShortlist($input: ChangeShortlistInput!) {\n    changeShortlist(input: $input) {\n      referral {\n        ubrn\n        version\n        state\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ChangeShortlist($input: ChangeShortlistInput!) {\n    changeShortlist(input: $input) {\n      referral {\n        ubrn\n        version\n        state\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateOnwardReferral($input: OnwardReferralInput!) {\n    createOnwardReferral(input: $input) {\n      referral {\n        ubrn\n        version\n        state\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateOnwardReferral($input: OnwardReferralInput!) {\n    createOnwardReferral(input: $input) {\n      referral {\n        ubrn\n        version\n        state\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReferralActions on Referral {\n    ubrn\n    version\n    allowedActions {\n      action\n      serviceIds\n      mayRedirect\n      reasons {\n        code\n        name\n        commentMandatory\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ReferralActions on Referral {\n    ubrn\n    version\n    allowedActions {\n      action\n      serviceIds\n      mayRedirect\n      reasons {\n        code\n        name\n        commentMandatory\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AppointmentDetails on Referral {\n    patientContactBy\n    appointment {\n      status\n      start\n      end\n      serviceId\n      slotId\n      proposalReason\n    }\n    appointmentService {\n      id\n      name\n      bookableType\n      provider {\n        id\n        name\n      }\n      site {\n        id\n        name\n        addressLine\n        town\n        postcode\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment AppointmentDetails on Referral {\n    patientContactBy\n    appointment {\n      status\n      start\n      end\n      serviceId\n      slotId\n      proposalReason\n    }\n    appointmentService {\n      id\n      name\n      bookableType\n      provider {\n        id\n        name\n      }\n      site {\n        id\n        name\n        addressLine\n        town\n        postcode\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConfirmationData($ubrn: ID!) {\n    referral(ubrn: $ubrn) {\n      ...ReferralSummaryFields\n    }\n  }\n"): (typeof documents)["\n  query ConfirmationData($ubrn: ID!) {\n    referral(ubrn: $ubrn) {\n      ...ReferralSummaryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HistoryDetails on Referral {\n    history {\n      version\n      action\n      fromState\n      toState\n      reason\n      comment\n      occurredAt\n      role\n      organisationId\n      onBehalfOfUserId\n    }\n  }\n"): (typeof documents)["\n  fragment HistoryDetails on Referral {\n    history {\n      version\n      action\n      fromState\n      toState\n      reason\n      comment\n      occurredAt\n      role\n      organisationId\n      onBehalfOfUserId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LetterDetails on Referral {\n    accessLevel\n    clinicalInformation\n    letterStatus\n    letterDueAt\n    letterOverdue\n    documents {\n      id\n      filename\n      contentType\n      sizeBytes\n      uploadedAt\n      downloadUrl\n    }\n  }\n"): (typeof documents)["\n  fragment LetterDetails on Referral {\n    accessLevel\n    clinicalInformation\n    letterStatus\n    letterDueAt\n    letterOverdue\n    documents {\n      id\n      filename\n      contentType\n      sizeBytes\n      uploadedAt\n      downloadUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PatientBanner on Patient {\n    id\n    givenName\n    familyName\n    nhsNumber\n    dateOfBirth\n    sex\n    postcode\n  }\n"): (typeof documents)["\n  fragment PatientBanner on Patient {\n    id\n    givenName\n    familyName\n    nhsNumber\n    dateOfBirth\n    sex\n    postcode\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReferralActionData($ubrn: ID!) {\n    referral(ubrn: $ubrn) {\n      ...ReferralSummaryFields\n    }\n  }\n"): (typeof documents)["\n  query ReferralActionData($ubrn: ID!) {\n    referral(ubrn: $ubrn) {\n      ...ReferralSummaryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReferralSummary($ubrn: ID!) {\n    referral(ubrn: $ubrn) {\n      ...ReferralSummaryFields\n    }\n  }\n"): (typeof documents)["\n  query ReferralSummary($ubrn: ID!) {\n    referral(ubrn: $ubrn) {\n      ...ReferralSummaryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ShortlistDetails on Referral {\n    shortlist {\n      id\n      name\n      requestFlow\n      bookableType\n      priorities\n      letterRequired\n      provider {\n        id\n        name\n      }\n      site {\n        id\n        name\n        town\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ShortlistDetails on Referral {\n    shortlist {\n      id\n      name\n      requestFlow\n      bookableType\n      priorities\n      letterRequired\n      provider {\n        id\n        name\n      }\n      site {\n        id\n        name\n        town\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReferralSummaryFields on Referral {\n    ubrn\n    version\n    state\n    stateReason\n    stateComment\n    stateChangedAt\n    priority\n    accessCode\n    createdAt\n    pathwayStart\n    returnedToReferrer\n    parentUbrn\n    onwardReferralUbrns\n    referringOrganisation {\n      id\n      name\n      odsCode\n    }\n    patient {\n      ...PatientBanner\n    }\n    ...AppointmentDetails\n    ...ShortlistDetails\n    ...LetterDetails\n    ...HistoryDetails\n    ...ReferralActions\n  }\n"): (typeof documents)["\n  fragment ReferralSummaryFields on Referral {\n    ubrn\n    version\n    state\n    stateReason\n    stateComment\n    stateChangedAt\n    priority\n    accessCode\n    createdAt\n    pathwayStart\n    returnedToReferrer\n    parentUbrn\n    onwardReferralUbrns\n    referringOrganisation {\n      id\n      name\n      odsCode\n    }\n    patient {\n      ...PatientBanner\n    }\n    ...AppointmentDetails\n    ...ShortlistDetails\n    ...LetterDetails\n    ...HistoryDetails\n    ...ReferralActions\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ReferralChanged($ubrn: ID!) {\n    referralChanged(ubrn: $ubrn) {\n      ubrn\n      version\n      event\n    }\n  }\n"): (typeof documents)["\n  subscription ReferralChanged($ubrn: ID!) {\n    referralChanged(ubrn: $ubrn) {\n      ubrn\n      version\n      event\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptReferral($input: CommentInput!) {\n    acceptReferral(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptReferral($input: CommentInput!) {\n    acceptReferral(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectReferral($input: RejectReferralInput!) {\n    rejectReferral(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RejectReferral($input: RejectReferralInput!) {\n    rejectReferral(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelAppointmentActionLater($input: CancelAppointmentActionLaterInput!) {\n    cancelAppointmentActionLater(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelAppointmentActionLater($input: CancelAppointmentActionLaterInput!) {\n    cancelAppointmentActionLater(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordTriageOutcome($input: TriageOutcomeInput!) {\n    recordTriageOutcome(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RecordTriageOutcome($input: TriageOutcomeInput!) {\n    recordTriageOutcome(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelAppointment($input: ReasonInput!) {\n    cancelAppointment(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelAppointment($input: ReasonInput!) {\n    cancelAppointment(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordDidNotAttend($input: DidNotAttendInput!) {\n    recordDidNotAttend(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RecordDidNotAttend($input: DidNotAttendInput!) {\n    recordDidNotAttend(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordAssessmentOutcome($input: AssessmentOutcomeInput!) {\n    recordAssessmentOutcome(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RecordAssessmentOutcome($input: AssessmentOutcomeInput!) {\n    recordAssessmentOutcome(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelReferral($input: ReasonInput!) {\n    cancelReferral(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelReferral($input: ReasonInput!) {\n    cancelReferral(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeferToProvider($input: ServiceChoiceInput!) {\n    deferToProvider(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeferToProvider($input: ServiceChoiceInput!) {\n    deferToProvider(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendForTriage($input: ServiceChoiceInput!) {\n    sendForTriage(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SendForTriage($input: ServiceChoiceInput!) {\n    sendForTriage(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AttachReferralLetter($input: AttachReferralLetterInput!) {\n    attachReferralLetter(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AttachReferralLetter($input: AttachReferralLetterInput!) {\n    attachReferralLetter(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcknowledgeReferral($input: ReferralRefInput!) {\n    acknowledgeReferral(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AcknowledgeReferral($input: ReferralRefInput!) {\n    acknowledgeReferral(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmPasCancellation($input: ReferralRefInput!) {\n    confirmPasCancellation(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmPasCancellation($input: ReferralRefInput!) {\n    confirmPasCancellation(input: $input) {\n      notice\n      noticeMessage\n      referral {\n        ...ReferralSummaryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ServiceResult on ServiceSearchResult {\n    distanceMiles\n    earliestSlotStart\n    indicativeWaitDays\n    service {\n      id\n      name\n      requestFlow\n      bookableType\n      priorities\n      letterRequired\n      referrerAlert\n      instructions\n      provider {\n        id\n        name\n      }\n      site {\n        id\n        name\n        town\n        postcode\n      }\n      clinicType {\n        code\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ServiceResult on ServiceSearchResult {\n    distanceMiles\n    earliestSlotStart\n    indicativeWaitDays\n    service {\n      id\n      name\n      requestFlow\n      bookableType\n      priorities\n      letterRequired\n      referrerAlert\n      instructions\n      provider {\n        id\n        name\n      }\n      site {\n        id\n        name\n        town\n        postcode\n      }\n      clinicType {\n        code\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchFormData {\n    specialties {\n      code\n      name\n    }\n    clinicTypes {\n      code\n      name\n      specialtyCode\n    }\n  }\n"): (typeof documents)["\n  query SearchFormData {\n    specialties {\n      code\n      name\n    }\n    clinicTypes {\n      code\n      name\n      specialtyCode\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchServices($input: ServiceSearchInput!, $first: Int, $after: String) {\n    searchServices(input: $input, first: $first, after: $after) {\n      totalCount\n      patientLocation {\n        postcode\n        precision\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ServiceResult\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SearchServices($input: ServiceSearchInput!, $first: Int, $after: String) {\n    searchServices(input: $input, first: $first, after: $after) {\n      totalCount\n      patientLocation {\n        postcode\n        precision\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ServiceResult\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardData {\n    worklistCounts {\n      worklist\n      name\n      description\n      count\n    }\n  }\n"): (typeof documents)["\n  query DashboardData {\n    worklistCounts {\n      worklist\n      name\n      description\n      count\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorklistData(\n    $worklist: WorklistCode!\n    $filter: WorklistFilterInput\n    $sort: WorklistSort\n    $first: Int\n    $after: String\n  ) {\n    worklistCounts {\n      worklist\n      name\n      description\n      count\n    }\n    specialties {\n      code\n      name\n    }\n    worklistFilterChoices {\n      services {\n        id\n        name\n      }\n      clinicians {\n        id\n        name\n      }\n    }\n    worklist(worklist: $worklist, filter: $filter, sort: $sort, first: $first, after: $after) {\n      worklist\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...WorklistRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WorklistData(\n    $worklist: WorklistCode!\n    $filter: WorklistFilterInput\n    $sort: WorklistSort\n    $first: Int\n    $after: String\n  ) {\n    worklistCounts {\n      worklist\n      name\n      description\n      count\n    }\n    specialties {\n      code\n      name\n    }\n    worklistFilterChoices {\n      services {\n        id\n        name\n      }\n      clinicians {\n        id\n        name\n      }\n    }\n    worklist(worklist: $worklist, filter: $filter, sort: $sort, first: $first, after: $after) {\n      worklist\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...WorklistRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorklistRow on WorklistItem {\n    ubrn\n    kind\n    state\n    adviceState\n    priority\n    serviceName\n    stateChangedAt\n    letterDueAt\n    letterOverdue\n    patientContactBy\n    contactDatePassed\n    requestContextStatus\n    patient {\n      id\n      givenName\n      familyName\n      nhsNumber\n      dateOfBirth\n    }\n  }\n"): (typeof documents)["\n  fragment WorklistRow on WorklistItem {\n    ubrn\n    kind\n    state\n    adviceState\n    priority\n    serviceName\n    stateChangedAt\n    letterDueAt\n    letterOverdue\n    patientContactBy\n    contactDatePassed\n    requestContextStatus\n    patient {\n      id\n      givenName\n      familyName\n      nhsNumber\n      dateOfBirth\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WorklistsChanged {\n    worklistsChanged {\n      ubrn\n      version\n      event\n    }\n  }\n"): (typeof documents)["\n  subscription WorklistsChanged {\n    worklistsChanged {\n      ubrn\n      version\n      event\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;