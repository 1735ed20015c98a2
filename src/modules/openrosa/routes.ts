/**
 * The OpenRosa server ODK Collect talks to: Form List API, form download,
 * manifest, and the Submission API (HEAD, then POST multipart with
 * xml_submission_file and attachments). HTTP Basic authentication.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteContext } from '../../http/app.js';
import { principal } from '../../http/auth.js';
import { acceptMultipart, readMultipart } from '../../http/multipart.js';
import { Problem } from '../../http/problems.js';
import * as forms from '../forms/service.js';
import * as submissions from '../submissions/service.js';
import { SubmissionError } from '../submissions/service.js';
import { formListXml, manifestXml, responseXml } from './xml.js';

/** Largest submission (XML and attachments) accepted: announced in X-OpenRosa-Accept-Content-Length. */
export const MAX_SUBMISSION_BYTES = 100 * 1024 * 1024;

function baseUrl(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

function sendXml(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).type('text/xml; charset=utf-8').send(body);
}

function openRosaError(reply: FastifyReply, status: number, en: string, th: string): FastifyReply {
  return sendXml(reply, status, responseXml(`${th} / ${en}`, 'error'));
}

export function openRosaRoutes(app: FastifyInstance, { deps, requireAuth, submissions: subs }: RouteContext & { submissions: submissions.SubmissionsDeps }): void {
  acceptMultipart(app);
  app.addHook('onSend', (_req, reply, payload, done) => {
    void reply.header('x-openrosa-version', '1.0');
    void reply.header('date', new Date().toUTCString());
    done(null, payload);
  });

  app.get('/formList', { preHandler: requireAuth, schema: { tags: ['openrosa'], summary: 'OpenRosa Form List API' } }, async (req, reply) => {
    const p = principal(req);
    const query = req.query as { formID?: string };
    const list = (await forms.fillable(deps.sql, p)).filter((f) => !query.formID || f.formId === query.formID);
    const base = baseUrl(req);
    return sendXml(
      reply,
      200,
      formListXml(
        list.map((f) => ({
          formId: f.formId,
          name: f.versionTitle,
          version: f.version,
          hash: f.hash,
          downloadUrl: `${base}/openrosa/forms/${encodeURIComponent(f.formId)}/form.xml`,
          manifestUrl: `${base}/openrosa/forms/${encodeURIComponent(f.formId)}/manifest`,
        })),
      ),
    );
  });

  app.get<{ Params: { formId: string } }>('/forms/:formId/form.xml', { preHandler: requireAuth, schema: { tags: ['openrosa'], summary: 'Download the current XForm' } }, async (req, reply) => {
    try {
      const { version } = await forms.definition(deps.sql, principal(req), req.params.formId);
      const [row] = await deps.sql<{ xform: string }[]>`select xform from form_versions where id = ${version.id}`;
      return sendXml(reply, 200, row!.xform);
    } catch (err) {
      if (err instanceof Problem && err.status === 404) return openRosaError(reply, 404, `No form ${req.params.formId}`, `ไม่พบแบบฟอร์ม ${req.params.formId}`);
      throw err;
    }
  });

  app.get<{ Params: { formId: string } }>('/forms/:formId/manifest', { preHandler: requireAuth, schema: { tags: ['openrosa'], summary: 'Media files of the form (none yet)' } }, async (req, reply) => {
    try {
      await forms.visibleForm(deps.sql, principal(req), req.params.formId);
    } catch (err) {
      if (err instanceof Problem && err.status === 404) return openRosaError(reply, 404, `No form ${req.params.formId}`, `ไม่พบแบบฟอร์ม ${req.params.formId}`);
      throw err;
    }
    return sendXml(reply, 200, manifestXml());
  });

  app.head('/submission', { preHandler: requireAuth, schema: { tags: ['openrosa'], summary: 'Submission API pre-flight' } }, (_req, reply) => {
    void reply.header('x-openrosa-accept-content-length', String(MAX_SUBMISSION_BYTES));
    return reply.code(204).send();
  });

  app.post('/submission', { preHandler: requireAuth, bodyLimit: MAX_SUBMISSION_BYTES, schema: { tags: ['openrosa'], summary: 'Submission API: multipart with xml_submission_file and attachments' } }, async (req, reply) => {
    void reply.header('x-openrosa-accept-content-length', String(MAX_SUBMISSION_BYTES));
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_SUBMISSION_BYTES) return openRosaError(reply, 413, 'The submission is too large', 'ข้อมูลที่ส่งมีขนาดใหญ่เกินไป');
    let body;
    try {
      body = await readMultipart(req, { fileSize: MAX_SUBMISSION_BYTES, files: 200 });
    } catch (err) {
      if (err instanceof Problem) return openRosaError(reply, err.status, err.options.detail ?? err.message, err.options.detailTh ?? err.message);
      throw err;
    }
    const xmlPart = body.files.find((f) => f.field === 'xml_submission_file');
    const xml = xmlPart?.data.toString('utf8') ?? body.fields.xml_submission_file;
    if (!xml) return openRosaError(reply, 400, 'The request has no xml_submission_file part', 'ไม่พบส่วน xml_submission_file ในคำขอ');
    const attachments = body.files
      .filter((f) => f !== xmlPart)
      .map((f) => ({ name: f.filename, contentType: f.mimeType, data: f.data }));
    try {
      const res = await submissions.receive(subs, principal(req), {
        xml,
        attachments,
        deviceId: (req.query as { deviceID?: string }).deviceID,
      });
      if (res.outcome === 'duplicate') return sendXml(reply, 200, responseXml('ได้รับข้อมูลนี้แล้ว / Already received'));
      return sendXml(reply, 201, responseXml(res.issues.length ? 'บันทึกแล้ว รอตรวจสอบ / Saved, flagged for review' : 'บันทึกแล้ว / Saved'));
    } catch (err) {
      if (err instanceof SubmissionError) return openRosaError(reply, err.status, err.en, err.th);
      throw err;
    }
  });
}
