import {
  OptimisticLockError,
  UniqueConstraintViolationException,
  type FilterQuery,
} from '@mikro-orm/core';
import {
  bookingPolicyOfDefinition,
  diffServiceDefinitions,
  DomainError,
  errorMessage,
  isIsoDate,
  normaliseServiceDefinition,
  parsePostcode,
  PRIORITY_CODES,
  SERVICE_FIELD_LABELS,
  serviceLifecycleStatus,
  validateServiceDefinition,
  type Actor,
  type ErrorCode,
  type FieldError,
  type ServiceDefinition,
  type ServiceFieldChange,
  type ServiceLifecycleStatus,
  type SLOT_ISSUE_POLICY_CHOICES,
} from '@open-ers/domain';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '../../db/orm.js';
import { inTransaction } from '../../db/transaction.js';
import { ukDate } from '../../time.js';
import { Slot } from '../slots/slot.entity.js';
import { WorklistEntryRecord } from '../worklists/worklist-entry.entity.js';
import { Organisation } from './organisation.entity.js';
import { Postcode } from './postcode.entity.js';
import { ClinicType, Specialty } from './reference-data.entity.js';
import { ServiceVersion } from './service-version.entity.js';
import { Service } from './service.entity.js';
import { Site } from './site.entity.js';
import { isUuid } from '../../db/ids.js';

/** What the definer's services need of the audit trail (the request's AuditService). */
export interface DefinitionAudit {
  record(
    event: {
      action: string;
      details?: Readonly<Record<string, string | number | boolean | null>> | null;
    },
    options?: { em?: EntityManager },
  ): Promise<void>;
}

/** What every definer command needs besides its own arguments. */
export interface DefinitionRuntime {
  /** The request's instant; "today" is its UK date. */
  readonly now: Date;
  /** One audit line per change, in the change's transaction (absent in scripts). */
  readonly audit?: DefinitionAudit | null;
}

/** Who is making a change: the acting user and the name the history shows. */
export interface Definer {
  readonly actor: Actor;
  readonly name: string;
}

/** A service with its lifecycle status on the request's day. */
export interface DefinedServiceRead {
  readonly service: Service;
  readonly lifecycleStatus: ServiceLifecycleStatus;
}

/** A version of a service as its history shows it (newest first). */
export interface ServiceVersionRead {
  readonly version: number;
  readonly kind: string;
  readonly changedAt: Date;
  readonly changedByName: string;
  readonly changes: ServiceFieldChange[];
}

/** A site as a definer enters it. */
export interface SiteFields {
  readonly odsCode: string;
  readonly name: string;
  readonly addressLine: string;
  readonly town: string;
  readonly postcode: string;
}

type VersionKind = 'CREATED' | 'AMENDED' | 'PUBLISHED' | 'RETIRED';
const VERSION_AUDIT_ACTIONS: Readonly<Record<VersionKind, string>> = {
  CREATED: 'CREATE_SERVICE',
  AMENDED: 'AMEND_SERVICE',
  PUBLISHED: 'PUBLISH_SERVICE',
  RETIRED: 'RETIRE_SERVICE',
};
type SlotIssuePolicy = (typeof SLOT_ISSUE_POLICY_CHOICES)[number];

const SITE_CODE = /^[A-Z0-9]{3,12}$/;
const SITE_LIMITS = { name: 200, addressLine: 200, town: 100 } as const;

/** The refusal for a list of field problems: VALIDATION_FAILED, each problem in the details. */
function validationFailed(fieldErrors: readonly FieldError[]): DomainError {
  return new DomainError('VALIDATION_FAILED', {
    ...(fieldErrors.length === 1 ? { field: fieldErrors[0]!.field } : {}),
    details: { fieldErrors },
  });
}

const fieldError = (field: string, code: ErrorCode, message?: string): FieldError => ({
  field,
  code,
  message: message ?? errorMessage(code),
});

