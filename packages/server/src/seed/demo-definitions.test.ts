import { validateServiceDefinition } from '@open-ers/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Service } from '../modules/directory/index.js';
import { definitionOfService } from '../modules/directory/service-definitions.service.js';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { seedDemoData } from './demo-seed.js';

const TODAY = '2026-11-21';
const NOW = new Date('2026-11-21T10:00:00Z');

describe('the demo directory as a service definer sees it', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoData(db.orm.em.fork(), { today: TODAY, now: NOW });
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
  });

  // Regression: the generator made triage and advice services directly bookable, which the
  // definer's rules refuse, so amending any of them failed on a field the definer never touched.
  it('holds only definitions the definer’s rules accept, so any of them can be amended as it is', async () => {
    const services = await db.orm.em
      .fork()
      .find(Service, {}, { populate: ['specialty', 'clinicType'] });
    expect(services.length).toBeGreaterThan(100);
    const refused = services
      .map((service) => ({
        name: service.name,
        errors: validateServiceDefinition(definitionOfService(service), { today: TODAY }).filter(
          // A retired demo service is in the past on purpose; only its dates may be "wrong".
          (e) => e.field !== 'effectiveTo',
        ),
      }))
      .filter((s) => s.errors.length > 0);
    expect(refused).toEqual([]);
  });
});
