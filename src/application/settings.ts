// The app settings use cases: read them (a damaged stored value falls back to defaults) and change them, audited.
import { z } from 'zod';
import { describeProblem, fieldProblems } from '../contracts/validation';
import { appSettingsSchema, DEFAULT_APP_SETTINGS, type AppSettings, type AppSettingsPatch } from '../domain/app-settings';
import { invalid } from '../domain/errors';
import type { FieldChanges, Settings } from '../domain/ports';
import { recordAudit } from './audit-trail';
import type { Actor, Deps } from './deps';

export type { AppSettings, AppSettingsPatch } from '../domain/app-settings';
export { DEFAULT_APP_SETTINGS } from '../domain/app-settings';

export const APP_SETTINGS_KEY = 'app-settings';

// Each part is read on its own, so one damaged part does not throw away the others.
const storedShape = z.object({ roleMapping: z.unknown(), defaultRole: z.unknown(), autoMatch: z.unknown(), auditRetentionDays: z.unknown() }).partial();

/** The stored settings; any part missing or no longer valid reads as its default. */
export async function loadAppSettings(settings: Settings): Promise<AppSettings> {
  const stored = storedShape.safeParse(await settings.get<unknown>(APP_SETTINGS_KEY));
  if (!stored.success) return DEFAULT_APP_SETTINGS;
  const { shape } = appSettingsSchema;
  const part = <T>(schema: z.ZodType<T>, value: unknown, fallback: T): T => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : fallback;
  };
  return {
    roleMapping: part(shape.roleMapping, stored.data.roleMapping, DEFAULT_APP_SETTINGS.roleMapping),
    defaultRole: part(shape.defaultRole, stored.data.defaultRole, DEFAULT_APP_SETTINGS.defaultRole),
    autoMatch: part(shape.autoMatch, stored.data.autoMatch, DEFAULT_APP_SETTINGS.autoMatch),
    auditRetentionDays: part(shape.auditRetentionDays, stored.data.auditRetentionDays, DEFAULT_APP_SETTINGS.auditRetentionDays),
  };
}

export async function getSettings(deps: Deps, _actor: Actor): Promise<AppSettings> {
  return loadAppSettings(deps.settings);
}

/** Replaces the parts present in `patch`; the others keep their stored value. */
export async function updateSettings(deps: Deps, actor: Actor, patch: AppSettingsPatch): Promise<AppSettings> {
  const current = await loadAppSettings(deps.settings);
  const checked = appSettingsSchema.safeParse({
    roleMapping: patch.roleMapping ?? current.roleMapping,
    defaultRole: patch.defaultRole ?? current.defaultRole,
    autoMatch: patch.autoMatch ?? current.autoMatch,
    auditRetentionDays: patch.auditRetentionDays ?? current.auditRetentionDays,
  });
  if (!checked.success) {
    const [problem] = fieldProblems(checked.error);
    throw invalid(problem ? describeProblem(problem) : 'The settings are not valid.', { field: problem?.field ?? '' });
  }
  const next = checked.data;
  const changes: FieldChanges = {};
  for (const key of ['roleMapping', 'defaultRole', 'autoMatch', 'auditRetentionDays'] as const) {
    if (JSON.stringify(current[key]) !== JSON.stringify(next[key])) changes[key] = [current[key], next[key]];
  }
  if (Object.keys(changes).length === 0) return current;
  await deps.settings.set(APP_SETTINGS_KEY, next);
  await recordAudit(deps, actor, deps.clock().toISOString(), [{ recordType: 'settings', recordId: APP_SETTINGS_KEY, action: 'update', changes }]);
  return next;
}
