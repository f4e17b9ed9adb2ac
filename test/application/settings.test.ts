// App settings: defaults on a fresh site, damaged stored parts read as defaults, validated and audited changes.
import { APP_SETTINGS_KEY, DEFAULT_APP_SETTINGS, getSettings, loadAppSettings, updateSettings } from '../../src/application/settings';
import type { ResolverDeps } from '../../src/entry/resolvers/define-resolvers';
import { admin, openWorld, type TestWorld } from '../support/use-case-deps';

describe('settings', () => {
  let world: TestWorld;
  let deps: ResolverDeps;
  beforeEach(async () => {
    world = await openWorld();
    deps = world.deps;
  });
  afterEach(() => world.close());

  it('gives the defaults when nothing is stored', async () => {
    expect(await getSettings(deps, admin)).toEqual(DEFAULT_APP_SETTINGS);
  });

  it('reads a damaged stored part as its default and keeps the parts that are fine', async () => {
    await deps.settings.set(APP_SETTINGS_KEY, { roleMapping: 'everyone is admin', auditRetentionDays: 90 });
    expect(await loadAppSettings(deps.settings)).toEqual({ ...DEFAULT_APP_SETTINGS, auditRetentionDays: 90 });
    await deps.settings.set(APP_SETTINGS_KEY, 42);
    expect(await loadAppSettings(deps.settings)).toEqual(DEFAULT_APP_SETTINGS);
  });

  it('stores a change to one part, keeps the others, and audits what changed', async () => {
    const roleMapping = [{ group: 'support-team', role: 'editor' as const }];
    const saved = await updateSettings(deps, admin, { roleMapping });
    expect(saved).toEqual({ ...DEFAULT_APP_SETTINGS, roleMapping });
    expect(await loadAppSettings(deps.settings)).toEqual(saved);
    const [entry] = (await deps.store.audit.list({ recordType: 'settings', limit: 5 })).items;
    expect(entry).toMatchObject({ action: 'update', actor: 'local-admin', changes: { roleMapping: [[], roleMapping] } });
  });

  it('gives unmapped users the viewer role by default, and lets an admin make it editor but never admin', async () => {
    expect((await getSettings(deps, admin)).defaultRole).toBe('viewer');
    const saved = await updateSettings(deps, admin, { defaultRole: 'editor' });
    expect(saved.defaultRole).toBe('editor');
    const [entry] = (await deps.store.audit.list({ recordType: 'settings', limit: 5 })).items;
    expect(entry).toMatchObject({ changes: { defaultRole: ['viewer', 'editor'] } });
    await expect(updateSettings(deps, admin, { defaultRole: 'admin' as 'editor' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('refuses settings that break the rules, naming the field', async () => {
    await expect(updateSettings(deps, admin, { auditRetentionDays: 1 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'auditRetentionDays: Keep history for at least 30 days',
    });
    expect(await loadAppSettings(deps.settings)).toEqual(DEFAULT_APP_SETTINGS);
  });
});
