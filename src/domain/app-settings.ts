// The app's settings (role mapping, issue auto-matching, audit retention): their schema and the defaults a fresh site gets.
import { z } from 'zod';
import { normaliseDomain } from './normalise';
import type { Role } from './records';

// The mapped type makes the compiler flag a Role added in records.ts but missing here.
const ROLES = { viewer: 'viewer', editor: 'editor', admin: 'admin' } as const satisfies { [K in Role]: K };

export const MAX_ROLE_MAPPINGS = 100;
export const MAX_EXTRA_FREE_MAIL_DOMAINS = 500;
export const MAX_AUTO_MATCH_PROJECTS = 200;
export const MIN_AUDIT_RETENTION_DAYS = 30;
export const MAX_AUDIT_RETENTION_DAYS = 3650;

const roleMappingSchema = z.object({
  group: z.string().trim().min(1, 'Enter a Jira group name').max(255, 'A group name can be at most 255 characters'),
  role: z.enum(ROLES),
});

const domainListSchema = z.array(z.string()).transform((raws, ctx) => {
  const domains: string[] = [];
  raws.forEach((raw, index) => {
    const domain = normaliseDomain(raw);
    if (domain === null) ctx.addIssue({ code: 'custom', message: `"${raw.trim()}" is not a domain name`, path: [index], input: raw });
    else if (!domains.includes(domain)) domains.push(domain);
  });
  return domains;
});

const projectKeySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'A project key starts with a letter and has only letters, digits and underscores');

export const autoMatchSchema = z.object({
  /** Link new issues to the contact whose email is the reporter's, without asking. */
  autoLink: z.boolean(),
  /** Domains treated like gmail.com: never used to find a contact's company. */
  extraFreeMailDomains: domainListSchema.pipe(
    z.array(z.string()).max(MAX_EXTRA_FREE_MAIL_DOMAINS, `At most ${MAX_EXTRA_FREE_MAIL_DOMAINS} extra free-mail domains`),
  ),
  /** Projects whose new issues are matched; empty means every project. */
  projectKeys: z
    .array(projectKeySchema)
    .max(MAX_AUTO_MATCH_PROJECTS, `At most ${MAX_AUTO_MATCH_PROJECTS} projects`)
    .transform((keys) => [...new Set(keys)]),
});

export const appSettingsSchema = z.object({
  roleMapping: z.array(roleMappingSchema).max(MAX_ROLE_MAPPINGS, `At most ${MAX_ROLE_MAPPINGS} group mappings`),
  /** The role of a licensed Jira user in no mapped group; never admin, which only a mapping or Jira admin gives. */
  defaultRole: z.enum([ROLES.viewer, ROLES.editor], 'The default role is viewer or editor; map a group to give admin'),
  autoMatch: autoMatchSchema,
  auditRetentionDays: z
    .number()
    .int('Give the retention as a whole number of days')
    .min(MIN_AUDIT_RETENTION_DAYS, `Keep history for at least ${MIN_AUDIT_RETENTION_DAYS} days`)
    .max(MAX_AUDIT_RETENTION_DAYS, `Keep history for at most ${MAX_AUDIT_RETENTION_DAYS} days`),
});

export type AppSettings = z.output<typeof appSettingsSchema>;
export type RoleMapping = AppSettings['roleMapping'][number];

export const DEFAULT_APP_SETTINGS: AppSettings = {
  roleMapping: [],
  defaultRole: 'viewer',
  autoMatch: { autoLink: true, extraFreeMailDomains: [], projectKeys: [] },
  auditRetentionDays: 365,
};

/** A change to the settings: any top-level part may be left out and keeps its stored value. */
export const appSettingsPatchSchema = appSettingsSchema.partial();
export type AppSettingsPatch = z.output<typeof appSettingsPatchSchema>;
