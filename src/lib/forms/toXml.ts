/**
 * Nested data (groups as objects, repeats as arrays) written back as XForm
 * instance XML in the form's element order, with the root's id and
 * version and meta/instanceID. Used by imports and by anything that builds
 * submissions outside a phone.
 */
import type { DataObject } from './data.js';
import type { FormDefinition, FormNode } from './model.js';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return esc(s).replace(/"/g, '&quot;');
}

function write(nodes: FormNode[], data: DataObject | undefined, out: string[]): void {
  for (const n of nodes) {
    if (n.name === 'meta') continue;
    const v = data?.[n.name];
    if (n.kind === 'repeat') {
      for (const item of Array.isArray(v) ? v : []) {
        out.push(`<${n.name}>`);
        write(n.children, item, out);
        out.push(`</${n.name}>`);
      }
    } else if (n.kind === 'group') {
      out.push(`<${n.name}>`);
      write(n.children, v && typeof v === 'object' && !Array.isArray(v) ? v : undefined, out);
      out.push(`</${n.name}>`);
    } else {
      const text = typeof v === 'string' ? v : '';
      out.push(text ? `<${n.name}>${esc(text)}</${n.name}>` : `<${n.name}/>`);
    }
  }
}

export interface InstanceMeta {
  instanceId: string;
  deprecatedId?: string | undefined;
  instanceName?: string | undefined;
}

export function dataToInstanceXml(form: FormDefinition, data: DataObject, meta: InstanceMeta): string {
  const out: string[] = [`<?xml version="1.0" encoding="UTF-8"?>`];
  out.push(`<${form.root.name} xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms" id="${attr(form.formId)}" version="${attr(form.version)}">`);
  write(form.root.children, data, out);
  out.push('<meta>');
  out.push(`<instanceID>${esc(meta.instanceId)}</instanceID>`);
  if (meta.deprecatedId) out.push(`<deprecatedID>${esc(meta.deprecatedId)}</deprecatedID>`);
  if (meta.instanceName) out.push(`<instanceName>${esc(meta.instanceName)}</instanceName>`);
  out.push('</meta>');
  out.push(`</${form.root.name}>`);
  return out.join('');
}
