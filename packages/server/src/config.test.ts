import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config.js';

describe('settings from the environment', () => {
  it('keeps the booking application check on unless BOOKING_APPLICATION_CHECK switches it off', () => {
    expect(configFromEnv({}).bookingApplicationCheck).toBe(true);
    expect(configFromEnv({ BOOKING_APPLICATION_CHECK: '1' }).bookingApplicationCheck).toBe(true);
    expect(configFromEnv({ BOOKING_APPLICATION_CHECK: '0' }).bookingApplicationCheck).toBe(false);
    expect(configFromEnv({ BOOKING_APPLICATION_CHECK: 'off' }).bookingApplicationCheck).toBe(false);
    expect(() => configFromEnv({ BOOKING_APPLICATION_CHECK: 'of' })).toThrow(
      'BOOKING_APPLICATION_CHECK must be 1 or 0',
    );
  });

  it('prefixes Redis keys with open-ers unless REDIS_KEY_PREFIX names another deployment', () => {
    expect(configFromEnv({}).redisKeyPrefix).toBe('open-ers');
    expect(configFromEnv({ REDIS_KEY_PREFIX: ' run-42 ' }).redisKeyPrefix).toBe('run-42');
  });

  it('serves metrics only when METRICS_PORT is set, on loopback unless METRICS_HOST says otherwise', () => {
    expect(configFromEnv({}).metrics).toBeNull();
    expect(configFromEnv({ METRICS_PORT: '9464' }).metrics).toEqual({
      port: 9464,
      host: '127.0.0.1',
    });
    expect(configFromEnv({ METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' }).metrics).toEqual({
      port: 9464,
      host: '10.0.0.5',
    });
    expect(() => configFromEnv({ METRICS_PORT: 'ninety' })).toThrow('METRICS_PORT must be a port');
    expect(() => configFromEnv({ PORT: '4000', METRICS_PORT: '4000' })).toThrow(
      'not served on the public port',
    );
  });
});
