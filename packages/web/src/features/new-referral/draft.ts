import { useSyncExternalStore } from 'react';
import type { BookableType, PatientSex, Priority, RequestFlow } from '../../gql/graphql';

/** A shortlisted service, with what the details page shows and checks. */
export interface DraftService {
  readonly id: string;
  readonly name: string;
  readonly providerName: string;
  readonly siteName: string;
  readonly requestFlow: RequestFlow;
  readonly bookableType: BookableType;
  readonly priorities: readonly Priority[];
  readonly letterRequired: boolean;
}

export interface DraftPatient {
  readonly id: string;
  readonly nhsNumber: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly dateOfBirth: string;
  readonly sex: PatientSex;
  readonly postcode: string;
}

/**
 * What the shortlist is being built for: a new referral, a new shortlist for an existing one,
 * or an onward referral from one (the version is the one the user read, for the write).
 */
export type DraftPurpose =
  | { readonly kind: 'NEW' }
  | { readonly kind: 'CHANGE_SHORTLIST'; readonly ubrn: string; readonly version: number }
  | { readonly kind: 'ONWARD'; readonly ubrn: string; readonly version: number };

export interface ReferralDraft {
  readonly purpose: DraftPurpose;
  readonly patient: DraftPatient;
  readonly priority: Priority | null;
  readonly shortlist: readonly DraftService[];
}

/** The most services a shortlist may hold. */
export const MAX_SHORTLIST = 20;

const KEY = 'open-ers:referral-draft';
const listeners = new Set<() => void>();
let cachedRaw: string | null | undefined;
let cached: ReferralDraft | null = null;

/**
 * The referral being put together, kept in the tab's session storage so it survives a reload
 * or Back, and is forgotten when the tab closes. No clinical text is kept in it.
 */
export function readDraft(): ReferralDraft | null {
  const raw = sessionStorage.getItem(KEY);
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    try {
      cached = raw ? (JSON.parse(raw) as ReferralDraft) : null;
    } catch {
      cached = null;
    }
  }
  return cached;
}

export function writeDraft(draft: ReferralDraft | null): void {
  if (draft) sessionStorage.setItem(KEY, JSON.stringify(draft));
  else sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

export function updateDraft(change: (draft: ReferralDraft) => ReferralDraft): void {
  const draft = readDraft();
  if (draft) writeDraft(change(draft));
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useReferralDraft(): ReferralDraft | null {
  return useSyncExternalStore(subscribe, readDraft, () => null);
}
