import { BackgroundJob } from '../jobs/job.entity.js';
import { adviceEntities } from '../modules/advice/index.js';
import { auditEntities } from '../modules/audit/index.js';
import { directoryEntities } from '../modules/directory/index.js';
import { identityEntities } from '../modules/identity/index.js';
import { idempotencyEntities } from '../modules/idempotency/index.js';
import { patientEntities } from '../modules/patients/index.js';
import { referralEntities } from '../modules/referrals/index.js';
import { slotEntities } from '../modules/slots/index.js';
import { worklistEntities } from '../modules/worklists/index.js';

/** Every persisted entity, module by module. */
export const ENTITIES = [
  ...directoryEntities,
  ...identityEntities,
  ...patientEntities,
  ...slotEntities,
  ...referralEntities,
  ...adviceEntities,
  ...worklistEntities,
  ...idempotencyEntities,
  ...auditEntities,
  BackgroundJob,
];
