import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatDay, toLang } from './dates.js';

// 2026-11-23 14:47 in Bangkok (UTC+7)
const instant = '2026-11-23T07:47:00.000Z';

describe('formatDate', () => {
  it('shows Thai dates in the Buddhist Era with Thai month abbreviations', () => {
    assert.equal(formatDate(instant, 'th'), '23 พ.ย. 2569 14:47');
  });

  it('shows English dates in the Gregorian calendar', () => {
    assert.equal(formatDate(instant, 'en'), '23 Nov 2026, 14:47');
  });

  it('uses Bangkok time by default and honours another time zone when asked', () => {
    assert.equal(formatDate('2026-12-31T17:30:00Z', 'th'), '1 ม.ค. 2570 00:30');
    assert.equal(formatDate('2026-12-31T17:30:00Z', 'en', { timeZone: 'UTC' }), '31 Dec 2026, 17:30');
  });

  it('accepts Date objects and epoch milliseconds', () => {
    const d = new Date(instant);
    assert.equal(formatDate(d, 'th'), '23 พ.ย. 2569 14:47');
    assert.equal(formatDate(d.getTime(), 'en'), '23 Nov 2026, 14:47');
  });

  it('leaves out the time of day for formatDay', () => {
    assert.equal(formatDay(instant, 'th'), '23 พ.ย. 2569');
    assert.equal(formatDay(instant, 'en'), '23 Nov 2026');
  });

  it('returns an empty string for missing values and the raw text for non-dates', () => {
    assert.equal(formatDate(null, 'th'), '');
    assert.equal(formatDate(undefined, 'en'), '');
    assert.equal(formatDate('not a date', 'th'), 'not a date');
  });
});

describe('toLang', () => {
  it('maps language tags to th or en, Thai by default', () => {
    assert.equal(toLang('en-US'), 'en');
    assert.equal(toLang('th'), 'th');
    assert.equal(toLang(undefined), 'th');
    assert.equal(toLang('fr'), 'th');
  });
});