/** The definition a service row holds, in the domain's terms (normalised). */
export function definitionOfService(service: Service): ServiceDefinition {
  const windows = service.bookingWindows ?? {};
  return normaliseServiceDefinition({
    name: service.name,
    siteId: service.site.id,
    specialty: service.specialty.unwrap().code,
    clinicType: service.clinicType.unwrap().code,
    appointmentType: service.appointmentType,
    requestFlow: service.requestFlow,
    bookableType: service.bookableType,
    priorities: service.priorities,
    minAgeYears: service.minAgeYears ?? null,
    maxAgeYears: service.maxAgeYears ?? null,
    sexTreated: service.sexTreated,
    letterRequired: service.letterRequired,
    additionalRequirements: service.additionalRequirements ?? null,
    referrerAlert: service.referrerAlert ?? null,
    instructions: service.instructions ?? null,
    bookingWindows: PRIORITY_CODES.flatMap((priority) => {
      const window = windows[priority];
      return window ? [{ priority, ...window }] : [];
    }),
    reservationDays: service.reservationDays,
    indicativeWaitDays: service.indicativeWaitDays ?? null,
    namedClinicians: service.namedClinicians ?? [],
    effectiveFrom: service.effectiveFrom,
    effectiveTo: service.effectiveTo ?? null,
    slotIssuePolicy: service.slotIssuePolicy as SlotIssuePolicy,
    offerHoldHours: service.offerHoldHours,
    publicationWeeks: service.publicationWeeks,
  });
}

/**
 * Service definers' maintenance of the Directory of Services: their organisation's services
 * (created as drafts or live, amended, published, retired) and sites. Rules come from the
 * domain (validateServiceDefinition, serviceLifecycleStatus, diffServiceDefinitions). Every
 * change to a service is one transaction that writes the service row and a ServiceVersion row
 * (who, when, what changed, the whole definition), guarded by the version the definer read;
 * search reads the service table, so a change reaches it at once.
 */
export class ServiceDefinitionService {
  constructor(
    readonly em: EntityManager,
    private readonly rt: DefinitionRuntime,
  ) {}

  private get today(): string {
    return ukDate(this.rt.now);
  }

  /**
   * The organisation's services by name, with their status today; only those with `status`
   * and whose name, site or clinic type contains `text` (any case), when given.
   */
  async definedServices(
    actor: Actor,
    filter: { status?: ServiceLifecycleStatus | null; text?: string | null } = {},
  ): Promise<DefinedServiceRead[]> {
    const services = await this.em.find(
      Service,
      { provider: actor.organisationId },
      { populate: ['site', 'clinicType'], orderBy: { name: 'asc', id: 'asc' } },
    );
    const text = filter.text?.trim().toLowerCase() ?? '';
    return services
      .map((service) => ({ service, lifecycleStatus: this.statusOf(service) }))
      .filter(({ service, lifecycleStatus }) => {
        if (filter.status && lifecycleStatus !== filter.status) return false;
        if (!text) return true;
        return [service.name, service.site.getEntity().name, service.clinicType.getEntity().name]
          .map((s) => s.toLowerCase())
          .some((s) => s.includes(text));
      });
  }

  /** One of the organisation's services; another organisation's is REFERENCE_NOT_FOUND. */
  async definedService(actor: Actor, id: string): Promise<DefinedServiceRead> {
    const service = await this.ownService(this.em, actor, id);
    return { service, lifecycleStatus: this.statusOf(service) };
  }

  /** A service's versions, newest first. */
  async versions(serviceId: string): Promise<ServiceVersionRead[]> {
    const rows = await this.em.find(
      ServiceVersion,
      { service: serviceId },
      { orderBy: { version: 'desc' } },
    );
    return rows.map((row) => ({
      version: row.version,
      kind: row.kind,
      changedAt: row.changedAt,
      changedByName: row.changedByName,
      changes: row.changes.map((change) => {
        const stored = change as Partial<ServiceFieldChange> & { field: string };
        return {
          field: stored.field,
          label:
            stored.label ??
            SERVICE_FIELD_LABELS[stored.field as keyof typeof SERVICE_FIELD_LABELS] ??
            stored.field,
          from: stored.from ?? null,
          to: stored.to ?? null,
        };
      }),
    }));
  }

