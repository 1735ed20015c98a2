/** OpenRosa XML documents: form list, manifest, responses. */

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface FormListEntry {
  formId: string;
  name: string;
  version: string;
  hash: string;
  downloadUrl: string;
  manifestUrl: string;
}

export function formListXml(forms: FormListEntry[]): string {
  const items = forms
    .map(
      (f) => `  <xform>
    <formID>${esc(f.formId)}</formID>
    <name>${esc(f.name)}</name>
    <version>${esc(f.version)}</version>
    <hash>${esc(f.hash)}</hash>
    <downloadUrl>${esc(f.downloadUrl)}</downloadUrl>
    <manifestUrl>${esc(f.manifestUrl)}</manifestUrl>
  </xform>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<xforms xmlns="http://openrosa.org/xforms/xformsList">\n${items}\n</xforms>\n`;
}

export function manifestXml(): string {
  return '<?xml version="1.0" encoding="UTF-8"?>\n<manifest xmlns="http://openrosa.org/xforms/xformsManifest"></manifest>\n';
}

/** An OpenRosa response; ODK Collect shows `message` to the volunteer. */
export function responseXml(message: string, nature: 'submit_success' | 'error' = 'submit_success', extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<OpenRosaResponse xmlns="http://openrosa.org/http/response">\n  <message nature="${nature}">${esc(message)}</message>${extra}\n</OpenRosaResponse>\n`;
}
