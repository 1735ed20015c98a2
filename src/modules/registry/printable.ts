/** A printable page of everything held about a person (PDPA access request), in Thai and English. */
import type { exportPerson } from './service.js';

function esc(v: unknown): string {
  const text = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : v === null || v === undefined ? '—' : JSON.stringify(v);
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const LABELS: Record<string, string> = {
  firstName: 'ชื่อ / First name', lastName: 'นามสกุล / Last name', firstNameLatin: 'ชื่อ (อังกฤษ) / Latin first name', lastNameLatin: 'นามสกุล (อังกฤษ) / Latin last name',
  sex: 'เพศ / Sex', birthDate: 'วันเกิด / Birth date', birthYear: 'ปีเกิด / Birth year', age: 'อายุ / Age', nationality: 'สัญชาติ / Nationality',
  idType: 'ชนิดเอกสาร / ID type', idNumber: 'เลขเอกสาร / ID number', registryStatus: 'ทะเบียนบ้าน / Civil registry', relationToHead: 'ความสัมพันธ์กับหัวหน้าครัวเรือน / Relation to head',
  inSchool: 'กำลังเรียน / In school', occupation: 'อาชีพ / Occupation', phone: 'โทรศัพท์ / Phone', lineId: 'LINE', disability: 'ความพิการ / Disability',
  bedridden: 'ติดเตียง / Bedridden', chronicIllness: 'โรคเรื้อรัง / Chronic illness', vaccinated: 'ได้รับวัคซีน / Vaccinated', legalBasis: 'ฐานทางกฎหมาย / Legal basis',
};

export function exportPersonHtml(d: Awaited<ReturnType<typeof exportPerson>>): string {
  const rows = Object.entries(d.person)
    .filter(([k]) => k in LABELS)
    .map(([k, v]) => `<tr><th>${esc(LABELS[k])}</th><td>${esc(v)}</td></tr>`)
    .join('');
  const sources = d.sources
    .map((s) => `<tr><td>${esc(s.at.slice(0, 10))}</td><td>${esc(s.kind)}</td><td>${esc(s.label ?? s.sourceId)}</td><td><code>${esc(JSON.stringify(s.values))}</code></td></tr>`)
    .join('');
  return `<!doctype html><html lang="th"><head><meta charset="utf-8"><title>ข้อมูลส่วนบุคคล / Personal data</title>
<style>body{font-family:Sarabun,'Noto Sans Thai',sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}th{width:35%;background:#f3f3f3}code{font-size:.8rem;word-break:break-all}@media print{body{margin:0}}</style></head>
<body><h1>ข้อมูลที่ร่วมใจเก็บไว้เกี่ยวกับบุคคล / Data Ruamjai holds about a person</h1>
<p>จัดทำเมื่อ / Prepared ${esc(d.exportedAt)} โดย / by ${esc(d.exportedBy)}</p>
<h2>ข้อมูลบุคคล / Person</h2><table>${rows}</table>
<h2>ครัวเรือน / Household</h2><table>${d.household ? Object.entries(d.household).map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('') : '<tr><td>—</td></tr>'}</table>
<h2>ที่มาของข้อมูล / Sources</h2><table><tr><th>วันที่ / Date</th><th>ชนิด / Kind</th><th>แหล่ง / Source</th><th>ค่า / Values</th></tr>${sources}</table>
<h2>แบบสำรวจ / Survey submissions</h2><table>${d.submissions.map((s) => `<tr><td>${esc(s.receivedAt.slice(0, 10))}</td><td>${esc(s.formId)}</td><td>${esc(s.instanceId)}</td></tr>`).join('') || '<tr><td>—</td></tr>'}</table>
</body></html>`;
}
