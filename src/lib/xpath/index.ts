/**
 * The forms' expression engine: XPath 1.0 as ODK XForms uses it, over a
 * small instance tree. Pure TypeScript (no I/O, no Node- or browser-only
 * API): the server validates submissions and derives values with it, the
 * web app runs live form logic with it.
 *
 *   const rel = compile("/hh/age >= 6 and /hh/age <= 17 and selected(/hh/school, 'no')");
 *   rel.evaluateBoolean({ contextNode: node, timeZoneOffset: 420, language: 'th' });
 */

// ---- instance tree
export {
  /** Creates a node (children are re-parented to it). */
  createNode,
  /** A group node with children: `group('hh', leaf('age', 7))`. */
  group,
  /** A leaf node with a value. */
  leaf,
  /** Appends a child (at an index if given), detaching it from its old parent. */
  appendChild,
  /** Inserts a node right after a sibling (new repeat instances). */
  insertAfter,
  /** Detaches a node from its parent. */
  removeNode,
  /** Deep copy of a subtree. */
  cloneNode,
  /** First child with a name. */
  childNamed,
  /** All children with a name. */
  childrenNamed,
  /** Topmost ancestor of a node. */
  rootOf,
  /** Every node of a subtree, parents first. */
  walkNodes,
  /** XPath string-value of a node. */
  stringValue,
  /** 1-based position among same-named siblings (what `position(..)` gives for a repeat instance). */
  positionAmongSiblings,
  /** Schema path of a node: `/hh/members/age`. */
  pathOf,
  /** Path with repeat positions: `/hh/members[2]/age`. */
  indexedPathOf,
  /** First node a simple path (`/a/b[2]/c`, `../x`) selects, or null. */
  resolvePath,
  /** Every node a simple path selects. */
  resolveAll,
  /** Plain-object view of a subtree (repeats as arrays, attributes as `@name`). */
  toPlainObject,
  /** Tree from a plain object (inverse of toPlainObject). */
  fromPlainObject,
  /** Secondary instance `root/item/*` from rows (CSV attachments, choice lists). */
  instanceFromRows,
  /** Secondary instance for a form choice list (name, label in a language, extra columns). */
  instanceFromChoices,
  /** Label text in a language given as column key ('Thai (th)') or code ('th'), with fallbacks. */
  pickLabel,
  /** An element of an instance. */
  type InstanceNode,
  /** Plain-object view value. */
  type PlainValue,
  /** Plain-object view object. */
  type PlainObject,
  /** The part of a form-model choice instanceFromChoices reads. */
  type ChoiceLike,
} from './instance.js';

// ---- syntax
export {
  /** Parses an expression to a syntax tree; throws XPathSyntaxError. */
  parse,
} from './parser.js';
export type {
  /** A syntax tree node. */
  Ast,
  /** Operators of binary expressions. */
  BinaryOp,
  /** Location path axes. */
  Axis,
  /** Node tests of location steps. */
  NodeTest,
  /** A location step. */
  Step,
  /** Number literal node. */
  NumberLiteral,
  /** String literal node. */
  StringLiteral,
  /** Binary operator node. */
  BinaryExpr,
  /** Unary minus node. */
  NegateExpr,
  /** Function call node. */
  FunctionCall,
  /** Filter expression node (`(…)[…]`). */
  FilterExpr,
  /** Location path node. */
  PathExpr,
} from './ast.js';
export {
  /** Bad syntax, unknown function or wrong argument count: position, expression, message, messageTh. */
  XPathSyntaxError,
  /** Failure while evaluating (unknown instance, invalid regex, non-node-set where one is needed). */
  XPathEvaluationError,
} from './errors.js';

// ---- evaluation
export {
  /** Parses and compiles an expression into a reusable object (cached by text). */
  compile,
  /** Checks an expression (syntax, functions, argument counts): null or the XPathSyntaxError. */
  validate,
  /** Evaluates to the raw XPath value. */
  evaluate,
  /** Evaluates to boolean() of the value (relevant, required, constraint, readonly). */
  evaluateBoolean,
  /** Evaluates to string() of the value (calculate). */
  evaluateString,
  /** Evaluates to number() of the value (repeat_count). */
  evaluateNumber,
  /** Evaluates to a node-set (itemsets, nodesets); throws if the value is not one. */
  evaluateNodes,
  /** A compiled expression. */
  type CompiledExpression,
  /** Options of compile(): extra functions. */
  type CompileOptions,
  /** A caller-supplied function. */
  type CustomFunction,
} from './evaluate.js';
export type {
  /** What an expression is evaluated against: context node, instances, clock, language, time zone, callbacks. */
  EvaluationContext,
} from './runtime.js';
export {
  /** XPath string() of a value. */
  toXPathString,
  /** XPath number() of a value, with ODK's date → days extension. */
  toXPathNumber,
  /** XPath boolean() of a value. */
  toXPathBoolean,
  /** XPath number formatting: 3 not 3.0, NaN, Infinity, no exponents. */
  formatNumber,
  /** Compares two values with XPath 1.0 rules (existential over node-sets). */
  compareValues,
  /** True for a node-set value. */
  isNodeSet,
  /** A value: string, number, boolean or node-set. */
  type XPathValue,
  /** Comparison operators. */
  type ComparisonOp,
} from './values.js';
export {
  /** Days since 1970-01-01 of a calendar date. */
  daysFromCivil,
  /** Calendar date of a day number. */
  civilFromDays,
  /** 'YYYY-MM-DD' of a day number. */
  daysToDateString,
  /** Days (fractional for dateTimes) of an ODK date/dateTime string, NaN otherwise. */
  dateStringToDays,
  /** format-date patterns (%Y %m %d %e %b %a %H %M …), Thai names when asked. */
  formatWithPattern,
  /** Whether a form language ('th', 'Thai (th)') is Thai. */
  isThaiLanguage,
} from './dates.js';
export {
  /** Names of the built-in functions, for editors and form checks. */
  BUILTIN_FUNCTION_NAMES,
} from './names.js';

// ---- form model glue
export {
  /** The jr:choice-name callback (path of a select → its choice labels) for a form and language. */
  choiceLabelsFor,
  /** One secondary instance per choice list of a form, for itemsets and choice filters. */
  choiceInstancesFor,
} from './form.js';

// ---- dependencies
export {
  /** Paths, instances and functions an expression uses. */
  analyze,
  /** Primary-instance paths an expression reads, resolved against a context path. */
  references,
  /** Dependency graph of `{ path → expression(s) }`: order, cycles, affectedBy(changed). */
  buildDependencyGraph,
  /** Every cycle among calculations, each as [a, b, …, a]. */
  findCycles,
  /** The first cycle among calculations, or null. */
  findCycle,
  /** What analyze() returns. */
  type ExpressionInfo,
  /** What buildDependencyGraph() returns. */
  type DependencyGraph,
} from './references.js';
export {
  /** Resolves a relative path text (`../x`, `current()/../x`) against an absolute path. */
  resolvePathText,
  /** Whether a reference (with `*`/`//`) selects a path. */
  pathMatches,
  /** Whether an expression reading `reference` must be recomputed when `changed` changes. */
  referenceAffected,
} from './paths.js';
