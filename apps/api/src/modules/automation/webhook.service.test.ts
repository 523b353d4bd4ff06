import { describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PermanentJobError } from '../../platform/queue/queue.driver.js';
import { verifyWebhookSignature } from './signing.js';
import { WebhookFailed, WebhookRefused } from './webhook.errors.js';
import {
  WEBHOOK_OPTIONS,
  WebhookService,
  retryPolicy,
  type WebhookOptions,
} from './webhook.service.js';

const now = new Date('2025-03-01T12:00:00Z');

async function serviceWith(options: WebhookOptions): Promise<WebhookService> {
  const moduleRef = await Test.createTestingModule({
    providers: [WebhookService, { provide: WEBHOOK_OPTIONS, useValue: options }],
  }).compile();
  return moduleRef.get(WebhookService);
}

describe('WebhookService', () => {
  it('delivers with the injected secret and allow list', async () => {
    let seen: { signature: string; delivery: string; body: string } | undefined;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen = {
          signature: String(req.headers['x-baton-signature']),
          delivery: String(req.headers['x-baton-delivery']),
          body,
        };
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"approved":true}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const service = await serviceWith({
        secret: 's3cret',
        allow: ['127.0.0.0/8'],
        timeoutMs: 2000,
        now: () => now,
      });
      const result = await service.deliver(
        { url: `http://127.0.0.1:${port}/`, method: 'POST', headers: {}, body: { a: 1 } },
        'act_9',
      );
      expect(result.body).toEqual({ approved: true });
      expect(seen?.delivery).toBe('act_9');
      expect(verifyWebhookSignature('s3cret', seen?.signature, seen?.body ?? '', now)).toBe(true);
    } finally {
      server.close();
    }
  });

  it('refuses private addresses when the allow list is empty', async () => {
    const service = await serviceWith({ secret: 's3cret', allow: [], timeoutMs: 2000 });
    await expect(
      service.deliver(
        { url: 'http://169.254.169.254/latest/meta-data/', method: 'GET', headers: {} },
        'd1',
      ),
    ).rejects.toBeInstanceOf(WebhookRefused);
  });

  it('fails at construction on a bad allow list or an empty secret', async () => {
    await expect(
      serviceWith({ secret: 's', allow: ['10.0.0.0/99'], timeoutMs: 1000 }),
    ).rejects.toThrow(/allow list/);
    await expect(serviceWith({ secret: '', allow: [], timeoutMs: 1000 })).rejects.toThrow(/secret/);
  });

  it('maps failures onto the queue: permanent ones end the job, retryable ones are retried', () => {
    const refused = WebhookService.toJobError(new WebhookRefused('address_not_allowed', 'no'));
    expect(refused).toBeInstanceOf(PermanentJobError);
    expect(refused).toMatchObject({ code: 'address_not_allowed', message: 'no' });

    const badRequest = WebhookService.toJobError(
      new WebhookFailed('http_error', 'HTTP 400', false, 400),
    );
    expect(badRequest).toBeInstanceOf(PermanentJobError);

    const flaky = new WebhookFailed('http_error', 'HTTP 503', true, 503);
    expect(WebhookService.toJobError(flaky)).toBe(flaky);
  });

  it('retries five times in all, waiting 2, 4, 8 and 16 s', () => {
    expect(retryPolicy).toEqual({ attempts: 5, backoffMs: 2000 });
  });
});
