/** Who is calling, as carried in the access token. */
export interface AuthUser {
  id: string;
  username: string;
  roles: string[];
}

export const ROLE_ADMIN = 'admin';
export const ROLE_DESIGNER = 'designer';
