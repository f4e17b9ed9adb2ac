// Saved column mappings: one settings key per mapping plus a small index of names, so no single value grows with the
// number of mappings (Forge KVS holds at most 240 KiB per value; 50 mappings of 200 headers would not fit in one).
import { z } from 'zod';
import { AppError } from '../../domain/errors';
import type { Settings } from '../../domain/ports';

export const MAX_SAVED_MAPPINGS = 50;
/** Where all mappings lived before one key per mapping; read once, moved, then deleted. */
export const LEGACY_MAPPINGS_KEY = 'import-mappings';
export const MAPPING_INDEX_KEY = 'import-mapping-index';

const mappingSchema = z.record(z.string(), z.string());
const indexSchema = z.array(z.string());
const legacySchema = z.record(z.string(), mappingSchema);

export type SavedMapping = { name: string; mapping: Record<string, string> };

/**
 * The key of one mapping. Names are free text and KVS keys allow only some characters, so the key is a digest of the
 * name (the index keeps the names themselves).
 */
export async function mappingKey(name: string): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(name)));
  return `import-mapping:${[...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The names of the saved mappings, after moving any mappings still stored under the old single key. */
async function mappingNames(settings: Settings): Promise<string[]> {
  const index = indexSchema.safeParse(await settings.get<unknown>(MAPPING_INDEX_KEY));
  const names = index.success ? index.data : [];
  const legacy = legacySchema.safeParse(await settings.get<unknown>(LEGACY_MAPPINGS_KEY));
  if (!legacy.success) return names;
  // Each mapping is written before the index names it, and the old key goes last: a move cut short is redone.
  const moved = [...names];
  for (const [name, mapping] of Object.entries(legacy.data)) {
    await settings.set(await mappingKey(name), mapping);
    if (!moved.includes(name)) moved.push(name);
  }
  await settings.set(MAPPING_INDEX_KEY, moved);
  await settings.delete(LEGACY_MAPPINGS_KEY);
  return moved;
}

export async function listSavedMappings(settings: Settings): Promise<SavedMapping[]> {
  const out: SavedMapping[] = [];
  for (const name of await mappingNames(settings)) {
    const mapping = mappingSchema.safeParse(await settings.get<unknown>(await mappingKey(name)));
    if (mapping.success) out.push({ name, mapping: mapping.data });
  }
  return out;
}

export async function findSavedMapping(settings: Settings, name: string): Promise<Record<string, string> | null> {
  if (!(await mappingNames(settings)).includes(name)) return null;
  const mapping = mappingSchema.safeParse(await settings.get<unknown>(await mappingKey(name)));
  return mapping.success ? mapping.data : null;
}

/** Saves (or replaces) a mapping by name; at most MAX_SAVED_MAPPINGS names. */
export async function saveMapping(settings: Settings, name: string, mapping: Record<string, string>): Promise<void> {
  const names = await mappingNames(settings);
  if (!names.includes(name) && names.length >= MAX_SAVED_MAPPINGS) {
    throw new AppError('LIMIT_EXCEEDED', `At most ${MAX_SAVED_MAPPINGS} mappings can be saved; reuse or replace one.`);
  }
  await settings.set(await mappingKey(name), mapping);
  if (!names.includes(name)) await settings.set(MAPPING_INDEX_KEY, [...names, name]);
}
