import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { signatureHeader, signedHeaders, verifyWebhookSignature } from './signing.js';

const secret = 'whsec_test';
const body = JSON.stringify({ orderId: 42, amount: '1299.00' });
const at = new Date('2025-03-01T12:00:00.500Z');
const seconds = Math.floor(at.getTime() / 1000);

describe('signatureHeader', () => {
  it('is t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">', () => {
    const expected = createHmac('sha256', secret).update(`${seconds}.${body}`).digest('hex');
    expect(signatureHeader(secret, body, at)).toBe(`t=${seconds},v1=${expected}`);
  });

  it('comes with the delivery and event headers', () => {
    expect(signedHeaders(secret, body, 'act_1', at)).toEqual({
      'X-Baton-Signature': signatureHeader(secret, body, at),
      'X-Baton-Delivery': 'act_1',
      'X-Baton-Event': 'automation',
    });
  });
});

describe('verifyWebhookSignature', () => {
  const header = signatureHeader(secret, body, at);

  it('accepts our own signature, also a little later', () => {
    expect(verifyWebhookSignature(secret, header, body, at)).toBe(true);
    expect(verifyWebhookSignature(secret, header, body, new Date(at.getTime() + 299_000))).toBe(
      true,
    );
    expect(verifyWebhookSignature(secret, signatureHeader(secret, '', at), '', at)).toBe(true);
  });

  it('rejects a tampered body', () => {
    expect(verifyWebhookSignature(secret, header, body.replace('1299.00', '1.00'), at)).toBe(false);
    expect(verifyWebhookSignature(secret, header, `${body} `, at)).toBe(false);
  });

  it('rejects a stale timestamp (replay) and one from too far in the future', () => {
    expect(verifyWebhookSignature(secret, header, body, new Date(at.getTime() + 301_000))).toBe(
      false,
    );
    expect(verifyWebhookSignature(secret, header, body, new Date(at.getTime() - 301_000))).toBe(
      false,
    );
    expect(verifyWebhookSignature(secret, header, body, new Date(at.getTime() + 50_000), 30)).toBe(
      false,
    );
  });

  it('rejects a moved timestamp, since it is inside the MAC', () => {
    const forged = header.replace(`t=${seconds}`, `t=${seconds + 600}`);
    expect(verifyWebhookSignature(secret, forged, body, new Date(at.getTime() + 600_000))).toBe(
      false,
    );
  });

  it('rejects the wrong secret and malformed headers', () => {
    expect(verifyWebhookSignature('other', header, body, at)).toBe(false);
    expect(verifyWebhookSignature('', header, body, at)).toBe(false);
    for (const bad of [
      undefined,
      '',
      'garbage',
      `t=${seconds}`,
      'v1=abc',
      `t=x,v1=${'0'.repeat(64)}`,
      `t=${seconds},v1=zz`,
    ]) {
      expect(verifyWebhookSignature(secret, bad, body, at)).toBe(false);
    }
  });

  it('accepts any matching v1 entry (secret rotation)', () => {
    const old = signatureHeader('old-secret', body, at).split(',')[1];
    expect(verifyWebhookSignature(secret, `${header},${old}`, body, at)).toBe(true);
    expect(verifyWebhookSignature('old-secret', `${header}, ${old}`, body, at)).toBe(true);
  });
});
