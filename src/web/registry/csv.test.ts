import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { guessMapping, guessProperty, parseCsv, parseCsvLines } from './csv.js';
import { maskId } from './labels.js';
import { ancestorCodes, errorPlace, niceMax } from '../targeting/util.js';

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, CR LF, a BOM and a missing last newline', () => {
    const text = '\uFEFFชื่อ,ที่อยู่\r\n"สมชาย","12/3 ซอย ""สุข"", หาดใหญ่"\r\nสมศรี,\n';
    assert.deepEqual(parseCsv(text), [
      ['ชื่อ', 'ที่อยู่'],
      ['สมชาย', '12/3 ซอย "สุข", หาดใหญ่'],
      ['สมศรี', ''],
    ]);
    assert.deepEqual(parseCsv('a,b\n1,2'), [
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('stops after the records asked for and skips blank lines', () => {
    assert.deepEqual(parseCsv('h\n\n1\n2\n3\n', 2), [['h'], ['1']]);
  });

  it('gives the line each record starts on, past blank lines and line ends inside quotes', () => {
    assert.deepEqual(parseCsvLines('h,x\r\n\r\n"a\nb",1\n2,\r3,4'), {
      records: [['h', 'x'], ['a\nb', '1'], ['2', ''], ['3', '4']],
      lines: [1, 3, 5, 6],
    });
  });
});

describe('guessing the mapping', () => {
  it('knows Thai and English column names, whatever the case and spacing', () => {
    assert.equal(guessProperty('ชื่อ'), 'firstName');
    assert.equal(guessProperty('นามสกุล'), 'lastName');
    assert.equal(guessProperty('เลขประจำตัวประชาชน'), 'idNumber');
    assert.equal(guessProperty('Birth Date'), 'birthDate');
    assert.equal(guessProperty('house_no'), 'houseNo');
    assert.equal(guessProperty('areaCode'), 'areaCode');
    assert.equal(guessProperty('หมายเหตุ'), null);
  });

  it('gives each property to one column only', () => {
    assert.deepEqual(guessMapping(['ชื่อ', 'first name', 'เพศ', 'อื่น ๆ']), ['firstName', '', 'sex', '']);
  });
});

describe('small helpers of the pages', () => {
  it('masks the middle of a national ID', () => {
    assert.equal(maskId('3940274186833'), '3-9402-xxxxx-83-3');
    assert.equal(maskId('AB123456'), 'xxxx3456');
    assert.equal(maskId(null), '');
  });

  it('places a rule error by line and column', () => {
    assert.deepEqual(errorPlace('age >= 60 and foo = 1', 14), { line: 1, column: 15, text: 'age >= 60 and foo = 1' });
    assert.deepEqual(errorPlace('age >= 60\nand foo', 14), { line: 2, column: 5, text: 'and foo' });
  });

  it('names the areas above an area', () => {
    assert.deepEqual(ancestorCodes('TH'), []);
    assert.deepEqual(ancestorCodes('90'), ['TH']);
    assert.deepEqual(ancestorCodes('901101'), ['TH', '90', '9011']);
    assert.deepEqual(ancestorCodes('901101-R01'), ['TH', '90', '9011', '901101']);
  });

  it('rounds the top of a chart up', () => {
    assert.equal(niceMax(0), 5);
    assert.equal(niceMax(241), 250);
    assert.equal(niceMax(1100), 2000);
  });
});
