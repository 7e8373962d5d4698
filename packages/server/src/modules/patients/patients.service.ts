import { DomainError, requireNhsNumber } from '@open-ers/domain';
import type { EntityManager } from '../../db/orm.js';
import { Patient } from './patient.entity.js';

/** Finds patients. Every call that returns a patient is a read of patient-identifiable data. */
export class PatientService {
  constructor(private readonly em: EntityManager) {}

  /**
   * The patient with this NHS number (typed with or without spaces). Throws INVALID_NHS_NUMBER
   * for an invalid number and REFERENCE_NOT_FOUND when no patient has it.
   */
  async findByNhsNumber(input: string): Promise<Patient> {
    const nhsNumber = requireNhsNumber(input, 'nhsNumber');
    const patient = await this.em.findOne(
      Patient,
      { nhsNumber },
      { populate: ['registeredPractice'] },
    );
    if (!patient) {
      throw new DomainError('REFERENCE_NOT_FOUND', {
        field: 'nhsNumber',
        message: 'No patient has that NHS number. Check it and try again.',
      });
    }
    return patient;
  }

  async findById(id: string): Promise<Patient> {
    const patient = await this.em.findOne(Patient, { id }, { populate: ['registeredPractice'] });
    if (!patient) throw new DomainError('REFERENCE_NOT_FOUND', { field: 'patientId' });
    return patient;
  }
}
