/**
 * Instance XML: the tree written as ODK Collect writes it (root element
 * with the form id and version, groups and repeats nested, every element
 * present, empty when not answered), and read back for edits.
 */
import { parseXml } from '../../../lib/forms/instanceXml.js';
import type { InstanceNode } from '../../../lib/xpath/index.js';
import type { SourceElement } from './session.js';

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

function write(n: InstanceNode, out: string[], extraAttrs: string): void {
  const attrs = Object.entries(n.attributes ?? {})
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
  if (n.children.length === 0) {
    out.push(n.value === '' ? `<${n.name}${extraAttrs}${attrs}/>` : `<${n.name}${extraAttrs}${attrs}>${escapeText(n.value)}</${n.name}>`);
    return;
  }
  out.push(`<${n.name}${extraAttrs}${attrs}>`);
  for (const c of n.children) write(c, out, '');
  out.push(`</${n.name}>`);
}

const NAMESPACES = ' xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms"';

/** The instance as XML, ready to submit. */
export function instanceToXml(root: InstanceNode): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, out, NAMESPACES);
  return out.join('');
}

/** Reads instance XML (a submission to edit) into elements the session fills itself from. */
export function xmlToElement(xml: string): SourceElement {
  return parseXml(xml);
}
