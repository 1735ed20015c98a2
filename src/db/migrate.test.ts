import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../testing/db.js';
import { migrate, MigrationError } from './migrate.js';

let db: TestDatabase;
let dir: string;

before(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'ruamjai-mig-'));
});
after(async () => {
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('records every shipped migration in the template database', async () => {
    const rows = await db.sql<{ name: string }[]>`select name from schema_migrations where name like '%.sql' order by name`;
    assert.ok(rows.length >= 5);
    assert.equal(rows[0]!.name, '0001_extensions.sql');
  });

  it('applies new files in order, each once', async () => {
    await writeFile(path.join(dir, '0001_a.sql'), 'create table mig_a (id int primary key);');
    await writeFile(path.join(dir, '0002_b.sql'), 'insert into mig_a values (1);');
    assert.deepEqual(await migrate(db.sql, dir), ['0001_a.sql', '0002_b.sql']);
    assert.deepEqual(await migrate(db.sql, dir), []);
    const [row] = await db.sql`select count(*)::int as n from mig_a`;
    assert.equal(row!.n, 1);
  });

  it('rolls a failing migration back completely and names the file', async () => {
    await writeFile(path.join(dir, '0003_bad.sql'), 'create table mig_c (id int);\ninsert into mig_a values (2);\nselect nonsense from nowhere;');
    await assert.rejects(migrate(db.sql, dir), (err: unknown) => {
      assert.ok(err instanceof MigrationError);
      assert.equal(err.file, '0003_bad.sql');
      assert.match(err.message, /0003_bad\.sql/);
      assert.match(err.message, /nowhere/);
      return true;
    });
    const [tbl] = await db.sql`select to_regclass('mig_c') as t`;
    assert.equal(tbl!.t, null, 'the table created before the error is gone');
    const [row] = await db.sql`select count(*)::int as n from mig_a`;
    assert.equal(row!.n, 1, 'the insert before the error is gone');
    const [rec] = await db.sql`select 1 from schema_migrations where name = '0003_bad.sql'`;
    assert.equal(rec, undefined);
  });

  it('refuses an applied migration that was edited afterwards', async () => {
    await rm(path.join(dir, '0003_bad.sql'));
    await writeFile(path.join(dir, '0001_a.sql'), 'create table mig_a (id bigint primary key);');
    await assert.rejects(migrate(db.sql, dir), /0001_a\.sql.*changed after it was applied/);
  });
});
