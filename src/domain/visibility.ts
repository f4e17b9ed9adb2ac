// Where customer data shows up: the projects whose issues get the panel, and the lowest role that may read each
// sensitive field (email, phone, every custom field). Pure rules; the settings live in KVS with the others.
import { z } from 'zod';
import { ROLE_RANK } from './roles';
import type { CustomValues, Id, Role } from './records';

const ROLES = ['viewer', 'editor', 'admin'] as const satisfies readonly Role[];

export const MAX_PANEL_PROJECTS = 200;
/** Jira's project type for Jira Service Management. */
export const SERVICE_PROJECT_TYPE = 'service_desk';

const projectKeySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'A project key starts with a letter and has only letters, digits and underscores');

/**
 * The issues that show the customer panel (and that requester matching may touch): every project, every service
 * project (the one-click preset), or the listed project keys.
 */
export const panelScopeSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('all') }),
  z.object({ mode: z.literal('service-projects') }),
  z.object({
    mode: z.literal('projects'),
    projectKeys: z
      .array(projectKeySchema)
      .min(1, 'Pick at least one project, or show the panel in all projects')
      .max(MAX_PANEL_PROJECTS, `At most ${MAX_PANEL_PROJECTS} projects`)
      .transform((keys) => [...new Set(keys)]),
  }),
]);
export type PanelScope = z.output<typeof panelScopeSchema>;

const roleSchema = z.enum(ROLES, 'A field is readable from the viewer, editor or admin role');

/** Per field, the lowest role that may read it; a custom field not listed is readable by every role. */
export const fieldVisibilitySchema = z.object({
  email: roleSchema,
  phone: roleSchema,
  custom: z.record(z.string().min(1).max(64), roleSchema).refine((map) => Object.keys(map).length <= 200, 'At most 200 custom field rules'),
});
export type FieldVisibility = z.output<typeof fieldVisibilitySchema>;

export const visibilitySettingsSchema = z.object({ panelScope: panelScopeSchema, fields: fieldVisibilitySchema });
export type VisibilitySettings = z.output<typeof visibilitySettingsSchema>;
export const visibilitySettingsPatchSchema = visibilitySettingsSchema.partial();
export type VisibilitySettingsPatch = z.output<typeof visibilitySettingsPatchSchema>;

export const DEFAULT_VISIBILITY: VisibilitySettings = {
  panelScope: { mode: 'all' },
  fields: { email: 'viewer', phone: 'viewer', custom: {} },
};

/** A field whose reading is governed: email, phone, or a custom field by id. */
export type GovernedField = 'email' | 'phone' | { customFieldId: Id };

export function lowestRoleFor(fields: FieldVisibility, field: GovernedField): Role {
  if (field === 'email' || field === 'phone') return fields[field];
  return fields.custom[field.customFieldId] ?? 'viewer';
}

export function canReadField(role: Role, fields: FieldVisibility, field: GovernedField): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[lowestRoleFor(fields, field)];
}

/** The custom values `role` may read. */
export function readableCustom(role: Role, fields: FieldVisibility, values: CustomValues): CustomValues {
  return Object.fromEntries(Object.entries(values).filter(([id]) => canReadField(role, fields, { customFieldId: id })));
}

/** An issue's project as the scope sees it: its key, and its type when known ('service_desk' for JSM). */
export type IssueProject = { key: string; typeKey: string | null };

/** The project key of an issue key ("SUP-12" -> "SUP"); Jira keys always carry the issue's current project. */
export function projectKeyOf(issueKey: string): string {
  return issueKey.slice(0, issueKey.lastIndexOf('-')).toUpperCase();
}

/** Whether the scope needs the project's type to decide (only the service-project preset does). */
export const scopeNeedsProjectType = (scope: PanelScope): boolean => scope.mode === 'service-projects';

export function isProjectInScope(scope: PanelScope, project: IssueProject): boolean {
  switch (scope.mode) {
    case 'all':
      return true;
    case 'service-projects':
      return project.typeKey === SERVICE_PROJECT_TYPE;
    case 'projects':
      return scope.projectKeys.includes(project.key.toUpperCase());
  }
}
