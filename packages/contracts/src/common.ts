// Shapes every part of the API shares (docs/API.md "Conventions").

/** A time as the API writes it: ISO-8601 UTC, e.g. `2026-11-22T08:30:00.000Z`. */
export type IsoDateTime = string;

/** One page of a list, with the size of the whole list. */
export interface Paged<T> {
  items: T[];
  total: number;
}

/** Every error body: `{ error: '<code>', message: '<human text>', ...details }`. */
export interface ApiErrorBody {
  error: string;
  message: string;
  [detail: string]: unknown;
}

/** What an action answers with 202 when its command is still queued: poll the instance. */
export interface CommandQueued {
  commandId: string;
}
