// The Idempotency-Key of the request being handled, for code below the HTTP
// layer (the command bus stores it with the command it accepts). Set by the
// IdempotencyInterceptor around the handler; absent without the header.
import { AsyncLocalStorage } from 'node:async_hooks';

export const requestKey = new AsyncLocalStorage<string>();
