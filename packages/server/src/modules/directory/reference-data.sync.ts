import { CLINIC_TYPES, SPECIALTIES } from '@open-ers/domain';
import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { SERVER_PACKAGE_ROOT } from '../../config.js';
import type { EntityManager } from '../../db/orm.js';
import { Postcode, PostcodeDistrict } from './postcode.entity.js';
import { ClinicType, Specialty } from './reference-data.entity.js';

/** Folder of the reference data files shipped with the server (see data/README.md). */
export const DATA_FOLDER = path.join(SERVER_PACKAGE_ROOT, 'data');

const BATCH_SIZE = 1000;

/**
 * Brings the reference tables in line with the domain package (specialties, clinic types) and
 * loads the postcode directory when it is empty. Safe to run at every start: specialties and
 * clinic types are upserted, postcodes only loaded once.
 */
export async function syncReferenceData(em: EntityManager): Promise<void> {
  await em.transactional(async (tx) => {
    await tx.upsertMany(
      Specialty,
      SPECIALTIES.map((s) => ({ code: s.code, name: s.name })),
    );
    await tx.upsertMany(
      ClinicType,
      CLINIC_TYPES.map((c) => ({ code: c.code, name: c.name, specialty: c.specialtyCode })),
    );
  });
  if ((await em.count(PostcodeDistrict)) === 0) {
    await loadCsv(em, 'uk-postcode-districts.csv', PostcodeDistrict, (r) => ({
      outcode: r.outcode!,
      latitude: Number(r.latitude),
      longitude: Number(r.longitude),
    }));
  }
  if ((await em.count(Postcode)) === 0) {
    await loadCsv(em, 'uk-postcodes-sample.csv', Postcode, (r) => ({
      postcode: r.postcode!,
      latitude: Number(r.latitude),
      longitude: Number(r.longitude),
    }));
  }
}

/** Streams a CSV file into a table in batches (constant memory, whatever the file's size). */
async function loadCsv<T extends object>(
  em: EntityManager,
  file: string,
  entity: new () => T,
  toRow: (record: Record<string, string>) => Partial<T>,
): Promise<void> {
  const parser = createReadStream(path.join(DATA_FOLDER, file)).pipe(parse({ columns: true }));
  await em.transactional(async (tx) => {
    let batch: Partial<T>[] = [];
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      batch.push(toRow(record));
      if (batch.length >= BATCH_SIZE) {
        await tx.insertMany(entity, batch as T[]);
        batch = [];
      }
    }
    if (batch.length > 0) await tx.insertMany(entity, batch as T[]);
  });
}