  /** How many free slots the service has from now on (a lapsed hold counts as free). */
  freeSlotCount(serviceId: string): Promise<number> {
    const now = this.rt.now;
    return this.em.count(Slot, {
      service: serviceId,
      startAt: { $gt: now },
      $or: [{ status: 'FREE' }, { status: 'HELD', heldUntil: { $lte: now } }],
    });
  }

  /** How many referrals for the service are on the organisation's Appointment Slot Issues list. */
  slotIssueCount(serviceId: string, organisationId: string): Promise<number> {
    return this.em.count(WorklistEntryRecord, {
      organisationId,
      worklist: 'APPOINTMENT_SLOT_ISSUES',
      serviceId,
    });
  }

  /** The organisation's sites, by name. */
  organisationSites(actor: Actor): Promise<Site[]> {
    return this.em.find(
      Site,
      { organisation: actor.organisationId },
      { orderBy: { name: 'asc', id: 'asc' } },
    );
  }

  /**
   * Creates a service at one of the organisation's sites: a draft (never offered in search)
   * unless `draft` is false, when it is live from its effective date. Version 1, CREATED.
   */
  async createService(
    by: Definer,
    input: ServiceDefinition,
    draft: boolean,
  ): Promise<DefinedServiceRead> {
    const def = normaliseServiceDefinition(input);
    return this.write(null, async (tx) => {
      const site = await this.checkDefinition(tx, by.actor, def);
      const service = tx.create(Service, {
        id: randomUUID(),
        provider: tx.getReference(Organisation, by.actor.organisationId),
        draft,
        ...this.columnsOf(tx, def, site),
      });
      await tx.flush();
      await this.recordVersion(tx, by, service, 'CREATED', def, []);
      return service;
    });
  }

  /**
   * Amends a service: refused with STALE_VERSION when it has changed since the definer read
   * `expectedVersion`, SERVICE_RETIRED once retired, NO_CHANGES_DETECTED when nothing differs.
   */
  async amendService(
    by: Definer,
    id: string,
    expectedVersion: number,
    input: ServiceDefinition,
  ): Promise<DefinedServiceRead> {
    const def = normaliseServiceDefinition(input);
    return this.write(id, async (tx) => {
      const service = await this.changeableService(tx, by.actor, id, expectedVersion);
      const site = await this.checkDefinition(tx, by.actor, def);
      const before = definitionOfService(service);
      const changes = await this.diff(tx, before, def);
      if (changes.length === 0) throw new DomainError('NO_CHANGES_DETECTED');
      Object.assign(service, this.columnsOf(tx, def, site));
      await tx.flush();
      await this.recordVersion(tx, by, service, 'AMENDED', def, changes);
      return service;
    });
  }

  /** Publishes a draft: from now on search offers it (from its effective date). */
  async publishService(
    by: Definer,
    id: string,
    expectedVersion: number,
  ): Promise<DefinedServiceRead> {
    return this.write(id, async (tx) => {
      const service = await this.changeableService(tx, by.actor, id, expectedVersion);
      if (!service.draft) {
        throw new DomainError('NO_CHANGES_DETECTED', {
          message: 'This service is already published.',
        });
      }
      const def = definitionOfService(service);
      await this.checkDefinition(tx, by.actor, def);
      service.draft = false;
      await tx.flush();
      await this.recordVersion(tx, by, service, 'PUBLISHED', def, [
        { field: 'draft', label: SERVICE_FIELD_LABELS.draft, from: 'Draft', to: 'Published' },
      ]);
      return service;
    });
  }

