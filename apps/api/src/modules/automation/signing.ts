// Webhook signatures, in the scheme receivers already know from Stripe and
// GitHub: HMAC-SHA256 over `${timestamp}.${rawBody}`. The timestamp is inside
// the MAC so a captured request cannot be replayed later than the receiver's
// tolerance; the delivery id lets a receiver drop our retries of a request
// it already handled.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Baton-Signature';
export const DELIVERY_HEADER = 'X-Baton-Delivery';
export const EVENT_HEADER = 'X-Baton-Event';
export const SIGNATURE_VERSION = 'v1';
export const DEFAULT_TOLERANCE_SECONDS = 300;

function hmacHex(secret: string, timestamp: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
}

/** `t=<unix seconds>,v1=<hex>` for this body at this time. */
export function signatureHeader(secret: string, rawBody: string, now: Date): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},${SIGNATURE_VERSION}=${hmacHex(secret, timestamp, rawBody)}`;
}

/** The three headers every delivery carries; `deliveryId` must stay the same across retries of one delivery. */
export function signedHeaders(
  secret: string,
  rawBody: string,
  deliveryId: string,
  now: Date,
): Record<string, string> {
  return {
    [SIGNATURE_HEADER]: signatureHeader(secret, rawBody, now),
    [DELIVERY_HEADER]: deliveryId,
    [EVENT_HEADER]: 'automation',
  };
}

/**
 * For receivers (and our tests): true when `header` carries a v1 signature
 * of `rawBody` made with `secret` no more than `toleranceSeconds` away from
 * `now`. Several v1 entries are accepted so a sender can sign with an old and
 * a new secret while rotating. `rawBody` must be the bytes as received, not a
 * re-serialised object.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  rawBody: string,
  now: Date,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): boolean {
  if (!header || !secret) return false;
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === SIGNATURE_VERSION && /^[0-9a-f]{64}$/i.test(value))
      signatures.push(value.toLowerCase());
  }
  if (timestamp === undefined || signatures.length === 0) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;

  const expected = Buffer.from(hmacHex(secret, timestamp, rawBody), 'hex');
  // Compare in constant time; every candidate is 32 bytes (checked by the pattern above).
  return signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected));
}
