/**
 * Resolves ${name} references to instance paths the way pyxform writes them:
 * " /data/group/name " (with the surrounding spaces), or, when the
 * expression's element and the target share a repeat, a relative path
 * " ../name " (" current()/../name " inside a secondary-instance predicate
 * such as a choice_filter).
 */
import type { FormNode, GroupNode } from '../forms/model.js';

const TAG_RE = /\$\{(last-saved#)?(.*?)\}/g;
const INDEXED_REPEAT_RE = /indexed-repeat\([^)]+\)/g;
const FUNCTION_ARGS_RE = /\b[^()]+\((.*)\)$/;
const INSTANCE_RE = /instance\([^)]+.+/;
const BRACKET_RE = /\[([^\]]+)\]/g;
const LAST_SAVED = '__last-saved';

export interface Resolution {
  text: string;
  /** Referenced names with no field. */
  missing: string[];
  /** Referenced names used by several fields. */
  ambiguous: string[];
}

interface Match {
  start: number;
  end: number;
  lastSaved: boolean;
  name: string;
}

export class Resolver {
  private readonly xpaths = new Map<string, string | null>();
  private readonly repeats = new Set<string>();

  constructor(root: GroupNode) {
    const visit = (node: FormNode): void => {
      if (node !== root) {
        this.xpaths.set(node.name, this.xpaths.has(node.name) ? null : node.path);
        if (node.kind === 'repeat') this.repeats.add(node.path);
      }
      if (node.kind !== 'question') node.children.forEach(visit);
    };
    visit(root);
  }

  /** Path of a named field, or undefined when absent or ambiguous. */
  pathOf(name: string): string | undefined {
    return this.xpaths.get(name) ?? undefined;
  }

  private parentRepeat(xpath: string): string | false {
    const parent = xpath.split('/').slice(0, -1).join('/');
    if (!parent) return false;
    if (this.repeats.has(parent)) return parent;
    return this.parentRepeat(parent);
  }

  private stepsAndTarget(xpath: string, contextXpath: string, contextParent: string, xpathParent: string, includeParent: boolean): [number, string] {
    let parts: string[] = [];
    let steps = 1;
    let remainder: string;
    let contextParts: string[];
    let xpathParts: string[];
    if (!includeParent) {
      remainder = xpath.slice(xpathParent.length);
      contextParts = contextXpath.slice(xpathParent.length + 1).split('/');
      xpathParts = xpath.slice(xpathParent.length + 1).split('/');
    } else {
      const splitIdx = xpathParent.split('/').length;
      contextParts = contextXpath.split('/').slice(splitIdx - 1);
      xpathParts = xpath.split('/').slice(splitIdx - 1);
      remainder = xpathParts.join('/');
    }
    const fromContextParent = xpath.slice(contextParent.length + 1).split('/');
    const pyTail = <T>(arr: T[], from: number): T[] => arr.slice(from < 0 ? Math.max(arr.length + from, 0) : from);
    for (let index = 0; index < contextParts.length - 1; index++) {
      const item = contextParts[index];
      if (index >= fromContextParent.length) {
        steps = pyTail(contextParts, index - 1).length;
        parts = pyTail(xpathParts, index - 1);
        break;
      }
      if (fromContextParent[index] !== item) {
        steps = contextParts.slice(index).length;
        parts = xpathParts.slice(index);
        break;
      }
      parts = remainder.split('/').slice(index + 2);
    }
    return [steps, parts.length > 0 ? '/' + parts.join('/') : remainder];
  }

  private shareSameRepeatParent(xpath: string, contextXpath: string, referenceParent: boolean): [number, string] | null {
    let contextParent = this.parentRepeat(contextXpath);
    const xpathParent = this.parentRepeat(xpath);
    if (contextParent && xpathParent && contextParent.includes(xpathParent)) {
      if ((contextParent !== xpathParent && referenceParent) || this.parentRepeat(contextParent)) {
        const shared = this.parentRepeat(contextParent);
        if (shared === xpathParent) contextParent = shared;
        else if (contextParent === xpathParent && shared) referenceParent = false;
      }
      return this.stepsAndTarget(xpath, contextXpath, contextParent, xpathParent, referenceParent);
    }
    if (contextParent && xpathParent) {
      const contextShared = this.parentRepeat(contextParent);
      const xpathShared = this.parentRepeat(xpathParent);
      if (xpathShared && contextShared && xpathShared === contextShared) {
        return this.stepsAndTarget(xpath, contextXpath, contextShared, xpathShared, false);
      }
    }
    return null;
  }

