/**
 * Submission XML (an XForm instance) read into a small element tree with a
 * streaming parser (saxes), and the facts the server needs from it: form
 * id and version on the root, meta/instanceID, meta/deprecatedID and
 * meta/instanceName. Namespace prefixes are dropped from element names
 * (ODK Collect writes <orx:meta> in some versions, <meta> in others).
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export class InstanceXmlError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
    readonly column: number | null,
  ) {
    super(message);
  }
}

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i === -1 ? qname : qname.slice(i + 1);
}

/** Parses an XML document into an element tree; throws InstanceXmlError with the line and column at fault. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let error: InstanceXmlError | undefined;
  parser.on('error', (e) => {
    error ??= new InstanceXmlError(e.message, parser.line, parser.column);
  });
  parser.on('opentag', (tag) => {
    const el: XmlElement = { name: localName(tag.name), attributes: {}, children: [], text: '' };
    for (const [k, v] of Object.entries(tag.attributes)) el.attributes[localName(k)] = String(v);
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('cdata', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    error ??= new InstanceXmlError(e instanceof Error ? e.message : String(e), parser.line, parser.column);
  }
  if (error) throw error;
  if (!root) throw new InstanceXmlError('no root element', null, null);
  return root;
}

export interface InstanceFacts {
  formId: string | undefined;
  version: string | undefined;
  instanceId: string | undefined;
  deprecatedId: string | undefined;
  instanceName: string | undefined;
}

function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

export function instanceFacts(root: XmlElement): InstanceFacts {
  const meta = child(root, 'meta');
  const text = (el: XmlElement | undefined) => {
    const t = el?.text.trim();
    return t ? t : undefined;
  };
  return {
    formId: root.attributes.id,
    version: root.attributes.version,
    instanceId: text(child(meta, 'instanceID')),
    deprecatedId: text(child(meta, 'deprecatedID')),
    instanceName: text(child(meta, 'instanceName')),
  };
}
