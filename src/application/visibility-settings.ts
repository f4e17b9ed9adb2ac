// The visibility settings use cases: which projects show the panel and who may read which field; read (a damaged
// stored part falls back to its default) and changed by admins, audited. Stored under their own KVS key, beside the others.
import { z } from 'zod';
import { describeProblem, fieldProblems } from '../contracts/validation';
import { invalid } from '../domain/errors';
import type { FieldChanges, Settings } from '../domain/ports';
import { DEFAULT_VISIBILITY, visibilitySettingsSchema, type VisibilitySettings, type VisibilitySettingsPatch } from '../domain/visibility';
import { recordAudit } from './audit-trail';
import type { Actor, Deps } from './deps';

export const VISIBILITY_SETTINGS_KEY = 'visibility-settings';

const storedShape = z.object({ panelScope: z.unknown(), fields: z.unknown() }).partial();

/** The stored visibility settings; a part missing or no longer valid reads as its default (everything visible). */
export async function loadVisibility(settings: Settings): Promise<VisibilitySettings> {
  const stored = storedShape.safeParse(await settings.get<unknown>(VISIBILITY_SETTINGS_KEY));
  if (!stored.success) return DEFAULT_VISIBILITY;
  const { shape } = visibilitySettingsSchema;
  const scope = shape.panelScope.safeParse(stored.data.panelScope);
  const fields = shape.fields.safeParse(stored.data.fields);
  return { panelScope: scope.success ? scope.data : DEFAULT_VISIBILITY.panelScope, fields: fields.success ? fields.data : DEFAULT_VISIBILITY.fields };
}

export async function getVisibilitySettings(deps: Deps, _actor: Actor): Promise<VisibilitySettings> {
  return loadVisibility(deps.settings);
}

/** Replaces the parts present in `patch`. Rules for custom fields must name fields that exist. */
export async function updateVisibilitySettings(deps: Deps, actor: Actor, patch: VisibilitySettingsPatch): Promise<VisibilitySettings> {
  const current = await loadVisibility(deps.settings);
  const checked = visibilitySettingsSchema.safeParse({ panelScope: patch.panelScope ?? current.panelScope, fields: patch.fields ?? current.fields });
  if (!checked.success) {
    const [problem] = fieldProblems(checked.error);
    throw invalid(problem ? describeProblem(problem) : 'The visibility settings are not valid.', { field: problem?.field ?? '' });
  }
  let next = checked.data;
  const ruled = Object.keys(next.fields.custom);
  if (ruled.length > 0) {
    const known = new Set((await deps.store.fields.list()).map((f) => f.id));
    // A rule kept for a field deleted since is dropped; a rule for a field that never existed is a mistake to report.
    const custom = Object.fromEntries(Object.entries(next.fields.custom).filter(([id]) => known.has(id) || !Object.hasOwn(current.fields.custom, id)));
    next = { ...next, fields: { ...next.fields, custom } };
    const unknown = Object.keys(custom).find((id) => !known.has(id));
    if (unknown !== undefined) {
      throw invalid(`fields.custom.${unknown}: there is no custom field with this id (it may have been deleted); reload the settings and try again.`, {
        field: `fields.custom.${unknown}`,
      });
    }
  }
  const changes: FieldChanges = {};
  for (const key of ['panelScope', 'fields'] as const) {
    if (JSON.stringify(current[key]) !== JSON.stringify(next[key])) changes[key] = [current[key], next[key]];
  }
  if (Object.keys(changes).length === 0) return current;
  await deps.settings.set(VISIBILITY_SETTINGS_KEY, next);
  await recordAudit(deps, actor, deps.clock().toISOString(), [{ recordType: 'settings', recordId: VISIBILITY_SETTINGS_KEY, action: 'update', changes }]);
  return next;
}
