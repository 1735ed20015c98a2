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

/** Files up to this size are gathered in pieces and joined once; past it, a file goes into one buffer. */
const PREALLOCATE_MIN = 1 << 20;

/**
 * Gathers a file's chunks. Once a file is past PREALLOCATE_MIN, the rest is
 * copied straight into one buffer of `bound` bytes (what was left of the
 * body when the file started), so a 500 MB list costs 500 MB of memory,
 * not twice that while the chunks are joined. A file that ends far short
 * of its bound is copied into a buffer of its own size.
 */
function fileCollector(bound: number): { add(chunk: Buffer): void; done(): Buffer } {
  let chunks: Buffer[] = [];
  let size = 0;
  let into: Buffer | null = null;
  let overflowed = false;
  return {
    add(chunk) {
      if (!into && !overflowed && bound >= PREALLOCATE_MIN && size + chunk.length > PREALLOCATE_MIN) {
        into = Buffer.allocUnsafe(bound);
        let at = 0;
        for (const c of chunks) at += c.copy(into, at);
        chunks = [];
      }
      if (into && size + chunk.length > into.length) {
        // More than the bound (a body longer than it said): the rest is gathered in pieces.
        chunks.push(Buffer.from(into.subarray(0, size)));
        into = null;
        overflowed = true;
      }
      if (into) chunk.copy(into, size);
      else chunks.push(chunk);
      size += chunk.length;
    },
    done() {
      if (!into) return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      const data = into.subarray(0, size);
      return size * 2 < into.length ? Buffer.from(data) : data;
    },
  };
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
    // Bytes of the body read so far: what is left of a body of known length bounds the size of a file starting now.
    const length = Number(req.headers['content-length']);
    let bodyRead = 0;
    let lastChunk = 0;
    req.raw.on('data', (c: Buffer) => {
      bodyRead += c.length;
      lastChunk = c.length;
    });
    bb.on('file', (field, stream, info) => {
      const file = fileCollector(Number.isFinite(length) && length > 0 ? Math.min(limits.fileSize, length - bodyRead + lastChunk) : 0);
      stream.on('data', (c: Buffer) => file.add(c));
      stream.on('limit', () =>
        fail(problem('payload_too_large', {
          detail: `The file in part "${field}" (${info.filename}) is larger than ${limits.fileSize} bytes`,
          detailTh: `ไฟล์ในส่วน "${field}" (${info.filename}) มีขนาดเกิน ${limits.fileSize} ไบต์`,
        })),
      );
      stream.on('end', () => {
        out.files.push({ field, filename: info.filename ?? field, mimeType: info.mimeType, data: file.done() });
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
