import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XPathSyntaxError, compile, parse, validate, type Ast } from './index.js';

function syntaxError(expr: string): XPathSyntaxError {
  try {
    compile(expr);
  } catch (e) {
    if (e instanceof XPathSyntaxError) return e;
    throw e;
  }
  assert.fail(`expected a syntax error for ${expr}`);
}

/** Compact rendering of a tree, to compare shapes. */
function show(ast: Ast): string {
  switch (ast.type) {
    case 'number':
      return String(ast.value);
    case 'string':
      return JSON.stringify(ast.value);
    case 'negate':
      return `(- ${show(ast.operand)})`;
    case 'binary':
      return `(${ast.op} ${show(ast.left)} ${show(ast.right)})`;
    case 'call':
      return `${ast.name}(${ast.args.map(show).join(', ')})`;
    case 'filter':
      return `${show(ast.primary)}${ast.predicates.map((p) => `[${show(p)}]`).join('')}`;
    case 'path': {
      const start = ast.start === 'root' ? '/' : ast.start === 'context' ? '' : show(ast.start) + '/';
      const steps = ast.steps.map((s) => {
        const test = s.test.kind === 'name' ? s.test.name : s.test.kind === 'any' ? '*' : 'node()';
        return `${s.axis}::${test}${s.predicates.map((p) => `[${show(p)}]`).join('')}`;
      });
      return `{${start}${steps.join('/')}}`;
    }
  }
}

describe('parse', () => {
  it('parses absolute paths as pyxform writes them, spaces included', () => {
    assert.equal(show(parse(' /household/members/age ')), '{/child::household/child::members/child::age}');
  });

  it('parses relative paths with . and ..', () => {
    assert.equal(show(parse('../age')), '{parent::node()/child::age}');
    assert.equal(show(parse('.')), '{self::node()}');
    assert.equal(show(parse('./x')), '{self::node()/child::x}');
    assert.equal(show(parse('/')), '{/}');
  });

  it('parses current()/.. paths and instance() paths with predicates', () => {
    assert.equal(show(parse('current()/../x')), '{current()/parent::node()/child::x}');
    assert.equal(
      show(parse("instance('villages')/root/item[district = current()/../district]")),
      '{instance("villages")/child::root/child::item[(= {child::district} {current()/parent::node()/child::district})]}',
    );
  });

  it('gives operators XPath precedence: or < and < equality < relational < additive < multiplicative < unary < union', () => {
    assert.equal(show(parse('1 + 2 * 3')), '(+ 1 (* 2 3))');
    assert.equal(show(parse('a or b and c')), '(or {child::a} (and {child::b} {child::c}))');
    assert.equal(show(parse('1 < 2 = 3 > 4')), '(= (< 1 2) (> 3 4))');
    assert.equal(show(parse('- 1 - -2')), '(- (- 1) (- 2))');
    assert.equal(show(parse('8 div 2 mod 3')), '(mod (div 8 2) 3)');
    assert.equal(show(parse('-a | b')), '(- (| {child::a} {child::b}))');
  });

  it('reads * and and/or/div/mod as operators only after an operand (XPath 3.7)', () => {
    assert.equal(show(parse('* * *')), '(* {child::*} {child::*})');
    assert.equal(show(parse('div div div')), '(div {child::div} {child::div})');
    assert.equal(show(parse('/data/and and /data/or')), '(and {/child::data/child::and} {/child::data/child::or})');
    assert.equal(show(parse('. * 2')), '(* {self::node()} 2)');
  });

  it('parses namespaced function names and element names with dashes, dots and Thai letters', () => {
    assert.equal(show(parse("jr:choice-name(/d/x, ' /d/x ')")), 'jr:choice-name({/child::d/child::x}, " /d/x ")');
    assert.equal(show(parse('/d/first-name.v2')), '{/child::d/child::first-name.v2}');
    assert.equal(show(parse('/แบบสอบถาม/อายุ')), '{/child::แบบสอบถาม/child::อายุ}');
  });

  it('parses string literals in both quote styles and numbers with or without a leading digit', () => {
    assert.equal(show(parse(`concat("it's", 'say "hi"')`)), `concat("it's", "say \\"hi\\"")`);
    assert.equal(show(parse('.5 + 1. + 2.25')), '(+ (+ 0.5 1) 2.25)');
  });

  it('parses predicates, filter expressions, explicit axes, attributes and //', () => {
    assert.equal(show(parse('/d/rep[2]/x')), '{/child::d/child::rep[2]/child::x}');
    assert.equal(show(parse('(/d/a | /d/b)[1]')), '(| {/child::d/child::a} {/child::d/child::b})[1]');
    assert.equal(show(parse('ancestor::rep/@id')), '{ancestor::rep/attribute::id}');
    assert.equal(show(parse('//x')), '{/descendant-or-self::node()/child::x}');
    assert.equal(show(parse('/d//x')), '{/child::d/descendant-or-self::node()/child::x}');
  });
});