  /**
   * Retires a service: it stays in effect up to and including `effectiveTo` (today or later,
   * not before it starts) and is offered in search no longer after that. Referrals already
   * made to it are not touched.
   */
  async retireService(
    by: Definer,
    id: string,
    expectedVersion: number,
    effectiveTo: string,
  ): Promise<DefinedServiceRead> {
    return this.write(id, async (tx) => {
      const service = await this.changeableService(tx, by.actor, id, expectedVersion);
      if (!isIsoDate(effectiveTo) || effectiveTo < this.today) {
        throw validationFailed([
          fieldError(
            'effectiveTo',
            'INVALID_EFFECTIVE_DATES',
            'The end date must be today or later.',
          ),
        ]);
      }
      if (effectiveTo < service.effectiveFrom) {
        throw validationFailed([
          fieldError(
            'effectiveTo',
            'INVALID_EFFECTIVE_DATES',
            'The end date must be on or after the date the service starts.',
          ),
        ]);
      }
      const before = definitionOfService(service);
      const after = { ...before, effectiveTo };
      const changes = await this.diff(tx, before, after);
      if (changes.length === 0) throw new DomainError('NO_CHANGES_DETECTED');
      service.effectiveTo = effectiveTo;
      await tx.flush();
      await this.recordVersion(tx, by, service, 'RETIRED', after, changes);
      return service;
    });
  }

  /** Adds a site to the organisation, placed at its postcode's coordinates. */
  async createSite(actor: Actor, input: SiteFields): Promise<Site> {
    return this.writeSite(async (tx) => {
      const fields = await this.checkSite(tx, input, null);
      const site = tx.create(Site, {
        id: randomUUID(),
        organisation: tx.getReference(Organisation, actor.organisationId),
        ...fields,
      });
      await tx.flush();
      await this.rt.audit?.record(
        { action: 'CREATE_SITE', details: { siteId: site.id, odsCode: site.odsCode } },
        { em: tx },
      );
      return site;
    });
  }

  /** Amends one of the organisation's sites; its services move with it. */
  async amendSite(actor: Actor, id: string, input: SiteFields): Promise<Site> {
    return this.writeSite(async (tx) => {
      const site = isUuid(id)
        ? await tx.findOne(Site, { id, organisation: actor.organisationId })
        : null;
      if (!site) throw new DomainError('REFERENCE_NOT_FOUND', { field: 'id' });
      const fields = await this.checkSite(tx, input, site.id);
      const changed = (Object.keys(fields) as (keyof typeof fields)[]).some(
        (key) => site[key] !== fields[key],
      );
      if (!changed) throw new DomainError('NO_CHANGES_DETECTED');
      Object.assign(site, fields);
      await tx.flush();
      await this.rt.audit?.record(
        { action: 'AMEND_SITE', details: { siteId: site.id, odsCode: site.odsCode } },
        { em: tx },
      );
      return site;
    });
  }

  private statusOf(service: Service): ServiceLifecycleStatus {
    return serviceLifecycleStatus(
      {
        draft: service.draft,
        effectiveFrom: service.effectiveFrom,
        effectiveTo: service.effectiveTo ?? null,
      },
      this.today,
    );
  }

  /** Runs a service change in one transaction; a concurrent change surfaces as STALE_VERSION. */
  private async write(
    id: string | null,
    work: (tx: EntityManager) => Promise<Service>,
  ): Promise<DefinedServiceRead> {
    try {
      const written = await inTransaction(this.em, work);
      // Read it back in the request's own context, where its relations load in batches.
      const service = await this.em.findOneOrFail(Service, { id: written.id }, { refresh: true });
      return { service, lifecycleStatus: this.statusOf(service) };
    } catch (error) {
      // Another definer's change committed between our read and our write.
      if (
        id !== null &&
        (error instanceof OptimisticLockError ||
          (error instanceof UniqueConstraintViolationException &&
            /service_version/i.test(error.message)))
      ) {
        const current = await this.em.fork().findOne(Service, { id }, { fields: ['version'] });
        throw staleVersion(current?.version ?? null);
      }
      throw error;
    }
  }

