// DTOs of the API's stable core (docs/API.md). Kept by hand until the API publishes
// a typed client from its OpenAPI document; web must never import from apps/api.

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
}

export interface LoginResponse {
  accessToken: string;
  user: User;
}

export type HealthState = 'ok' | string;

export interface Health {
  status: HealthState;
  db: HealthState;
  queue: HealthState;
}

/** Every API error body: `{ error: '<code>', message: '<human text>', ...details }`. */
export interface ApiErrorBody {
  error: string;
  message: string;
  [detail: string]: unknown;
}
