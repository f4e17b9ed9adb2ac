// Saved column mappings, one settings key each: 50 mappings of 200 headers fit Forge KVS, where one value could not.
// Forge KVS limits (shared/FORGE.md, from developer.atlassian.com storage limits): keys up to 500 characters, values up
// to 240 KiB.
import { startImportCommand, listMappingsCommand } from '../../../src/application/import/import-commands';
import { importOptionsSchema } from '../../../src/application/import/job-model';
import { findSavedMapping, LEGACY_MAPPINGS_KEY, listSavedMappings, MAPPING_INDEX_KEY, MAX_SAVED_MAPPINGS, saveMapping } from '../../../src/application/import/saved-mappings';
import type { Settings } from '../../../src/domain/ports';
import { admin, openWorld, type TestWorld } from '../../support/use-case-deps';

const KVS_MAX_VALUE_BYTES = 240 * 1024;
const KVS_MAX_KEY_LENGTH = 500;
const KVS_KEY = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

/** Settings held to Forge KVS's key and value limits, refusing as the SDK would. */
function kvsLikeSettings(initial: Record<string, unknown> = {}): Settings & { store: Map<string, string> } {
  const store = new Map(Object.entries(initial).map(([k, v]) => [k, JSON.stringify(v)]));
  return {
    store,
    async get<T>(key: string) {
      const raw = store.get(key);
      return raw === undefined ? undefined : (JSON.parse(raw) as T);
    },
    async set<T>(key: string, value: T) {
      if (key.length > KVS_MAX_KEY_LENGTH || !KVS_KEY.test(key)) throw new Error(`KVS refuses the key ${key}`);
      const raw = JSON.stringify(value);
      if (Buffer.byteLength(raw) > KVS_MAX_VALUE_BYTES) throw new Error(`KVS refuses a value of ${Buffer.byteLength(raw)} bytes`);
      store.set(key, raw);
    },
    async delete(key: string) {
      store.delete(key);
    },
  };
}

const wideMapping = (n: number) =>
  Object.fromEntries(Array.from({ length: 200 }, (_, c) => [`Column header number ${c} of mapping ${n} – Ünïcode`, `custom:field-${c}`]));

describe('saved mappings', () => {
  it('keeps 50 mappings of 200 headers, each under the KVS value limit, where one value holding them all would not fit', async () => {
    const settings = kvsLikeSettings();
    for (let n = 0; n < MAX_SAVED_MAPPINGS; n++) await saveMapping(settings, `Mapping ${n} / CRM “export”`, wideMapping(n));
    expect(await listSavedMappings(settings)).toHaveLength(MAX_SAVED_MAPPINGS);
    expect(await findSavedMapping(settings, 'Mapping 7 / CRM “export”')).toEqual(wideMapping(7));
    const all = Object.fromEntries(Array.from({ length: MAX_SAVED_MAPPINGS }, (_, n) => [`Mapping ${n}`, wideMapping(n)]));
    expect(Buffer.byteLength(JSON.stringify(all))).toBeGreaterThan(KVS_MAX_VALUE_BYTES);
  });

  it('refuses a 51st name but replaces an existing one', async () => {
    const settings = kvsLikeSettings();
    for (let n = 0; n < MAX_SAVED_MAPPINGS; n++) await saveMapping(settings, `m${n}`, { Email: 'email' });
    await expect(saveMapping(settings, 'one more', { Email: 'email' })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    await saveMapping(settings, 'm3', { 'E-mail': 'email' });
    expect(await findSavedMapping(settings, 'm3')).toEqual({ 'E-mail': 'email' });
    expect(await listSavedMappings(settings)).toHaveLength(MAX_SAVED_MAPPINGS);
  });

  it('moves mappings saved under the old single key to one key each, once, and deletes the old key', async () => {
    const settings = kvsLikeSettings({ [LEGACY_MAPPINGS_KEY]: { Salesforce: { 'E-mail': 'email' }, HubSpot: { Company: 'company.name' } } });
    expect(await listSavedMappings(settings)).toEqual([
      { name: 'Salesforce', mapping: { 'E-mail': 'email' } },
      { name: 'HubSpot', mapping: { Company: 'company.name' } },
    ]);
    expect(settings.store.has(LEGACY_MAPPINGS_KEY)).toBe(false);
    expect(await settings.get(MAPPING_INDEX_KEY)).toEqual(['Salesforce', 'HubSpot']);
    expect(await listSavedMappings(settings)).toHaveLength(2);
  });

  it('finishes a move that was cut short after some mappings were written', async () => {
    const settings = kvsLikeSettings({ [LEGACY_MAPPINGS_KEY]: { A: { x: 'email' }, B: { y: 'email' } }, [MAPPING_INDEX_KEY]: ['A'] });
    expect((await listSavedMappings(settings)).map((m) => m.name)).toEqual(['A', 'B']);
    expect(settings.store.has(LEGACY_MAPPINGS_KEY)).toBe(false);
  });
});

describe('saved mappings through the import commands', () => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld();
  });
  afterEach(() => world.close());

  it('saves the mapping an import starts with and lists it for the wizard', async () => {
    const deps = world.deps;
    await startImportCommand(deps, admin, {
      fileName: 'crm.csv',
      headers: ['E-mail', 'Org'],
      options: importOptionsSchema.parse({}),
      mapping: { 'E-mail': 'email', Org: 'company.name' },
      saveMappingAs: 'CRM export',
      fileWarnings: [],
      dryRun: true,
    });
    expect(await listMappingsCommand(deps)).toEqual([{ name: 'CRM export', mapping: { 'E-mail': 'email', Org: 'company.name' } }]);
  });
});
