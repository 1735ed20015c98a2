import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random, Weighted } from './random.js';

describe('Random', () => {
  it('repeats its stream for a seed and differs between seeds', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random('42');
    const xs = Array.from({ length: 50 }, () => a.uint32());
    assert.deepEqual(Array.from({ length: 50 }, () => b.uint32()), xs);
    assert.notDeepEqual(Array.from({ length: 50 }, () => c.uint32()), xs);
  });

  it('is roughly uniform and keeps int() in range', () => {
    const r = new Random(1);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = r.int(0, 9);
      assert.ok(x >= 0 && x <= 9);
      counts[x]!++;
    }
    for (const n of counts) assert.ok(n > 9500 && n < 10500, String(n));
  });

  it('draws normals with the asked mean and spread', () => {
    const r = new Random(2);
    let sum = 0;
    let sq = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const x = r.normal(10, 2);
      sum += x;
      sq += x * x;
    }
    const mean = sum / n;
    const sd = Math.sqrt(sq / n - mean * mean);
    assert.ok(Math.abs(mean - 10) < 0.05 && Math.abs(sd - 2) < 0.05, `${mean} ${sd}`);
  });

  it('weights choices', () => {
    const r = new Random(3);
    const w = new Weighted<string>([['a', 1], ['b', 3], ['never', 0]]);
    let b = 0;
    for (let i = 0; i < 40_000; i++) {
      const x = w.sample(r);
      assert.notEqual(x, 'never');
      if (x === 'b') b++;
    }
    assert.ok(Math.abs(b / 40_000 - 0.75) < 0.01);
  });
});
