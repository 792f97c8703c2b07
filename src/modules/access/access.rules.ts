// Who may do what. A user's power is two independent things: a role (what kinds of action) and a
// region (where). The region part is RegionScope in scope.ts; this file is the role part, as a
// plain table so a reviewer can read the whole permission matrix in one place.

export const roles = ['admin', 'operator', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '管理员', en: 'Administrator' },
  operator: { zh: '经办人', en: 'Operator' },
  viewer: { zh: '只读用户', en: 'Read-only' },
};

export const permissions = [
  /** Read households and people (masked). */
  'registry.read',
  /** Create, change and soft-delete households and people. */
  'registry.write',
  /** See full ID and phone numbers of one person; every use is audited. */
  'pii.reveal',
  /** Create accounts within one's own region. */
  'users.manage',
  /** Read the audit log of one's region. */
  'audit.read',
] as const;
export type Permission = (typeof permissions)[number];

const matrix: Record<Role, readonly Permission[]> = {
  admin: ['registry.read', 'registry.write', 'pii.reveal', 'users.manage', 'audit.read'],
  operator: ['registry.read', 'registry.write', 'pii.reveal', 'audit.read'],
  // Read-only accounts (supervisors, statisticians) never see unmasked personal data.
  viewer: ['registry.read'],
};

export function can(role: Role, permission: Permission): boolean {
  return matrix[role].includes(permission);
}

/** An admin may create accounts of any role, but only for its own region or below. */
export function canGrantRole(granter: Role, _granted: Role): boolean {
  return granter === 'admin';
}

/** Usernames: 3–32 of a-z 0-9 _ . - , case-insensitive (stored lower-case). */
export function normalizeUsername(raw: string): string | null {
  const username = raw.trim().toLowerCase();
  return /^[a-z0-9_.-]{3,32}$/.test(username) ? username : null;
}

/** A password is at least 8 characters with a letter and a digit; officials share machines. */
export function passwordProblem(password: string): 'password.tooShort' | 'password.tooWeak' | null {
  if (password.length < 8) return 'password.tooShort';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'password.tooWeak';
  return null;
}
