/**
 * A small XML tree and serializer for writing XForms: elements, escaped text,
 * and pre-escaped markup (labels with <output/> references).
 */

export interface XmlElement {
  kind: 'element';
  name: string;
  attrs: [string, string][];
  children: XmlChild[];
}
export interface XmlText {
  kind: 'text';
  text: string;
}
/** Markup that is already escaped (e.g. label text with <output value="…"/>). */
export interface XmlRaw {
  kind: 'raw';
  xml: string;
}
export type XmlChild = XmlElement | XmlText | XmlRaw;

export type Attrs = Record<string, string | undefined | null> | [string, string | undefined | null][];

/** Builds an element; attributes whose value is undefined or null are left out. */
export function el(name: string, attrs?: Attrs, ...children: (XmlChild | string | null | undefined | false)[]): XmlElement {
  const list: [string, string][] = [];
  const entries = Array.isArray(attrs) ? attrs : Object.entries(attrs ?? {});
  for (const [k, v] of entries) if (v !== undefined && v !== null) list.push([k, v]);
  const kids: XmlChild[] = [];
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    kids.push(typeof c === 'string' ? { kind: 'text', text: c } : c);
  }
  return { kind: 'element', name, attrs: list, children: kids };
}

export function raw(xml: string): XmlRaw {
  return { kind: 'raw', xml };
}

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function openTag(e: XmlElement): string {
  return '<' + e.name + e.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
}

function inline(c: XmlChild): string {
  if (c.kind === 'text') return escapeText(c.text);
  if (c.kind === 'raw') return c.xml;
  if (c.children.length === 0) return openTag(c) + '/>';
  return openTag(c) + '>' + c.children.map(inline).join('') + `</${c.name}>`;
}

/** Pretty-prints with two-space indentation; elements holding text are written on one line. */
export function serialize(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0"?>'];
  const write = (e: XmlElement, depth: number): void => {
    const pad = '  '.repeat(depth);
    const hasText = e.children.some((c) => c.kind !== 'element');
    if (e.children.length === 0 || hasText) {
      out.push(pad + inline(e));
      return;
    }
    out.push(pad + openTag(e) + '>');
    for (const c of e.children) if (c.kind === 'element') write(c, depth + 1);
    out.push(`${pad}</${e.name}>`);
  };
  write(root, 0);
  return out.join('\n') + '\n';
}
