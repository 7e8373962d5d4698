/** Patients: demographics and lookup by NHS number. */
export { Patient } from './patient.entity.js';
export { PatientService } from './patients.service.js';

import { Patient } from './patient.entity.js';

export const patientEntities = [Patient];
export { PatientResolver } from './patients.resolver.js';
