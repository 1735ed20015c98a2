import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('uses the documented defaults when nothing is set', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3000);
    assert.match(c.dataDir, /\/data$/);
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.demo, false);
    assert.equal(c.rateLimits, true);
  });

  it('lists every bad value at once, naming each variable', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', RUAMJAI_DEMO: 'maybe', RUAMJAI_ADMIN_EMAIL: 'not-an-email' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        const text = err.problems.join('\n');
        for (const name of ['PORT', 'DATABASE_URL', 'RUAMJAI_DEMO', 'RUAMJAI_ADMIN_EMAIL']) assert.match(text, new RegExp(name));
        assert.equal(err.problems.length, 4);
        return true;
      },
    );
  });

  it('reads RUAMJAI_DEMO=1 and an external DATABASE_URL', () => {
    const c = loadConfig({ RUAMJAI_DEMO: '1', DATABASE_URL: 'postgres://u:p@db:5432/ruamjai', PORT: '8080' });
    assert.equal(c.demo, true);
    assert.equal(c.databaseUrl, 'postgres://u:p@db:5432/ruamjai');
    assert.equal(c.port, 8080);
  });

  it('refuses a short admin password', () => {
    assert.throws(() => loadConfig({ RUAMJAI_ADMIN_PASSWORD: 'short' }), /RUAMJAI_ADMIN_PASSWORD/);
  });
});
