export const ROLES = ['system_admin', 'org_admin', 'coordinator', 'caseworker', 'volunteer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Membership {
  id: string;
  organizationId: string;
  role: Role;
  areaScope: string;
}

/** The authenticated caller of a request. */
export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  locale: 'th' | 'en';
  memberships: Membership[];
  /** Set when the caller came with a session cookie. */
  sessionId?: string | undefined;
  via: 'session' | 'basic';
  ip: string;
}
