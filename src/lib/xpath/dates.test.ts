import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NOW, at, household } from './fixtures.test-helpers.js';
import { civilFromDays, dateStringToDays, daysFromCivil, evaluateNumber, evaluateString, isThaiLanguage, type EvaluationContext } from './index.js';

const root = household();
const bkk = at(root); // UTC+7, clock at 2024-03-05 10:30 local
const utc: EvaluationContext = { ...bkk, timeZoneOffset: 0 };
const str = (expr: string, ctx: EvaluationContext = bkk): string => evaluateString(expr, ctx);
const num = (expr: string, ctx: EvaluationContext = bkk): number => evaluateNumber(expr, ctx);

describe('calendar arithmetic', () => {
  it('counts days since 1970-01-01 both ways, leap years included', () => {
    assert.equal(daysFromCivil(1970, 1, 1), 0);
    assert.equal(daysFromCivil(2000, 3, 1), 11017);
    assert.equal(daysFromCivil(2024, 3, 5), 19787);
    assert.equal(daysFromCivil(1969, 12, 31), -1);
    for (const d of [-800000, -1, 0, 59, 11016, 19787, 2932896]) {
      const p = civilFromDays(d);
      assert.equal(daysFromCivil(p.year, p.month, p.day), d);
    }
    assert.deepEqual(civilFromDays(19782), { year: 2024, month: 2, day: 29 });
  });

  it('reads date and dateTime strings as days, anything else as NaN', () => {
    assert.equal(dateStringToDays('2024-03-05', () => 420), 19787);
    assert.equal(dateStringToDays('1970-01-02T12:00:00Z', () => 420), 1.5);
    assert.equal(dateStringToDays('1970-01-01T07:00:00.000+07:00', () => 0), 0);
    assert.equal(dateStringToDays('1970-01-01T07:00', () => 420), 0, 'no offset: local time');
    assert.ok(Number.isNaN(dateStringToDays('2023-02-29', () => 0)), 'no such day');
    assert.ok(Number.isNaN(dateStringToDays('05/03/2024', () => 0)));
  });
});

describe('dates in expressions', () => {
  it('today() is the local date and now() the local dateTime with its offset', () => {
    assert.equal(str('today()'), '2024-03-05');
    assert.equal(str('now()'), '2024-03-05T10:30:00.000+07:00');
    const lateUtc = { ...bkk, now: () => new Date(Date.UTC(2024, 2, 4, 20, 0, 0)) };
    assert.equal(str('today()', lateUtc), '2024-03-05', '03:00 in Bangkok is already the 5th');
    assert.equal(str('today()', { ...lateUtc, timeZoneOffset: 0 }), '2024-03-04');
    assert.equal(str('now()', utc), '2024-03-05T03:30:00.000+00:00');
  });

  it('subtracts dates to whole days: today() - ${dob}', () => {
    assert.equal(num("today() - '2024-01-01'"), 64);
    assert.equal(num('today() - /household/visit_date'), 4);
    assert.equal(num('int((today() - /household/members[1]/dob) div 365.25)'), 42);
    assert.equal(num('int((today() - /household/members[2]/dob) div 365.25)'), 9);
    assert.ok(Number.isNaN(num('today() - /household/members[3]/dob')), 'an empty date is NaN');
  });

  it('adds days to a date and turns the day number back into a date with date()', () => {
    assert.equal(str('date(/household/visit_date + 30)'), '2024-03-31');
    assert.equal(str('date(0)'), '1970-01-01');
    assert.equal(str('date(-1)'), '1969-12-31');
    assert.equal(str("date('2024-03-05T23:59:00+07:00')"), '2024-03-05');
    assert.equal(str("date('not a date')"), '');
    assert.equal(str("date('')"), '');
  });

  it('decimal-date-time() gives fractional days since 1970-01-01T00:00Z, and date() is its inverse', () => {
    assert.equal(num("decimal-date-time('1970-01-02T12:00:00.000Z')"), 1.5);
    assert.equal(num("decimal-date-time('1970-01-01T07:00:00+07:00')"), 0);
    assert.equal(num("decimal-date-time('2024-03-05')", utc), 19787);
    assert.equal(num("decimal-date-time('2024-03-05')"), 19787 - 7 / 24, 'a date counts from its local midnight');
    assert.equal(str("date(decimal-date-time('2024-03-05'))"), '2024-03-05');
    assert.equal(str("date(decimal-date-time('2024-03-05T01:00:00+07:00'))"), '2024-03-05');
    assert.equal(str("date(decimal-date-time('2024-03-05'))", { ...bkk, timeZoneOffset: -300 }), '2024-03-05');
  });

  it('decimal-time() gives the fraction of the local day: noon 0.5, 6 pm 0.75 (spec examples)', () => {
    assert.equal(num("decimal-time('12:00:00.000+07:00')"), 0.5);
    assert.equal(num("decimal-time('18:00')"), 0.75);
    assert.equal(num("decimal-time('05:00:00Z')"), 0.5, '05:00 UTC is noon in Bangkok');
    assert.equal(num("decimal-time('2024-03-05T06:00:00+07:00')"), 0.25);
    assert.ok(Number.isNaN(num("decimal-time('noon')")));
  });

  it('date-time() turns days or a date into a local dateTime', () => {
    assert.equal(str('date-time(0.5)'), '1970-01-01T19:00:00.000+07:00');
    assert.equal(str("date-time('2024-03-05')"), '2024-03-05T00:00:00.000+07:00');
    assert.equal(str("date-time('2024-03-05T01:02:03Z')"), '2024-03-05T08:02:03.000+07:00');
  });

  it('compares dates with < and > as days', () => {
    const ctx = at(root, '/household/visit_date', { now: () => NOW });
    assert.equal(evaluateString('. <= today() and . > today() - 30', ctx), 'true');
    assert.equal(evaluateString("/household/members[1]/dob < '1990-01-01'", ctx), 'true');
  });
});

