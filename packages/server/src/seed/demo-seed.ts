import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EntityManager } from '../db/orm.js';
import { Organisation, Service, Site } from '../modules/directory/index.js';
import { DATA_FOLDER } from '../modules/directory/reference-data.sync.js';
import {
  DEMO_SCALE,
  generateDirectory,
  type DirectoryScale,
  type Place,
} from './directory-generator.js';

/** The seed of the embedded demo data set: the same seed gives the same directory. */
export const DEMO_SEED = 20151506;

/** Places by outward code, and the English outward codes, from the shipped postcode data. */
export function loadPlaces(): { places: Map<string, Place>; englishOutcodes: string[] } {
  const read = (file: string) =>
    parse(readFileSync(path.join(DATA_FOLDER, file)), { columns: true }) as Record<
      string,
      string
    >[];
  const places = new Map<string, Place>();
  for (const r of read('uk-postcodes-sample.csv')) {
    places.set(r.outcode!, {
      postcode: r.postcode!,
      outcode: r.outcode!,
      latitude: Number(r.latitude),
      longitude: Number(r.longitude),
    });
  }
  const englishOutcodes = read('uk-postcode-districts.csv')
    .filter((r) => r.country === 'England' && places.has(r.outcode!))
    .map((r) => r.outcode!);
  return { places, englishOutcodes };
}

export interface SeedOptions {
  readonly seed?: number;
  readonly scale?: DirectoryScale;
  /** Today's date (`YYYY-MM-DD`), around which effective dates are placed. */
  readonly today: string;
  /** The instant recorded as the rows' creation time. */
  readonly now: Date;
}

/**
 * Fills an empty database with a generated Directory of Services, in one transaction and in
 * bulk inserts. Does nothing (and returns false) when organisations already exist.
 */
export async function seedDemoData(em: EntityManager, options: SeedOptions): Promise<boolean> {
  if ((await em.count(Organisation)) > 0) return false;
  const { places, englishOutcodes } = loadPlaces();
  const batches = generateDirectory({
    seed: options.seed ?? DEMO_SEED,
    scale: options.scale ?? DEMO_SCALE,
    today: options.today,
    places,
    englishOutcodes,
  });
  // Bulk inserts skip entity constructors, so timestamps are set here.
  const createdAt = options.now;
  await em.transactional(async (tx) => {
    for (const batch of batches) {
      if (batch.rows.length === 0) continue;
      switch (batch.table) {
        case 'organisation':
          await tx.insertMany(
            Organisation,
            batch.rows.map((r) => ({ ...r, createdAt })),
          );
          break;
        case 'site':
          await tx.insertMany(Site, batch.rows);
          break;
        case 'service':
          await tx.insertMany(
            Service,
            batch.rows.map((r) => ({ ...r, createdAt, updatedAt: createdAt, version: 1 })),
          );
          break;
      }
    }
  });
  return true;
}
