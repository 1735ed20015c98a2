/**
 * multipart/form-data read with busboy into memory, within limits: XLSForm
 * uploads, OpenRosa submissions (XML plus photos), imports. A part over the
 * limit is a 413 naming the part; a body that is not multipart is a 415.
 */
import busboy from 'busboy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { problem } from './problems.js';

export interface UploadedFile {
  field: string;
  filename: string;
  mimeType: string;
  data: Buffer;
}

export interface Multipart {
  fields: Record<string, string>;
  files: UploadedFile[];
}

export interface MultipartLimits {
  /** Largest single file, bytes. */
  fileSize: number;
  /** Most files in one request. */
  files: number;
  /** Largest text field, bytes. */
  fieldSize?: number;
}

/** Lets a route receive multipart bodies as a stream (the handler reads them with readMultipart). */
export function acceptMultipart(app: FastifyInstance): void {
  if (app.hasContentTypeParser('multipart/form-data')) return;
  app.addContentTypeParser('multipart/form-data', (_req, _payload, done) => done(null));
}

export function readMultipart(req: FastifyRequest, limits: MultipartLimits): Promise<Multipart> {
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    return Promise.reject(problem('unsupported_media_type', { detail: 'Send multipart/form-data', detailTh: 'กรุณาส่งข้อมูลแบบ multipart/form-data' }));
  }
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fileSize: limits.fileSize, files: limits.files, fieldSize: limits.fieldSize ?? 1024 * 1024 } });
    } catch (err) {
      reject(problem('bad_request', { detail: `Malformed multipart body: ${(err as Error).message}`, detailTh: 'ข้อมูล multipart ไม่ถูกต้อง' }));
      return;
    }
    const out: Multipart = { fields: {}, files: [] };
    let failed = false;
    const fail = (p: Error) => {
      if (failed) return;
      failed = true;
      req.raw.unpipe(bb);
      req.raw.resume();
      reject(p);
    };
    bb.on('field', (name, value) => {
      out.fields[name] = value;
    });
    bb.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () =>
        fail(problem('payload_too_large', {
          detail: `The file in part "${field}" (${info.filename}) is larger than ${limits.fileSize} bytes`,
          detailTh: `ไฟล์ในส่วน "${field}" (${info.filename}) มีขนาดเกิน ${limits.fileSize} ไบต์`,
        })),
      );
      stream.on('end', () => {
        out.files.push({ field, filename: info.filename ?? field, mimeType: info.mimeType, data: Buffer.concat(chunks) });
      });
    });
    bb.on('filesLimit', () =>
      fail(problem('payload_too_large', { detail: `More than ${limits.files} files`, detailTh: `มีไฟล์มากกว่า ${limits.files} ไฟล์` })),
    );
    bb.on('error', (err: Error) => fail(problem('bad_request', { detail: `Malformed multipart body: ${err.message}`, detailTh: 'ข้อมูล multipart ไม่ถูกต้อง' })));
    bb.on('close', () => {
      if (!failed) resolve(out);
    });
    req.raw.pipe(bb);
  });
}
