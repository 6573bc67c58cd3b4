/** Rows of the identity module's tables as its statements return them (docs/decisions/0043-row-types.md). */
import type { Role } from './identity.types';

/** A user as the administration routes return it (never its password). */
export interface UserRow {
  id: string;
  version: number;
  email: string;
  fullName: string;
  roles: Role[];
  areas: { id: string; name: string }[];
  active: boolean;
  hasPassword: boolean;
  mustChangePassword: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a session knows of its user. */
export interface SessionUser {
  id: string;
  email: string;
  fullName: string;
  roles: Role[];
  areaIds: string[];
  institutionId: string;
  active: boolean;
  sessionVersion: number;
  /** A password someone else chose (npm run setup): only one's own profile and password until it is changed. */
  mustChangePassword: boolean;
}

/** The user behind a login or a refresh, with the hash the password is checked against. */
export type CredentialUser = SessionUser & { passwordHash: string | null };

/** The user behind an access token, and whether the token's session (refresh family) was ended. */
export type AccessUser = SessionUser & { sessionEnded: boolean };
