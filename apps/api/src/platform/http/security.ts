// Security headers and CORS for every HTTP answer: the JSON API, the OpenAPI
// document and Swagger UI, errors, and the built web app (README.md,
// "Configuration": BATON_HTTPS, BATON_HSTS_MAX_AGE, BATON_CORS_ORIGINS).
//
// Both are installed before the body parser, so even an answer to a body that
// cannot be read (400, 413) carries them.
import helmet from 'helmet';
import type { INestApplication } from '@nestjs/common';
import type { HttpSecurityConfig } from '../config/config.js';

/**
 * The Content-Security-Policy of every answer. The web app is one origin:
 * scripts, styles, fonts, images and API calls all come from 'self'.
 *
 * Two relaxations, both needed by the built app (checked in headless Chromium):
 * - style-src 'unsafe-inline': antd (cssinjs) and @xyflow/react insert
 *   `<style>` elements at run time; without it the app renders unstyled.
 * - script-src 'unsafe-eval': ajv (packages/forms, @rjsf/validator-ajv8)
 *   compiles the JSON Schema of each process's form with `new Function` in
 *   the browser. Form schemas are designed at run time, so they cannot be
 *   compiled ahead of time; dropping this needs a non-compiling validator.
 * Inline scripts, other origins, plugins, <base> rewriting, form posts
 * elsewhere and framing by any site stay refused.
 */
export function cspDirectives(https: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'unsafe-eval'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    // data: for antd's and Swagger UI's inline images, blob: for attachment previews.
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** helmet with Baton's policy: one middleware for every response. */
export function securityHeaders(config: HttpSecurityConfig) {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(config.https) },
    // Not sent over plain HTTP: a browser ignores it there, and a wrong one locks users out.
    strictTransportSecurity: config.https
      ? { maxAge: config.hstsMaxAge, includeSubDomains: false }
      : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    // Resources are same-origin; cross-origin API callers use CORS, which CORP does not block.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
}

type CorsOptions = Exclude<
  Parameters<INestApplication['enableCors']>[0],
  undefined | ((...args: never[]) => unknown)
>;

/** Headers a browser on an allowed origin may send and read. */
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key'];
const EXPOSED_HEADERS = ['Content-Disposition'];

/**
 * CORS for the listed origins only, or undefined when none are listed (the
 * default: the web app is same-origin and needs none). An unlisted origin
 * gets no Access-Control-* header at all, so the browser refuses the answer.
 * Bearer tokens, not cookies: credentials are not allowed.
 */
export function corsOptions(config: HttpSecurityConfig): CorsOptions | undefined {
  if (config.corsOrigins.length === 0) return undefined;
  const allowed = new Set(config.corsOrigins);
  return {
    origin: (origin: string | undefined, callback: (err: Error | null, allow?: boolean) => void) =>
      callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    credentials: false,
    maxAge: 600,
    optionsSuccessStatus: 204,
  };
}
