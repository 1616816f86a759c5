// The headers every answer carries: a Content-Security-Policy chosen by what is answered (the web
// apps, the API documentation, the API itself), its usual companions, and the cache rule for the
// API — every /api/ answer is `no-store` (most carry names, ID or phone masks, sessions, bank
// details) unless its route says otherwise (the public OpenAPI document and card key feed).
import type { FastifyReply, FastifyRequest } from 'fastify';

const policy = (directives: Record<string, string>) =>
  Object.entries(directives).map(([k, v]) => `${k} ${v}`).join('; ');

/**
 * The web apps (/ and /console/): scripts only from this origin (Vite emits no inline script).
 * Styles also inline: antd's CSS-in-JS writes <style> elements at run time. Images also data: and
 * blob: (the member card's QR code, photos shrunk before upload, downloads); media blob: (the
 * console's camera scanner); connections to this origin only.
 */
export const WEB_CSP = policy({
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'media-src': "'self' blob:",
  'connect-src': "'self'",
  'worker-src': "'self' blob:",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
});

/**
 * Swagger UI at /api/docs: its scripts are files of this origin; it styles elements inline and
 * draws its logo from a data: URL. (@fastify/swagger-ui's own staticCSP would add
 * `upgrade-insecure-requests`, which breaks the docs on a plain-HTTP intranet address, and allows
 * framing by this origin.)
 */
export const DOCS_CSP = policy({
  'default-src': "'self'",
  'script-src': "'self'",
  'script-src-attr': "'none'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
});

/**
 * JSON, files and images of the API: nothing in them may load or run anything, or be framed. (An
 * applicant's PDF document opened in a tab still shows: Chromium's viewer is not bound by it.)
 */
export const API_CSP = policy({ 'default-src': "'none'", 'frame-ancestors': "'none'" });

/** The cache rule of a route that may be kept by browsers and proxies: public, revalidated. */
export const PUBLIC_CACHE = 'public, no-cache';

/** onSend: the security headers of every answer; `no-store` on API answers that set no cache rule. */
export async function securityHeaders(req: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const path = req.url.split('?')[0] ?? '';
  const isApi = path.startsWith('/api/');
  const isDocs = path === '/api/docs' || path.startsWith('/api/docs/');
  reply.header('content-security-policy', isDocs ? DOCS_CSP : isApi || path === '/healthz' ? API_CSP : WEB_CSP);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'same-origin');
  if (isApi && !isDocs && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  return payload;
}
