/**
 * Photos are made smaller on the phone before they are stored and sent:
 * at most 1600 px on the long side (or the question's max-pixels), JPEG.
 * Anything the browser cannot decode is kept as it is.
 */

export const DEFAULT_MAX_PIXELS = 1600;

async function canvasToJpeg(canvas: HTMLCanvasElement | OffscreenCanvas, quality: number): Promise<Blob | null> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b), 'image/jpeg', quality));
}

export async function resizeImage(file: Blob, maxPixels = DEFAULT_MAX_PIXELS, quality = 0.85): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  try {
    const scale = Math.min(1, maxPixels / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.type === 'image/jpeg') return file;
    const w = Math.max(1, Math.round(bitmap.width * scale));
    const h = Math.max(1, Math.round(bitmap.height * scale));
    const canvas: HTMLCanvasElement | OffscreenCanvas =
      typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(w, h) : Object.assign(document.createElement('canvas'), { width: w, height: h });
    // called on each kind of canvas: each has its own getContext overloads
    const ctx = 'convertToBlob' in canvas ? canvas.getContext('2d') : canvas.getContext('2d');
    if (!ctx) return file;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    ctx.drawImage(bitmap, 0, 0, w, h);
    return (await canvasToJpeg(canvas, quality)) ?? file;
  } finally {
    bitmap.close();
  }
}

const EXT: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'audio/ogg': 'ogg',
  'audio/webm': 'webm',
  'audio/wav': 'wav',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'application/pdf': 'pdf',
};

/** A file name for an answer, as Collect makes them: the time in milliseconds and an extension. */
export function answerFileName(blob: Blob, original?: string): string {
  const fromName = original && /\.([A-Za-z0-9]{1,8})$/.exec(original)?.[1];
  const ext = (blob.type === 'image/jpeg' ? 'jpg' : (EXT[blob.type] ?? fromName ?? 'bin')).toLowerCase();
  return `${Date.now()}-${Math.random().toString(36).slice(2, 6)}.${ext}`;
}
