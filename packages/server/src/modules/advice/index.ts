/**
 * Advice & Guidance: requests, the conversation between referrer and provider, provider
 * responses and conversion into a referral on the same UBRN, on the advice worklists.
 */
export { AdviceRequest } from './advice.entity.js';
export { AdviceMessage } from './advice-message.entity.js';
export {
  AdviceService,
  type AdviceRead,
  type AdviceWrite,
  type ConversationLine,
  type CreateAdviceRequestInput,
} from './advice.service.js';
export { AdviceCommands } from './advice.commands.js';
export { decodeAdviceSnapshot } from './advice-snapshot-codec.js';
export { AdviceResolver } from './advice.resolver.js';

import { AdviceMessage } from './advice-message.entity.js';
import { AdviceRequest } from './advice.entity.js';

export const adviceEntities = [AdviceRequest, AdviceMessage];
