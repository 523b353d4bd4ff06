// Sign-in and the organisation (docs/API.md "Health and auth", "Organisation").
import type { IsoDateTime } from './common.js';

/** A user as the API shows one (never the password): GET /api/me, /api/users. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  departmentId: string | null;
  active: boolean;
}

/** POST /api/auth/login */
export interface LoginBody {
  username: string;
  password: string;
}

export interface LoginResponse {
  accessToken: string;
  user: User;
}

/** POST /api/users (admin) */
export interface CreateUserBody {
  username: string;
  password: string;
  displayName: string;
  roles: string[];
  departmentId?: string | null;
}

/** PATCH /api/users/:id (admin): at least one field. */
export interface UpdateUserBody {
  password?: string;
  displayName?: string;
  roles?: string[];
  departmentId?: string | null;
  active?: boolean;
}

/** GET /api/departments */
export interface Department {
  id: string;
  name: string;
  parentId: string | null;
  headId: string | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

/** POST /api/departments (admin) */
export interface CreateDepartmentBody {
  name: string;
  parentId?: string | null;
  headId?: string | null;
}

/** PATCH /api/departments/:id (admin): at least one field. */
export type UpdateDepartmentBody = Partial<CreateDepartmentBody>;
