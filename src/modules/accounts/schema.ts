/** Request and response schemas of the accounts routes (they also feed the OpenAPI document). */
import { z } from 'zod';
import { PASSWORD_MIN_LENGTH } from './passwords.js';
import { ROLES } from './types.js';

export const AreaCode = z
  .string()
  .regex(/^(TH|[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{8}|[0-9]{6}-[A-Za-z0-9]{1,12})$/, 'not an area code (TH, 2, 4, 6 or 8 digits, or <subdistrict>-<local>)')
  .describe('Area code: TH, or a DOPA geocode (province 2 digits, district 4, subdistrict 6, village 8), or a community <subdistrict>-<local>');

export const Locale = z.enum(['th', 'en']).describe('Language of the screens');

export const LoginBody = z.object({
  /** Account email (case does not matter). */
  email: z.string().min(3).max(320).describe('Account email'),
  password: z.string().min(1).max(1024).describe('Password'),
});

export const MembershipIn = z.object({
  organizationId: z.uuid().describe('Organisation the person works for'),
  role: z.enum(ROLES).describe('Role in that organisation'),
  areaScope: AreaCode.describe('Area the role covers (area code; TH for the whole country)'),
});
export type MembershipIn = z.infer<typeof MembershipIn>;

export const MembershipOut = MembershipIn.extend({ id: z.uuid() });

export const Password = z.string().min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`).max(1024);

export const CreateUserBody = z.object({
  email: z.email().max(320).describe('Login email, unique'),
  displayName: z.string().trim().min(1).max(200).describe('Name shown to others'),
  password: Password.describe(`Initial password (at least ${PASSWORD_MIN_LENGTH} characters)`),
  locale: Locale.optional(),
  memberships: z.array(MembershipIn).max(50).describe('Organisation, role and area scope of each job the person does'),
});

export const UpdateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    locale: Locale.optional(),
    password: Password.optional().describe('A new password; ends the user’s other sessions'),
    memberships: z.array(MembershipIn).max(50).optional().describe('Replaces every membership'),
  })
  .strict();

export const UserOut = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  locale: Locale,
  active: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  memberships: z.array(MembershipOut),
});

export const UserListQuery = z.object({
  q: z.string().max(200).optional().describe('Part of the email or name'),
  organizationId: z.uuid().optional(),
  includeInactive: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
});

export const UserList = z.object({ items: z.array(UserOut), nextCursor: z.string().nullable() });

export const IdParams = z.object({ id: z.uuid().describe('Identifier (UUID)') });

export const MeOut = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  locale: Locale,
  memberships: z.array(
    MembershipOut.extend({
      organization: z.object({ id: z.uuid(), nameTh: z.string(), nameEn: z.string() }),
      area: z.object({ code: z.string(), nameTh: z.string(), nameEn: z.string(), level: z.string() }),
    }),
  ),
  permissions: z.object({ manageUsers: z.boolean(), manageOrganizations: z.boolean(), manageAreas: z.boolean(), readAudit: z.boolean() }),
});

export const UpdateMeBody = z.object({ displayName: z.string().trim().min(1).max(200).optional(), locale: Locale.optional() }).strict();

export const ChangePasswordBody = z.object({ currentPassword: z.string().min(1).max(1024), newPassword: Password });

export const LoginOut = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), displayName: z.string(), locale: Locale }),
  memberships: z.array(MembershipOut),
});