describe('syntax errors', () => {
  it('reports an unexpected token with its 0-based position in English and Thai', () => {
    const e = syntaxError('if(/d/a > 1, 2))');
    assert.equal(e.position, 15);
    assert.equal(e.message, "Unexpected ')' at position 15");
    assert.equal(e.messageTh, "พบ ')' ที่ไม่คาดคิด ที่ตำแหน่ง 15");
    assert.equal(e.expression, 'if(/d/a > 1, 2))');
    assert.equal(e.name, 'XPathSyntaxError');
  });

  it('names a leftover ${name} and where it is', () => {
    const e = syntaxError("/d/a > 1 and ${school} = 'no'");
    assert.equal(e.position, 13);
    assert.match(e.message, /Unresolved reference \$\{school\} at position 13/);
    assert.match(e.messageTh, /\$\{school\}/);
  });

  it('reports an unterminated string at its opening quote', () => {
    const e = syntaxError("concat('abc, /d/x)");
    assert.equal(e.position, 7);
    assert.match(e.message, /Unterminated string/);
  });

  it('reports a missing closing parenthesis at the end, with where it was opened', () => {
    const e = syntaxError('count(/d/rep');
    assert.equal(e.position, 12);
    assert.equal(e.message, "Missing ')' at position 12 (opened at position 5)");
  });

  it('reports an expression that ends after an operator', () => {
    const e = syntaxError('/d/a +');
    assert.equal(e.position, 6);
    assert.match(e.message, /Unexpected end of expression/);
    assert.match(e.messageTh, /นิพจน์จบก่อนที่ควร/);
  });

  it('reports an unexpected character, an empty expression and an empty predicate', () => {
    assert.equal(syntaxError('/d/a # 2').position, 5);
    assert.equal(syntaxError('   ').message, 'Empty expression');
    assert.equal(syntaxError('/d/a[]').position, 5);
  });

  it('rejects unknown functions and wrong argument counts when compiling', () => {
    const unknown = syntaxError('1 + lower(/d/a)');
    assert.equal(unknown.position, 4);
    assert.equal(unknown.message, 'Unknown function lower() at position 4');
    assert.match(unknown.messageTh, /ไม่รู้จักฟังก์ชัน lower\(\)/);
    const arity = syntaxError("selected(/d/a)");
    assert.match(arity.message, /selected\(\) takes 2 arguments, got 1/);
  });

  it('rejects $variables and unsupported axes with a clear message', () => {
    assert.match(syntaxError('$x + 1').message, /Variables/);
    assert.match(syntaxError('following::x').message, /following:: axis is not supported/);
    assert.match(syntaxError('/d/text()').message, /text\(\) node tests are not supported/);
  });

  it('validate() returns null for a good expression and the error for a bad one', () => {
    assert.equal(validate("selected(/d/a, 'x')"), null);
    assert.equal(validate('1 + + 2')?.position, 4);
  });
});