  /** Runs a site change in one transaction; a site code taken meanwhile is SITE_CODE_TAKEN. */
  private async writeSite(work: (tx: EntityManager) => Promise<Site>): Promise<Site> {
    try {
      return await inTransaction(this.em, work);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException && /ods_code/i.test(error.message)) {
        throw validationFailed([fieldError('odsCode', 'SITE_CODE_TAKEN')]);
      }
      throw error;
    }
  }

  private async ownService(em: EntityManager, actor: Actor, id: string): Promise<Service> {
    const service = isUuid(id)
      ? await em.findOne(Service, { id, provider: actor.organisationId } as FilterQuery<Service>)
      : null;
    if (!service) throw new DomainError('REFERENCE_NOT_FOUND', { field: 'id' });
    return service;
  }

  /** The service, if the definer may change it now: their own, unchanged since read, not retired. */
  private async changeableService(
    tx: EntityManager,
    actor: Actor,
    id: string,
    expectedVersion: number,
  ): Promise<Service> {
    const service = await this.ownService(tx, actor, id);
    if (service.version !== expectedVersion) throw staleVersion(service.version);
    if (this.statusOf(service) === 'RETIRED') throw new DomainError('SERVICE_RETIRED');
    return service;
  }

  /**
   * Validates a definition with the domain's rules, the site being one of the organisation's
   * (and the specialty and clinic type the reference tables'), refusing with every problem.
   */
  private async checkDefinition(
    tx: EntityManager,
    actor: Actor,
    def: ServiceDefinition,
  ): Promise<Site> {
    // One after another: a transaction is one connection, which runs one query at a time (pg
    // warns of overlapping queries on a client, and pg 9 refuses them).
    const site = isUuid(def.siteId)
      ? await tx.findOne(Site, { id: def.siteId, organisation: actor.organisationId })
      : null;
    const specialties = await tx.find(Specialty, {});
    const clinicTypes = await tx.find(ClinicType, {});
    const specialtyCodes = new Set(specialties.map((s) => s.code));
    const specialtyOf = new Map(clinicTypes.map((c) => [c.code, c.specialtyCode]));
    const errors = validateServiceDefinition(def, {
      today: this.today,
      isSpecialty: (code) => specialtyCodes.has(code),
      specialtyOf: (code) => specialtyOf.get(code),
    });
    if (!site && def.siteId) {
      errors.unshift(
        fieldError('siteId', 'REFERENCE_NOT_FOUND', 'Select one of your organisation’s sites.'),
      );
    }
    if (errors.length > 0 || !site) throw validationFailed(errors);
    return site;
  }

  /** The service columns a definition sets. */
  private columnsOf(tx: EntityManager, def: ServiceDefinition, site: Site) {
    return {
      name: def.name,
      site: tx.getReference(Site, site.id),
      specialty: tx.getReference(Specialty, def.specialty),
      clinicType: tx.getReference(ClinicType, def.clinicType),
      appointmentType: def.appointmentType,
      requestFlow: def.requestFlow,
      bookableType: def.bookableType,
      priorities: [...def.priorities],
      minAgeYears: def.minAgeYears,
      maxAgeYears: def.maxAgeYears,
      sexTreated: def.sexTreated,
      letterRequired: def.letterRequired,
      additionalRequirements: def.additionalRequirements,
      referrerAlert: def.referrerAlert,
      instructions: def.instructions,
      bookingWindows: bookingPolicyOfDefinition(def).windows,
      reservationDays: def.reservationDays,
      indicativeWaitDays: def.indicativeWaitDays,
      namedClinicians: def.namedClinicians.map((c) => ({ id: c.id, name: c.name })),
      effectiveFrom: def.effectiveFrom,
      effectiveTo: def.effectiveTo,
      slotIssuePolicy: def.slotIssuePolicy,
      offerHoldHours: def.offerHoldHours,
      publicationWeeks: def.publicationWeeks,
    };
  }

  /** The differences between two definitions, naming sites by their names. */
  private async diff(
    tx: EntityManager,
    before: ServiceDefinition,
    after: ServiceDefinition,
  ): Promise<ServiceFieldChange[]> {
    const siteIds = [...new Set([before.siteId, after.siteId])];
    const sites = await tx.find(Site, { id: { $in: siteIds } });
    const names = new Map(sites.map((s) => [s.id, s.name]));
    return diffServiceDefinitions(before, after, { siteName: (id) => names.get(id) });
  }

  /** Appends the version the change made, and its audit line, in the change's transaction. */
  private async recordVersion(
    tx: EntityManager,
    by: Definer,
    service: Service,
    kind: VersionKind,
    def: ServiceDefinition,
    changes: readonly ServiceFieldChange[],
  ): Promise<void> {
    tx.create(ServiceVersion, {
      id: randomUUID(),
      service,
      version: service.version,
      kind,
      changedAt: this.rt.now,
      changedByUserId: by.actor.userId,
      changedByName: by.name,
      changes: changes.map((c) => ({ ...c })),
      definition: { ...def, draft: service.draft },
    });
    await tx.flush();
    await this.rt.audit?.record(
      {
        action: VERSION_AUDIT_ACTIONS[kind],
        details: { serviceId: service.id, version: service.version },
      },
      { em: tx },
    );
  }

  /**
   * Checks a site as entered, refusing with every problem: a site code of 3 to 12 letters and
   * digits not used by another site, a name, address and town, and a postcode that is well
   * formed and in the postcode reference data (whose coordinates place the site).
   */
  private async checkSite(tx: EntityManager, input: SiteFields, siteId: string | null) {
    const errors: FieldError[] = [];
    const odsCode = input.odsCode.trim().toUpperCase();
    const name = input.name.trim();
    const addressLine = input.addressLine.trim();
    const town = input.town.trim();
    if (!SITE_CODE.test(odsCode)) errors.push(fieldError('odsCode', 'INVALID_SITE_CODE'));
    else {
      const taken = await tx.findOne(Site, { odsCode }, { fields: ['id'] });
      if (taken && taken.id !== siteId) errors.push(fieldError('odsCode', 'SITE_CODE_TAKEN'));
    }
    const text: [string, string, number, string][] = [
      ['name', name, SITE_LIMITS.name, 'Enter the site name.'],
      ['addressLine', addressLine, SITE_LIMITS.addressLine, 'Enter the first line of the address.'],
      ['town', town, SITE_LIMITS.town, 'Enter the town or city.'],
    ];
    for (const [field, value, max, missing] of text) {
      if (value === '') errors.push(fieldError(field, 'NAME_REQUIRED', missing));
      else if (value.length > max) {
        errors.push(fieldError(field, 'FIELD_TOO_LONG', `This can be up to ${max} characters.`));
      }
    }
    const parsed = parsePostcode(input.postcode);
    let place: Postcode | null = null;
    if (!parsed) errors.push(fieldError('postcode', 'INVALID_POSTCODE'));
    else {
      place = await tx.findOne(Postcode, { postcode: parsed.postcode });
      if (!place) errors.push(fieldError('postcode', 'UNKNOWN_POSTCODE'));
    }
    if (errors.length > 0 || !place || !parsed) throw validationFailed(errors);
    return {
      odsCode,
      name,
      addressLine,
      town,
      postcode: parsed.postcode,
      latitude: place.latitude,
      longitude: place.longitude,
    };
  }
}

/** STALE_VERSION for a service, with the version the definer should refresh to when known. */
function staleVersion(currentVersion: number | null): DomainError {
  return new DomainError('STALE_VERSION', {
    message:
      'Someone else has changed this service since you opened it. Refresh to see the latest version.',
    ...(currentVersion !== null ? { details: { currentVersion } } : {}),
  });
}