describe('format-date and format-date-time', () => {
  it('formats with %Y %y %m %n %d %e %b %a in English (spec identifiers)', () => {
    assert.equal(str("format-date('2024-03-05', '%Y-%m-%d')"), '2024-03-05');
    assert.equal(str("format-date('2024-03-05', '%e/%n/%y')"), '5/3/24');
    assert.equal(str("format-date('2024-03-05', '%a, %e %b %Y')"), 'Tue, 5 Mar 2024');
    assert.equal(str("format-date(/household/visit_date, '%d %b')"), '01 Mar');
  });

  it('uses Thai month and day names when the form language is Thai, years staying Common Era', () => {
    const th = { ...bkk, language: 'th' };
    assert.equal(str("format-date('2024-03-05', '%a %e %b %Y')", th), 'อ. 5 มี.ค. 2024');
    assert.equal(str("format-date('2024-12-31', '%e %b %y')", { ...bkk, language: 'Thai (th)' }), '31 ธ.ค. 24');
    assert.equal(str("format-date('2024-01-07', '%a %b')", th), 'อา. ม.ค.');
    assert.equal(str("format-date('2024-01-07', '%a %b')", { ...bkk, language: 'English (en)' }), 'Sun Jan');
  });

  it('formats day numbers and dateTimes, and gives empty text for what is not a date', () => {
    assert.equal(str("format-date(today() + 1, '%Y-%m-%d')"), '2024-03-06');
    assert.equal(str("format-date('2024-03-05T23:30:00Z', '%Y-%m-%d')"), '2024-03-06', 'in local time');
    assert.equal(str("format-date('', '%Y')"), '');
    assert.equal(str("format-date('soon', '%Y')"), '');
  });

  it('formats times with %H %h %M %S %3 in local time', () => {
    assert.equal(str("format-date-time('2024-03-05T10:30:05.120+07:00', '%Y-%m-%d %H:%M:%S.%3')"), '2024-03-05 10:30:05.120');
    assert.equal(str("format-date-time('2024-03-05T01:05:00Z', '%h:%M')"), '8:05');
    assert.equal(str("format-date-time(now(), '%H:%M %e %b')", { ...bkk, language: 'th' }), '10:30 5 มี.ค.');
    assert.equal(str("format-date-time('2024-03-05', '%H:%M')"), '00:00');
  });

  it('recognises Thai form languages by code or name', () => {
    for (const l of ['th', 'th-TH', 'Thai (th)', 'thai', 'ไทย']) assert.equal(isThaiLanguage(l), true, l);
    for (const l of [undefined, 'en', 'English (en)', 'default', 'the']) assert.equal(isThaiLanguage(l), false, String(l));
  });
});