  private relativePath(name: string, xpath: string, contextXpath: string, useCurrent: boolean): string | null {
    const c = contextXpath.split('/');
    if (c.length > 2 && xpath.split('/')[2] === c[2]) {
      const shared = this.shareSameRepeatParent(xpath, contextXpath, false);
      if (shared && shared[0]) {
        const [steps, refPath0] = shared;
        const refPath = refPath0.endsWith(name) ? refPath0 : `/${name}`;
        const prefix = useCurrent ? ' current()/' : ' ';
        return prefix + Array.from({ length: steps }, () => '..').join('/') + refPath + ' ';
      }
    }
    return null;
  }

  private isRelative(m: Match, text: string, context: string | null): boolean {
    if (m.lastSaved || context === null) return false;
    if (!text.includes('indexed-repeat(')) return true;
    const repeats = [...text.matchAll(INDEXED_REPEAT_RE)];
    let i = 0;
    while (i < repeats.length) {
      const ir = repeats[i]!;
      const irStart = ir.index;
      const irEnd = irStart + ir[0].length;
      if (m.end > irEnd) {
        if (i + 1 >= repeats.length) return true;
        i += 2;
        continue;
      }
      if (m.end < irStart || m.start > irEnd) return true;
      const args = (FUNCTION_ARGS_RE.exec(ir[0])?.[1] ?? '').split(',');
      let nameIndex: number | null = null;
      args.forEach((arg, idx) => {
        if (arg.trim().includes(`\${${m.name}}`)) nameIndex = idx;
      });
      return nameIndex !== null && ![0, 1, 3, 5].includes(nameIndex);
    }
    return false;
  }

  private inInstancePredicate(m: Match, text: string): boolean {
    if (!INSTANCE_RE.test(text)) return false;
    for (const b of text.matchAll(BRACKET_RE)) {
      if (m.start >= b.index && m.end <= b.index + b[0].length) return true;
    }
    return false;
  }

  private replaceOne(m: Match, text: string, context: string | null, useCurrent: boolean, out: Resolution): string {
    const xpath = this.xpaths.get(m.name);
    if (xpath === undefined) {
      out.missing.push(m.name);
      return text.slice(m.start, m.end);
    }
    if (xpath === null) {
      out.ambiguous.push(m.name);
      return text.slice(m.start, m.end);
    }
    if (this.isRelative(m, text, context) && context !== null) {
      const rel = this.relativePath(m.name, xpath, context, useCurrent || this.inInstancePredicate(m, text));
      if (rel !== null) return rel;
    }
    return ' ' + (m.lastSaved ? `instance('${LAST_SAVED}')` : '') + xpath + ' ';
  }

  private matches(text: string): Match[] {
    return [...text.matchAll(TAG_RE)].map((m) => ({ start: m.index, end: m.index + m[0].length, lastSaved: m[1] !== undefined, name: m[2] ?? '' }));
  }

  /** Replaces every ${name} in an expression; `context` is the path of the element the expression belongs to. */
  resolve(text: string, context: string | null, useCurrent = false): Resolution {
    const out: Resolution = { text, missing: [], ambiguous: [] };
    let result = '';
    let last = 0;
    for (const m of this.matches(text)) {
      result += text.slice(last, m.start) + this.replaceOne(m, text, context, useCurrent, out);
      last = m.end;
    }
    out.text = result + text.slice(last);
    return out;
  }

  /**
   * For label text that is already XML-escaped: replaces each ${name} with
   * <output value=" path "/>. Unknown names are left as written.
   */
  outputs(escaped: string, context: string | null): { xml: string; changed: boolean } {
    let changed = false;
    const scratch: Resolution = { text: '', missing: [], ambiguous: [] };
    let result = '';
    let last = 0;
    for (const m of this.matches(escaped)) {
      const rep = this.replaceOne(m, escaped, context, false, scratch);
      const replaced = rep !== escaped.slice(m.start, m.end);
      result += escaped.slice(last, m.start) + (replaced ? `<output value="${rep.replace(/"/g, '&quot;')}"/>` : rep);
      if (replaced) changed = true;
      last = m.end;
    }
    return { xml: result + escaped.slice(last), changed };
  }
}

/** Names referenced as ${name} in a text. */
export function referencedNames(text: string): string[] {
  return [...text.matchAll(TAG_RE)].map((m) => m[2] ?? '');
}

/** pyxform's is_pyxform_reference: the whole value is one ${name}. */
export function isSingleReference(value: string): boolean {
  return /^\$\{(last-saved#)?[^{}]+\}$/.test(value.trim());
}
