/** Textual path helpers (schema paths like `/household/members/age`, no positions). */

/**
 * Resolves a simple relative path (`../x`, `./y`, `z`, `current()/../x`)
 * against an absolute base path; absolute paths are only normalised.
 * `//` and `*` steps are kept as written.
 */
export function resolvePathText(base: string, path: string): string {
  let p = path.trim();
  if (p.startsWith('current()')) p = p.slice('current()'.length).replace(/^\/?/, '');
  const absolute = p.startsWith('/');
  const out: string[] = absolute ? [] : base.split('/').filter((s) => s !== '');
  const parts = p.split('/');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (part === '' || part === '.') {
      // '//' (an empty step not at the start) is kept as a descendant marker
      if (part === '' && i > 0 && i < parts.length - 1 && out[out.length - 1] !== '') out.push('');
      continue;
    }
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** True when `path` is `ancestor` or lies below it. */
export function isSameOrBelow(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(ancestor.endsWith('/') ? ancestor : ancestor + '/');
}

function patternToRegExp(pattern: string): RegExp {
  let re = '';
  const steps = pattern.split('/');
  for (let i = 1; i < steps.length; i++) {
    const s = steps[i] ?? '';
    if (s === '') re += '(?:/[^/]+)*';
    else if (s === '*') re += '/[^/]+';
    else re += '/' + s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

const PATTERNS = new Map<string, RegExp>();

/** Does a reference (possibly with `*` or `//` steps) select the node at `path`? */
export function pathMatches(reference: string, path: string): boolean {
  if (!reference.includes('*') && !reference.includes('//')) return reference === path;
  let re = PATTERNS.get(reference);
  if (!re) {
    re = patternToRegExp(reference);
    PATTERNS.set(reference, re);
  }
  return re.test(path);
}

/**
 * Does an expression that reads `reference` need re-evaluating when the node
 * at `changed` changes? True when one contains the other: a group's value
 * (and count()/position() over it) depends on what is inside it, and a leaf
 * changes when its group is replaced.
 */
export function referenceAffected(reference: string, changed: string): boolean {
  if (pathMatches(reference, changed)) return true;
  if (!reference.includes('*') && !reference.includes('//')) return isSameOrBelow(changed, reference) || isSameOrBelow(reference, changed);
  // A pattern (`*`, `//`): conservatively, anything above or below its literal prefix.
  const steps = reference.split('/');
  const literal: string[] = [];
  for (let i = 1; i < steps.length; i++) {
    const s = steps[i] ?? '';
    if (s === '' || s === '*') break;
    literal.push(s);
  }
  const prefix = '/' + literal.join('/');
  return prefix === '/' || isSameOrBelow(changed, prefix) || isSameOrBelow(prefix, changed);
}
