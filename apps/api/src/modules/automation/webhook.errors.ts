// The two ways a webhook delivery can fail. The queue job maps them onto its
// retry rules: a refusal and a non-retryable failure end the job at once
// (PermanentJobError), a retryable failure is thrown again for the backoff.

export type WebhookRefusedCode = 'address_not_allowed' | 'invalid_url' | 'scheme_not_allowed';

/** The guard said no before any connection was made. Retrying cannot help; an admin must change the URL or the allow list. */
export class WebhookRefused extends Error {
  override readonly name = 'WebhookRefused';
  readonly retryable = false;

  constructor(
    readonly code: WebhookRefusedCode,
    message: string,
  ) {
    super(message);
  }
}

export type WebhookFailedCode =
  | 'timeout'
  | 'connection_failed'
  | 'tls_failed'
  | 'http_error'
  | 'redirect_not_followed'
  | 'invalid_request';

/** What the server said, kept on failures so an incident can show it. */
export interface WebhookFailureResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** The delivery was tried (or could not be built) and did not succeed. */
export class WebhookFailed extends Error {
  override readonly name = 'WebhookFailed';

  constructor(
    readonly code: WebhookFailedCode,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly response?: WebhookFailureResponse,
  ) {
    super(message);
  }
}
