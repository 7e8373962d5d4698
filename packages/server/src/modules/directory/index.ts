/** The Directory of Services: organisations, sites, services, reference data and search. */
export { Organisation } from './organisation.entity.js';
export { Site } from './site.entity.js';
export { Service } from './service.entity.js';
export { ServiceVersion } from './service-version.entity.js';
export { Specialty, ClinicType } from './reference-data.entity.js';
export { Postcode, PostcodeDistrict } from './postcode.entity.js';
export { DirectoryResolver, ServiceFieldResolver } from './directory.resolver.js';
export { DirectoryService } from './directory.service.js';
export { syncReferenceData } from './reference-data.sync.js';

import { Organisation } from './organisation.entity.js';
import { Postcode, PostcodeDistrict } from './postcode.entity.js';
import { ClinicType, Specialty } from './reference-data.entity.js';
import { Service } from './service.entity.js';
import { ServiceVersion } from './service-version.entity.js';
import { Site } from './site.entity.js';

/** Entities this module persists. */
export const directoryEntities = [
  Organisation,
  Site,
  Service,
  ServiceVersion,
  Specialty,
  ClinicType,
  PostcodeDistrict,
  Postcode,
];
