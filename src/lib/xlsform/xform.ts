/**
 * The XForm document: h:html with the namespaces pyxform declares, h:head
 * (title, model) and h:body.
 */
import type { FormDefinition } from '../forms/model.js';
import { buildBody } from './xform-body.js';
import { makeCtx } from './xform-common.js';
import { buildModel } from './xform-model.js';
import { el, serialize } from './xml.js';

const NAMESPACES: [string, string][] = [
  ['xmlns', 'http://www.w3.org/2002/xforms'],
  ['xmlns:h', 'http://www.w3.org/1999/xhtml'],
  ['xmlns:ev', 'http://www.w3.org/2001/xml-events'],
  ['xmlns:xsd', 'http://www.w3.org/2001/XMLSchema'],
  ['xmlns:jr', 'http://openrosa.org/javarosa'],
  ['xmlns:orx', 'http://openrosa.org/xforms'],
  ['xmlns:odk', 'http://www.opendatakit.org/xforms'],
];

export function toXForm(form: FormDefinition): string {
  const ctx = makeCtx(form);
  const ns = [...NAMESPACES];
  if (form.entities) ns.push(['xmlns:entities', 'http://www.opendatakit.org/xforms/entities']);
  for (const pair of (ctx.setting('namespaces') ?? '').split(/\s+/)) {
    const [prefix, uri] = pair.split('=');
    if (!prefix || !uri) continue;
    const key = `xmlns:${prefix}`;
    if (!ns.some(([k]) => k === key)) ns.push([key, uri.replace(/["']/g, '')]);
  }
  const html = el('h:html', ns, el('h:head', {}, el('h:title', {}, form.title), buildModel(ctx)), buildBody(ctx));
  return serialize(html);
}
