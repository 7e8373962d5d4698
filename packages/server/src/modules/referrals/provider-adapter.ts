/**
 * The provider's own system (a hospital PAS), which must confirm a booking before it counts. In
 * e-RS this is a synchronous call with a 2-minute timeout; when it fails or times out the
 * referral is deferred to the provider with reason BOOKING_ATTEMPT_PROBLEM and nothing is lost.
 */
export interface ProviderBookingAdapter {
  confirmBooking(
    request: BookingConfirmationRequest,
    signal: AbortSignal,
  ): Promise<BookingConfirmation>;
}

export interface BookingConfirmationRequest {
  readonly appointmentId: string;
  readonly ubrn: string;
  readonly serviceId: string;
  readonly providerOrganisationId: string;
  readonly slotId: string;
  readonly start: Date;
  readonly end: Date;
}

export type BookingConfirmation =
  | { readonly status: 'CONFIRMED' }
  /** The provider's system says the slot is gone (a "phantom slot"). */
  | { readonly status: 'SLOT_NOT_AVAILABLE' }
  /** The provider's system could not confirm for another reason. */
  | { readonly status: 'UNABLE_TO_CONFIRM'; readonly detail?: string };

/** The adapter for providers whose slots live in open-ers itself: confirms at once. */
export const IMMEDIATE_CONFIRMATION: ProviderBookingAdapter = {
  confirmBooking: async () => ({ status: 'CONFIRMED' }),
};

/** How long to wait for the provider's system (e-RS: 2 minutes). */
export const DEFAULT_CONFIRMATION_TIMEOUT_MS = 120_000;

/**
 * Asks the adapter to confirm, giving up after `timeoutMs`. A thrown error or a timeout counts as
 * UNABLE_TO_CONFIRM: the booking did not happen as far as open-ers knows.
 */
export async function confirmWithTimeout(
  adapter: ProviderBookingAdapter,
  request: BookingConfirmationRequest,
  timeoutMs: number,
): Promise<BookingConfirmation> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<BookingConfirmation>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ status: 'UNABLE_TO_CONFIRM', detail: 'timed out' });
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      adapter
        .confirmBooking(request, controller.signal)
        .catch((error: unknown): BookingConfirmation => ({
          status: 'UNABLE_TO_CONFIRM',
          detail: error instanceof Error ? error.message : String(error),
        })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
