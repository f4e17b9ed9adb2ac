// Who created or last changed a contact, company or membership, stored as a short reference into `actors`.
//
// Every record carried its actors in full: `import:<job id>` or an Atlassian account id is 24-43 bytes, three times
// per imported contact (its creator and last editor, its membership's creator), about an eighth of what a contact
// costs. A record now stores `~` and 6 characters of the actor's SHA-256 (base64url, 36 bits): the same actor always
// gets the same reference, so writing needs no id handed out, and `actors` maps it back. Rows written before kept 8
// characters; those references stay in `actors`, are read back the same way and are among an actor's forms(). A
// reference `actors` holds for another actor (a collision, or an account closed since) is never used: that actor is
// stored in full, as every row written before this table existed still is. Readers accept both forms.
import { createHash } from 'node:crypto';
import { chunkKeys, unique } from './batching';
import type { Entry } from './actor-cache';
import type { SqlEngine } from './engine';
import { fromStoredTime } from './stored-time';
import { insertRows } from './upsert';

export const ACTOR_REF_PREFIX = '~';
const REF_CHARS = 6;
/** The length references had before: rows that hold one are still decoded and found. */
const LEGACY_REF_CHARS = 8;
/**
 * How far a record's time may run ahead of its actor's `seen_at` before a write moves it on: `seen_at` is the latest
 * time the app stored something with that account, what personal-data reports send as updatedAt.
 */
const SEEN_REFRESH_MS = 24 * 3_600_000;
const KEYS_PER_READ = 1000;

export function actorRef(actor: string, chars: number = REF_CHARS): string {
  return ACTOR_REF_PREFIX + createHash('sha256').update(actor, 'utf8').digest('base64url').slice(0, chars);
}

export const isActorRef = (stored: string): boolean => stored.startsWith(ACTOR_REF_PREFIX);

type ActorColumns = { created_by?: string; updated_by?: string };

export type ActorRefs = {
  /** Rewrites the actor columns of rows about to be written to their stored form (adding what `actors` lacks). */
  encodeRows<R extends ActorColumns & { created_at?: string; updated_at?: string }>(rows: R[]): Promise<R[]>;
  /** The stored form of one actor writing at `at`, for an UPDATE ... SET. */
  encode(actor: string, at: string): Promise<string>;
  /** Rewrites the actor columns of rows just read back to the actors they stand for. */
  decodeRows<R extends ActorColumns>(rows: R[]): Promise<R[]>;
  /** Every stored form that may mean `actor`, for WHERE ... IN. */
  forms(actor: string): Promise<string[]>;
};

export function makeActorRefs(engine: SqlEngine, clock: () => number = Date.now): ActorRefs {
  const { db } = engine;
  // Inside a command's transaction: what this store read there, kept by the engine's cache only once it commits.
  const local = engine.afterCommit ? new Map<string, Entry>() : null;

  const known = (ref: string, now: number) => local?.get(ref) ?? engine.actors.get(ref, now);

  function keep(entries: [string, Entry][]): void {
    if (local && engine.afterCommit) {
      for (const [ref, entry] of entries) local.set(ref, entry);
      engine.afterCommit(async () => entries.forEach(([ref, entry]) => engine.actors.set(ref, entry)));
    } else {
      for (const [ref, entry] of entries) engine.actors.set(ref, entry);
    }
  }

  async function read(refs: readonly string[], now: number): Promise<void> {
    const found: [string, Entry][] = [];
    for (const chunk of chunkKeys(unique(refs), KEYS_PER_READ)) {
      for (const r of await db.selectFrom('actors').selectAll().where('ref', 'in', chunk).execute()) found.push([r.ref, { actor: r.actor, seenAt: r.seen_at, readAt: now }]);
    }
    keep(found);
  }

  /**
   * The stored form of each actor, given the time of each use (the record's created_at or updated_at): writes the
   * `actors` rows that are missing and moves on a `seen_at` that fell behind.
   */
  async function storedForms(uses: readonly { actor: string; at: string }[]): Promise<Map<string, string>> {
    const now = clock();
    const latest = new Map<string, string>();
    for (const { actor, at } of uses) {
      const seen = latest.get(actor);
      if (seen === undefined || at > seen) latest.set(actor, at);
    }
    const wanted = [...latest].map(([actor, at]) => ({ actor, at: at === '' ? new Date(now).toISOString() : at, ref: actorRef(actor) }));
    const unknown = wanted.filter((w) => known(w.ref, now) === undefined);
    if (unknown.length > 0) {
      await insertRows(engine, 'actors', unknown.map((w) => ({ ref: w.ref, actor: w.actor, seen_at: w.at })), 'ignore');
      await read(unknown.map((w) => w.ref), now);
    }
    for (const w of wanted) {
      const entry = known(w.ref, now);
      if (entry?.actor !== w.actor || !(Date.parse(w.at) - Date.parse(entry.seenAt) > SEEN_REFRESH_MS)) continue;
      // One actor per write as a rule (an import's, or the caller's): a statement each stays bounded.
      await db.updateTable('actors').set({ seen_at: w.at }).where('ref', '=', w.ref).where('seen_at', '<', w.at).execute();
      keep([[w.ref, { ...entry, seenAt: w.at }]]);
    }
    const out = new Map<string, string>();
    for (const { actor, ref } of wanted) {
      if (known(ref, now)?.actor === actor) out.set(actor, ref);
      else if (isActorRef(actor)) throw new Error(`The actor ${actor} looks like a stored reference and cannot be stored in full.`);
      else out.set(actor, actor);
    }
    return out;
  }

  const actorColumns = (row: ActorColumns) => [row.created_by, row.updated_by].filter((v): v is string => v !== undefined);
  const uses = (row: ActorColumns & { created_at?: string; updated_at?: string }) => [
    ...(row.created_by === undefined ? [] : [{ actor: row.created_by, at: fromStoredTime(row.created_at ?? '') }]),
    ...(row.updated_by === undefined ? [] : [{ actor: row.updated_by, at: fromStoredTime(row.updated_at ?? '') }]),
  ];

  return {
    async encodeRows(rows) {
      const forms = await storedForms(rows.flatMap(uses));
      for (const row of rows) {
        if (row.created_by !== undefined) row.created_by = forms.get(row.created_by)!;
        if (row.updated_by !== undefined) row.updated_by = forms.get(row.updated_by)!;
      }
      return rows;
    },
    async encode(actor, at) {
      return (await storedForms([{ actor, at }])).get(actor)!;
    },
    async decodeRows(rows) {
      const now = clock();
      const refs = unique(rows.flatMap(actorColumns).filter(isActorRef));
      const missing = refs.filter((ref) => known(ref, now) === undefined);
      if (missing.length > 0) await read(missing, now);
      // A reference with no row (never expected: rows are written after their actors) reads as itself.
      const decode = (stored: string) => (isActorRef(stored) ? (known(stored, now)?.actor ?? stored) : stored);
      for (const row of rows) {
        if (row.created_by !== undefined) row.created_by = decode(row.created_by);
        if (row.updated_by !== undefined) row.updated_by = decode(row.updated_by);
      }
      return rows;
    },
    async forms(actor) {
      const now = clock();
      const refs = [actorRef(actor), actorRef(actor, LEGACY_REF_CHARS)];
      const missing = refs.filter((ref) => known(ref, now) === undefined);
      if (missing.length > 0) await read(missing, now);
      return [actor, ...refs.filter((ref) => known(ref, now)?.actor === actor)];
    },
  };
}
