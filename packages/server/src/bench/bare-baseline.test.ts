import { describe, expect, it } from 'vitest';
import { replayable } from './bare-baseline.js';

describe('replaying captured SQL', () => {
  it('puts each statement on one line, so pgbench reads it as one command', () => {
    expect(replayable('select 1\n  from slot\n where id = 2')).toBe(
      'select 1 from slot where id = 2',
    );
  });

  it('gives audit rows fresh ids each time, as the server does, and leaves other statements alone', () => {
    const id = '3f2a8c1e-0b7d-4e5f-9a6b-1c2d3e4f5a6b';
    expect(
      replayable(`insert into "audit_event" ("id", "user_id") values ('${id}', '${id}')`),
    ).toBe(
      'insert into "audit_event" ("id", "user_id") values (gen_random_uuid(), gen_random_uuid())',
    );
    expect(replayable(`select * from "slot" where "service_id" = '${id}'`)).toContain(`'${id}'`);
  });
});
