import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { REDIS_HELP, resolveRedis } from '../../src/local/local-services';
import { lingeringTimers } from '../support/lingering-timers';
import { REDIS_URL } from '../support/services';

/** How `npm start` finds Redis. Port 1 stands for "nothing on the usual port". */
describe('resolveRedis', () => {
  const saved = { REDIS_URL: process.env.REDIS_URL, PATH: process.env.PATH };
  afterEach(() => {
    process.env.PATH = saved.PATH;
    if (saved.REDIS_URL === undefined) delete process.env.REDIS_URL;
    else process.env.REDIS_URL = saved.REDIS_URL;
  });

  it('takes REDIS_URL as given', async () => {
    process.env.REDIS_URL = 'redis://cache.internal:6380';
    expect(await resolveRedis()).toEqual({ url: 'redis://cache.internal:6380' });
  });

  it('uses a Redis answering on the usual port', async () => {
    delete process.env.REDIS_URL;
    expect(await resolveRedis(REDIS_URL)).toEqual({ url: REDIS_URL });
  });

  it('starts a redis-server from the PATH when none answers, on a free port', async () => {
    delete process.env.REDIS_URL;
    const found = await resolveRedis('redis://127.0.0.1:1');
    try {
      expect(found?.child).toBeDefined();
      expect(found!.url).not.toBe(REDIS_URL);
      const redis = new Redis(found!.url);
      expect(await redis.ping()).toBe('PONG');
      redis.disconnect();
    } finally {
      found?.child?.kill();
    }
  });

  it('finds nothing without REDIS_URL, a running Redis or a redis-server, and has a message for that', async () => {
    delete process.env.REDIS_URL;
    // A PATH with a shell on it, and no redis-server.
    const bin = mkdtempSync(join(tmpdir(), 'samvirke-path-'));
    symlinkSync('/bin/sh', join(bin, 'sh'));
    process.env.PATH = bin;
    try {
      let found: unknown;
      // The probe of the closed port lets go of its connection within moments (ioredis alone waits 2 s).
      expect(await lingeringTimers(async () => (found = await resolveRedis('redis://127.0.0.1:1')))).toBe(0);
      expect(found).toBeUndefined();
    } finally {
      rmSync(bin, { recursive: true });
    }
    expect(REDIS_HELP).toMatch(/REDIS_URL/);
    expect(REDIS_HELP).toMatch(/apt-get install redis-server/);
  });
});
