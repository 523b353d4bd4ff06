// The injectable face of webhook delivery: the job that runs a callWebhook
// effect asks this service, so tests can swap it and the client stays a
// plain function. Config comes in through WEBHOOK_OPTIONS (the lead's
// provider reads BATON_WEBHOOK_ALLOW and the installation secret).
import type { WebhookRequest } from '@baton/flow';
import { Inject, Injectable } from '@nestjs/common';
import { PermanentJobError, type JobOptions } from '../../platform/queue/queue.driver.js';
import { parseAllowList } from './address-guard.js';
import { sendWebhook, type WebhookResponse } from './webhook-client.js';
import { WebhookFailed, WebhookRefused } from './webhook.errors.js';

export const WEBHOOK_OPTIONS = Symbol('WEBHOOK_OPTIONS');

export interface WebhookOptions {
  /** HMAC key for X-Baton-Signature (the installation's webhook secret). */
  secret: string;
  /** Hosts, IPs and CIDRs webhooks may reach although private (see allowListFromEnv). */
  allow: string[];
  /** Bound on one attempt, DNS to last byte. */
  timeoutMs: number;
  /** Clock for the signature timestamp; defaults to the system clock. */
  now?: () => Date;
}

/**
 * Queue options for webhook jobs. Five runs with backoff 2 s doubling wait
 * 2 + 4 + 8 + 16 = 30 s in all: enough to ride out a deploy or a brief
 * outage at the receiver, short enough that an approval flow is not left
 * hanging for long before the incident tells an admin.
 */
export const retryPolicy = { attempts: 5, backoffMs: 2000 } as const satisfies Pick<
  JobOptions,
  'attempts' | 'backoffMs'
>;

@Injectable()
export class WebhookService {
  constructor(@Inject(WEBHOOK_OPTIONS) private readonly options: WebhookOptions) {
    if (!options.secret)
      throw new Error('webhook secret is empty; deliveries could not be verified by receivers');
    parseAllowList(options.allow); // a typo in BATON_WEBHOOK_ALLOW fails the boot, not every delivery
  }

  /**
   * One attempt. `deliveryId` must be the same for every attempt of the same
   * effect (e.g. the activation id) so receivers can drop repeats.
   * Throws WebhookRefused or WebhookFailed; see toJobError for the queue.
   */
  deliver(request: WebhookRequest, deliveryId: string): Promise<WebhookResponse> {
    const { secret, allow, timeoutMs, now } = this.options;
    return sendWebhook(request, { secret, allow, timeoutMs, now, deliveryId });
  }

  /**
   * What a queue handler should throw for a failed attempt: failures retrying
   * cannot fix become PermanentJobError (the job fails at once and goes to
   * the incident path); retryable ones are thrown as they are.
   */
  static toJobError(err: unknown): Error {
    if (err instanceof WebhookRefused || (err instanceof WebhookFailed && !err.retryable)) {
      return Object.assign(new PermanentJobError(err.message, { cause: err }), { code: err.code });
    }
    return err instanceof Error ? err : new Error(String(err));
  }
}
