import { MEMBER_ROLES } from "@sorot/core";
import { z } from "zod";
import { CsvFormat, CursorQuery, IsoDateTime, TimeZone, Uuid, withSomeChange } from "./common.js";
import { freeText } from "./text.js";

export const LOCALES = ["id", "en"] as const;
export const Locale = z.enum(LOCALES);
export const UserRole = z.enum(["owner", "admin", "creator"]);
/** What sign-up may make: a business account or a creator account; admins come only from the CLI. */
export const AccountKind = z.enum(["owner", "creator"]);
export type AccountKind = z.infer<typeof AccountKind>;
export const MemberRole = z.enum(MEMBER_ROLES);
export type MemberRole = z.infer<typeof MemberRole>;

/** Emails are compared case-insensitively: normalised to trimmed lower case before anything else. */
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: "must be a valid email address" }));

export const PASSWORD_MIN_LENGTH = 10;
export const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: `must be at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(256);

export const PersonName = freeText({ min: 1, max: 120 });

export const User = z
  .object({
    id: Uuid,
    email: z.string(),
    name: z.string(),
    role: UserRole,
    locale: Locale,
    createdAt: IsoDateTime,
  })
  .meta({ id: "User" });
export type User = z.infer<typeof User>;

export const SignupBody = z.strictObject({
  email: Email,
  password: Password,
  name: PersonName,
  locale: Locale.optional(),
  accountKind: AccountKind.optional().describe(
    "owner (the default) runs businesses; creator keeps a profile",
  ),
});
export type SignupBody = z.infer<typeof SignupBody>;

export const LoginBody = z.strictObject({ email: Email, password: z.string().min(1).max(256) });
export type LoginBody = z.infer<typeof LoginBody>;

export const Session = z.object({ user: User, accessToken: z.string() }).meta({ id: "Session" });
export type Session = z.infer<typeof Session>;

export const UpdateMeBody = withSomeChange(
  z.strictObject({ name: PersonName.optional(), locale: Locale.optional() }),
);
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

export const BusinessName = freeText({ min: 2, max: 120 });

export const Business = z
  .object({
    id: Uuid,
    name: z.string(),
    timeZone: TimeZone,
    status: z.enum(["active", "suspended"]),
    taxId: z.string().nullable(),
    legalName: z
      .string()
      .nullable()
      .describe("the billing profile's legal name; receipts use the name without it"),
    billingAddress: z.string().nullable(),
    role: MemberRole.describe("the caller's role in this business"),
    createdAt: IsoDateTime,
  })
  .meta({ id: "Business" });
export type Business = z.infer<typeof Business>;

export const Me = z.object({ user: User, businesses: z.array(Business) }).meta({ id: "Me" });
export type Me = z.infer<typeof Me>;

export const CreateBusinessBody = z.strictObject({ name: BusinessName, timeZone: TimeZone.optional() });
export type CreateBusinessBody = z.infer<typeof CreateBusinessBody>;

/** NPWP: the 15-digit form as printed (01.234.567.8-901.000) or the 15/16 bare digits. */
export const TaxId = z
  .string()
  .trim()
  .regex(/^(\d{2}\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3}|\d{15,16})$/, {
    message: "must be an NPWP: 15 or 16 digits",
  });

export const UpdateBusinessBody = withSomeChange(
  z.strictObject({
    name: BusinessName.optional(),
    timeZone: TimeZone.optional(),
    taxId: TaxId.nullable().optional(),
    legalName: freeText({ min: 2, max: 200 }).nullable().optional(),
    billingAddress: freeText({ min: 5, max: 500 }).nullable().optional(),
  }),
);
export type UpdateBusinessBody = z.infer<typeof UpdateBusinessBody>;

export const BusinessParams = z.strictObject({ businessId: Uuid });

export const Member = z.object({
  userId: Uuid,
  email: z.string(),
  name: z.string(),
  role: MemberRole,
  joinedAt: IsoDateTime,
});
export type Member = z.infer<typeof Member>;

export const UpdateMemberBody = z.strictObject({ role: MemberRole });

export const CreateInvitationBody = z.strictObject({ email: Email, role: MemberRole });
export type CreateInvitationBody = z.infer<typeof CreateInvitationBody>;

export const Invitation = z.object({
  id: Uuid,
  email: z.string(),
  role: MemberRole,
  expiresAt: IsoDateTime,
  createdAt: IsoDateTime,
});
export type Invitation = z.infer<typeof Invitation>;

/** Returned once, at creation: the link holds the only copy of the token (the database keeps a hash). */
export const CreatedInvitation = Invitation.extend({ token: z.string(), inviteUrl: z.string() });
export type CreatedInvitation = z.infer<typeof CreatedInvitation>;

export const InvitationPreview = z.object({
  businessName: z.string(),
  email: z.string(),
  role: MemberRole,
  expiresAt: IsoDateTime,
});
export type InvitationPreview = z.infer<typeof InvitationPreview>;

export const AuditEntry = z.object({
  id: z.string(),
  actorUserId: Uuid.nullable(),
  actorEmail: z.string().nullable(),
  businessId: Uuid.nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Filters of the audit log: who (the acting user), what (an action such as `campaign.update`, or its entity type), when. */
export const AuditQuery = CursorQuery.extend({
  actorUserId: Uuid.optional(),
  action: z
    .string()
    .regex(/^[a-z_.]{1,64}$/)
    .optional(),
  entityType: z
    .string()
    .regex(/^[a-z_]{1,64}$/)
    .optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
  format: CsvFormat,
}).refine((query) => !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to), {
  message: "must be after from",
  path: ["to"],
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AdminBusiness = z
  .object({
    id: Uuid,
    name: z.string(),
    timeZone: TimeZone,
    status: z.enum(["active", "suspended"]),
    taxId: z.string().nullable(),
    ownerEmails: z.array(z.string()),
    createdAt: IsoDateTime,
  })
  .meta({ id: "AdminBusiness" });
export type AdminBusiness = z.infer<typeof AdminBusiness>;

export const AdminBusinessQuery = z.strictObject({
  q: freeText({ max: 100 }).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
