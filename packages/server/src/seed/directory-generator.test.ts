import { SPECIALTIES } from '@open-ers/domain';
import { describe, expect, it } from 'vitest';
import { DEMO_SEED, loadPlaces } from './demo-seed.js';
import { milesBetween, postcodeArea, TOWNS } from './places.js';
import {
  DEMO_SCALE,
  generateDirectory,
  type OrganisationRow,
  type ServiceRow,
  type SiteRow,
} from './directory-generator.js';

const { places, englishOutcodes } = loadPlaces();

function collect(seed: number, today = '2026-11-21') {
  const organisations: OrganisationRow[] = [];
  const sites: SiteRow[] = [];
  const services: ServiceRow[] = [];
  for (const batch of generateDirectory({
    seed,
    scale: DEMO_SCALE,
    today,
    places,
    englishOutcodes,
    batchSize: 50,
  })) {
    if (batch.table === 'organisation') organisations.push(...batch.rows);
    else if (batch.table === 'site') sites.push(...batch.rows);
    else services.push(...batch.rows);
  }
  return { organisations, sites, services };
}

describe('generateDirectory', () => {
  const demo = collect(42);

  it('is reproducible from its seed', () => {
    expect(collect(42)).toEqual(demo);
    expect(collect(43).services.map((s) => s.id)).not.toEqual(demo.services.map((s) => s.id));
  });

  it('builds a believable slice of England at demo scale', () => {
    const byKind = (kind: string) => demo.organisations.filter((o) => o.kind === kind);
    expect(byKind('PROVIDER')).toHaveLength(DEMO_SCALE.providers);
    expect(byKind('GP_PRACTICE')).toHaveLength(DEMO_SCALE.gpPractices);
    expect(byKind('COMMISSIONER').length).toBeGreaterThan(5);
    expect(demo.services.length).toBeGreaterThanOrEqual(300);
    const specialtiesUsed = new Set(demo.services.map((s) => s.specialty));
    expect(specialtiesUsed.size).toBeGreaterThanOrEqual(15);
    for (const s of specialtiesUsed) expect(SPECIALTIES.map((x) => x.code)).toContain(s);
    // Sites sit on real English postcodes with coordinates inside England's bounding box.
    for (const site of demo.sites) {
      expect(site.latitude).toBeGreaterThan(49.8);
      expect(site.latitude).toBeLessThan(55.9);
      expect(site.longitude).toBeGreaterThan(-6.5);
      expect(site.longitude).toBeLessThan(1.9);
      expect(places.get(site.postcode.split(' ')[0]!)?.postcode).toBe(site.postcode);
    }
  });

  it('keeps every identifier unique and every reference valid', () => {
    const orgIds = new Set(demo.organisations.map((o) => o.id));
    const siteIds = new Set(demo.sites.map((s) => s.id));
    expect(orgIds.size).toBe(demo.organisations.length);
    expect(new Set(demo.organisations.map((o) => o.odsCode)).size).toBe(demo.organisations.length);
    expect(new Set(demo.sites.map((s) => s.odsCode)).size).toBe(demo.sites.length);
    expect(new Set(demo.services.map((s) => s.id)).size).toBe(demo.services.length);
    for (const site of demo.sites) expect(orgIds.has(site.organisation)).toBe(true);
    for (const service of demo.services) {
      expect(orgIds.has(service.provider)).toBe(true);
      expect(siteIds.has(service.site)).toBe(true);
    }
  });

  it('follows the directory rules: two-week-wait services take two-week-wait, triage services assess', () => {
    for (const s of demo.services.filter((x) => x.specialty === 'TWO_WEEK_WAIT')) {
      expect(s.priorities).toEqual(['TWO_WEEK_WAIT']);
      expect(s.requestFlow).toBe('APPOINTMENT_REQUEST');
    }
    // A referral assessment service reviews referrals and never offers appointments (reference
    // §1, RAS), and neither does an advice service: neither publishes slots.
    for (const s of demo.services.filter((x) => x.requestFlow === 'TRIAGE_REQUEST')) {
      expect(s.appointmentType).toBe('ASSESSMENT_SERVICE');
      expect(s.bookableType).toBe('INDIRECTLY_BOOKABLE');
    }
    for (const s of demo.services.filter((x) => x.requestFlow !== 'APPOINTMENT_REQUEST')) {
      expect(s.bookableType).toBe('INDIRECTLY_BOOKABLE');
    }
    for (const s of demo.services.filter((x) => x.bookingWindows)) {
      for (const priority of Object.keys(s.bookingWindows!)) {
        expect(s.priorities).toContain(priority);
      }
    }
    expect(demo.services.some((s) => s.effectiveTo !== null)).toBe(true);
    expect(demo.services.some((s) => s.sexTreated === 'FEMALE')).toBe(true);
  });

  describe.each([
    ['the demo seed', DEMO_SEED],
    ['another seed', 42],
  ])('keeps places true to life (%s)', (_name, seed) => {
    const data = seed === 42 ? demo : collect(seed);
    const town = (name: string) => {
      const found = TOWNS.find((t) => t.name === name);
      expect(found, `a known town: ${name}`).toBeDefined();
      return places.get(found!.outcode)!;
    };
    const located = [
      ...data.sites.map((s) => ({ what: `site ${s.odsCode} ${s.name}`, ...s })),
      ...data.organisations
        .filter((o) => o.town !== null)
        .map((o) => ({ what: `${o.kind} ${o.odsCode} ${o.name}`, ...o, town: o.town! })),
    ];

    it("keeps towns, postcodes and coordinates in agreement: a Plymouth site has a PL postcode near Plymouth's centre, and its coordinates are its postcode's", () => {
      for (const o of located) {
        const centre = town(o.town);
        const district = places.get(o.postcode!.split(' ')[0]!);
        expect(district, `${o.what}: a real postcode district`).toBeDefined();
        expect(postcodeArea(district!.outcode), `${o.what} (${o.postcode}) is in ${o.town}`).toBe(
          postcodeArea(centre.outcode),
        );
        expect(
          milesBetween(district!.centroid, centre.centroid),
          `${o.what} (${o.postcode}): miles from the centre of ${o.town}`,
        ).toBeLessThan(5);
      }
      // ...and a site is where its postcode is: within a few miles of its district's centre.
      for (const s of data.sites) {
        const district = places.get(s.postcode.split(' ')[0]!)!;
        expect(
          milesBetween(s, district.centroid),
          `${s.name} (${s.postcode}): miles from the centre of ${district.outcode}`,
        ).toBeLessThan(3);
      }
    });

    it('names every service once at its site, whatever the case, capitalising every major word', () => {
      const seen = new Map<string, string>();
      for (const s of data.services) {
        const key = `${s.site}/${s.name.toLowerCase()}`;
        expect(seen.get(key), `two services named ${s.name} at one site`).toBeUndefined();
        seen.set(key, s.name);
        // "Heart Failure Clinic - ...", never "Heart failure Clinic - ...".
        const label = s.name.split(' - ')[0]!;
        for (const word of label.split(' ').slice(1)) {
          if (['and', 'or', 'of', 'the', 'for', 'in', 'with', 'to', 'a', 'an', 'on'].includes(word))
            continue;
          expect(word, `${s.name}: capitalised`).toMatch(/^[^a-z]/);
        }
      }
      const sites = new Set(data.sites.map((s) => `${s.organisation}/${s.name.toLowerCase()}`));
      expect(sites.size, 'site names unique within each provider').toBe(data.sites.length);
    });
  });
});
