/** Multipart bodies for inject(): built by the platform's FormData, as a browser or phone would send them. */
export interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  contentType?: string;
}

export async function multipart(parts: Part[]): Promise<{ body: Buffer; contentType: string }> {
  const fd = new FormData();
  for (const p of parts) {
    if (p.filename !== undefined) fd.append(p.name, new Blob([typeof p.value === 'string' ? p.value : new Uint8Array(p.value)], { type: p.contentType ?? 'application/octet-stream' }), p.filename);
    else fd.append(p.name, typeof p.value === 'string' ? p.value : p.value.toString());
  }
  const res = new Response(fd);
  return { body: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type')! };
}
