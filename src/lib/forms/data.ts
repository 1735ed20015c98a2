/**
 * A submission's instance as nested JSON, shaped by the form: a group is
 * an object, a repeat an array of objects, a question its text value.
 * Elements the form does not know (an older or newer version, client
 * extras) are kept under their own names so nothing received is lost.
 */
import type { FormDefinition, FormNode, GroupNode, RepeatNode } from './model.js';
import type { XmlElement } from './instanceXml.js';

export type DataValue = string | DataObject | DataObject[];
export interface DataObject {
  [name: string]: DataValue;
}

function repeatNames(node: GroupNode | RepeatNode): Set<string> {
  return new Set(node.children.filter((c) => c.kind === 'repeat').map((c) => c.name));
}

function convert(el: XmlElement, node: GroupNode | RepeatNode | undefined): DataObject {
  const out: DataObject = {};
  const repeats = node ? repeatNames(node) : new Set<string>();
  const byName = new Map<string, FormNode>(node ? node.children.map((c) => [c.name, c]) : []);
  for (const c of el.children) {
    const def = byName.get(c.name);
    if (repeats.has(c.name)) {
      const arr = (out[c.name] as DataObject[] | undefined) ?? [];
      // A repeat's template copy carries jr:template: it is not data.
      if (c.attributes.template === undefined) arr.push(convert(c, def as RepeatNode));
      out[c.name] = arr;
    } else if (def && def.kind !== 'question') {
      out[c.name] = convert(c, def);
    } else if (!def && c.children.length > 0) {
      out[c.name] = convert(c, undefined);
    } else {
      out[c.name] = c.text;
    }
  }
  return out;
}

/** The nested JSON of an instance. */
export function instanceToData(root: XmlElement, form: FormDefinition): DataObject {
  return convert(root, form.root);
}

/** Reads a value at a path of names ("hh/income") inside a data object (not across repeats). */
export function valueAt(data: DataObject, path: string): DataValue | undefined {
  let cur: DataValue | undefined = data;
  for (const part of path.split('/').filter(Boolean)) {
    if (cur === undefined || typeof cur === 'string' || Array.isArray(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}
