import { englandBankHolidays } from '@open-ers/domain/holidays';
import type { RandomBytes, ReferralContext } from '@open-ers/domain';
import { randomFillSync } from 'node:crypto';
import { UK_TIME_ZONE } from '../../time.js';

/** Cryptographic randomness for UBRNs and access codes, which must not be guessable. */
export const cryptoRandomBytes: RandomBytes = (length) => randomFillSync(new Uint8Array(length));

/** Dates are reckoned in UK time, working days skip England's bank holidays. */
export const UK_DATE_CONTEXT: ReferralContext = {
  timeZone: UK_TIME_ZONE,
  calendar: englandBankHolidays(),
};
