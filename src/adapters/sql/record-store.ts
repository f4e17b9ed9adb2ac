// Links, notes, custom fields, the audit log, settings and locks on SQL.
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { AuditAction, AuditEntry, AuditLog, CustomFields, FieldChanges, Links, Locks, Notes, Settings } from '../../domain/ports';
import { conflict } from '../../domain/errors';
import { isExternalIdField } from '../../domain/external-id';
import { chunkKeys } from './batching';
import { prefixUpperBound } from './like';
import { insertRows } from './upsert';
import { customValuePath, rethrowDuplicate } from './directory-store';
import type { SqlEngine } from './engine';
import { fromField, fromLink, fromNote, parseJson, toField, toLink, toNote } from './rows';
import type { AuditLogTable } from './schema';

const IN_LIST = 2000;

export function makeLinks(engine: SqlEngine): Links {
  const { db } = engine;
  return {
    async forRecord(recordType, recordId) {
      return (await db.selectFrom('links').selectAll().where('record_type', '=', recordType).where('record_id', '=', recordId).orderBy('created_at', 'desc').limit(1000).execute()).map(toLink);
    },
    async forRecords(recordType, recordIds) {
      const out = [];
      for (const chunk of chunkKeys(recordIds, IN_LIST)) {
        out.push(...(await db.selectFrom('links').selectAll().where('record_type', '=', recordType).where('record_id', 'in', chunk).execute()).map(toLink));
      }
      return out;
    },
    async forTarget(targetType, targetId) {
      return (await db.selectFrom('links').selectAll().where('target_type', '=', targetType).where('target_id', '=', targetId).execute()).map(toLink);
    },
    async add(link) {
      const result = await db.insertInto('links').values(fromLink(link)).orIgnore().executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async remove(recordType, recordId, targetType, targetId) {
      const result = await db
        .deleteFrom('links')
        .where('record_type', '=', recordType)
        .where('record_id', '=', recordId)
        .where('target_type', '=', targetType)
        .where('target_id', '=', targetId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async deleteForRecords(recordType, recordIds) {
      let removed = 0;
      for (const chunk of chunkKeys(recordIds, IN_LIST)) {
        const result = await db.deleteFrom('links').where('record_type', '=', recordType).where('record_id', 'in', chunk).executeTakeFirst();
        removed += Number(result.numDeletedRows);
      }
      return removed;
    },
    async moveToRecord(recordType, fromId, toId) {
      // Links the target already has stay; the duplicates left on the source are removed with it.
      const existing = await db.selectFrom('links').select(['target_type', 'target_id']).where('record_type', '=', recordType).where('record_id', '=', toId).execute();
      const have = new Set(existing.map((l) => `${l.target_type}:${l.target_id}`));
      const moving = await db.selectFrom('links').selectAll().where('record_type', '=', recordType).where('record_id', '=', fromId).execute();
      const ids = moving.filter((l) => !have.has(`${l.target_type}:${l.target_id}`)).map((l) => l.id);
      for (const chunk of chunkKeys(ids, IN_LIST)) await db.updateTable('links').set({ record_id: toId }).where('id', 'in', chunk).execute();
      await db.deleteFrom('links').where('record_type', '=', recordType).where('record_id', '=', fromId).execute();
      return ids.length;
    },
  };
}

export function makeNotes(engine: SqlEngine): Notes {
  const { db } = engine;
  return {
    async find(id) {
      const row = await db.selectFrom('notes').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toNote(row) : null;
    },
    async forRecord(recordType, recordId) {
      return (await db.selectFrom('notes').selectAll().where('record_type', '=', recordType).where('record_id', '=', recordId).orderBy('created_at', 'desc').limit(500).execute()).map(toNote);
    },
    async insert(note) {
      await db.insertInto('notes').values(fromNote(note)).execute();
    },
    async update(note) {
      const result = await db
        .updateTable('notes')
        .set({ body: note.body, version: note.version, updated_at: note.updatedAt })
        .where('id', '=', note.id)
        .where('version', '=', note.version - 1)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw conflict('The note');
    },
    async delete(id) {
      await db.deleteFrom('notes').where('id', '=', id).execute();
    },
    async deleteForRecords(recordType, recordIds) {
      let removed = 0;
      for (const chunk of chunkKeys(recordIds, IN_LIST)) {
        const result = await db.deleteFrom('notes').where('record_type', '=', recordType).where('record_id', 'in', chunk).executeTakeFirst();
        removed += Number(result.numDeletedRows);
      }
      return removed;
    },
    async moveToRecord(recordType, fromId, toId) {
      const result = await db.updateTable('notes').set({ record_id: toId }).where('record_type', '=', recordType).where('record_id', '=', fromId).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

/** Records per range of a whole-table pass: each statement touches at most this many rows. */
export const TABLE_PASS_ROWS = 10_000;

type IdRange = { after: string; last: string | null };

export function makeCustomFields(engine: SqlEngine): CustomFields {
  const { db } = engine;
  /** Consecutive ranges of ids covering the whole table, found by a keyset seek (one small read per range). */
  async function* idRanges(name: 'contacts' | 'companies'): AsyncGenerator<IdRange> {
    let after = '';
    for (;;) {
      const edge = await db.selectFrom(name).select('id').where('id', '>', after).orderBy('id').limit(1).offset(TABLE_PASS_ROWS - 1).executeTakeFirst();
      yield { after, last: edge?.id ?? null };
      if (!edge) return;
      after = edge.id;
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- select and update builders share where() only
  const inRange = <Q extends { where: (...args: any[]) => any }>(q: Q, range: IdRange): Q => {
    const from = q.where('id', '>', range.after) as Q;
    return range.last === null ? from : (from.where('id', '<=', range.last) as Q);
  };
  const table = (entity: string) => (entity === 'contact' ? 'contacts' : 'companies') as 'contacts' | 'companies';
  const hasValue = (fieldId: string) =>
    engine.dialect === 'mysql' ? sql<SqlBool>`JSON_CONTAINS_PATH(custom, 'one', ${customValuePath(fieldId)})` : sql<SqlBool>`json_type(custom, ${customValuePath(fieldId)}) IS NOT NULL`;
  return {
    async list(entity) {
      let q = db.selectFrom('custom_fields').selectAll();
      if (entity) q = q.where('entity', '=', entity);
      return (await q.orderBy('entity').orderBy('name').execute()).map(toField);
    },
    async find(id) {
      const row = await db.selectFrom('custom_fields').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toField(row) : null;
    },
    async insert(field) {
      await rethrowDuplicate(`A ${field.entity} field named "${field.name}" already exists.`, () => db.insertInto('custom_fields').values(fromField(field)).execute());
    },
    async insertMany(fields) {
      await insertRows(engine, 'custom_fields', fields.map(fromField), 'ignore');
    },
    async update(field) {
      await rethrowDuplicate(`A ${field.entity} field named "${field.name}" already exists.`, () =>
        db.updateTable('custom_fields').set({ name: field.name, name_key: field.nameKey, options: JSON.stringify(field.options) }).where('id', '=', field.id).execute(),
      );
    },
    async delete(id) {
      await db.deleteFrom('custom_fields').where('id', '=', id).execute();
    },
    async countValues(field) {
      let n = 0;
      for await (const range of idRanges(table(field.entity))) {
        const row = await inRange(db.selectFrom(table(field.entity)).select((eb) => eb.fn.countAll<number>().as('n')), range).where(hasValue(field.id)).executeTakeFirst();
        n += Number(row?.n ?? 0);
      }
      return n;
    },
    async dropValues(field) {
      // One bounded UPDATE per range of ids instead of one JSON_REMOVE over the whole table (Forge: 10 s per write).
      const remove = engine.dialect === 'mysql' ? sql<string>`JSON_REMOVE(custom, ${customValuePath(field.id)})` : sql<string>`json_remove(custom, ${customValuePath(field.id)})`;
      let n = 0;
      for await (const range of idRanges(table(field.entity))) {
        const result = await inRange(db.updateTable(table(field.entity)).set({ custom: remove }), range).where(hasValue(field.id)).executeTakeFirst();
        n += Number(result.numUpdatedRows);
        // The values of the External ID field go from the lookup of companies by external id with them.
        if (isExternalIdField(field)) {
          let q = db.deleteFrom('company_external_ids').where('company_id', '>', range.after);
          if (range.last !== null) q = q.where('company_id', '<=', range.last);
          await q.execute();
        }
      }
      return n;
    },
  };
}

const changesSchema = z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).catch({});

const toEntry = (r: AuditLogTable): AuditEntry => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  jobId: r.job_id,
  recordType: r.record_type,
  recordId: r.record_id,
  action: r.action as AuditAction,
  changes: parseJson(r.changes, changesSchema) as FieldChanges,
});

const fromEntry = (e: AuditEntry): AuditLogTable => ({
  id: e.id,
  at: e.at,
  actor: e.actor,
  job_id: e.jobId,
  record_type: e.recordType,
  record_id: e.recordId,
  action: e.action,
  changes: JSON.stringify(e.changes),
});

export function makeAuditLog(engine: SqlEngine): AuditLog {
  const { db } = engine;
  return {
    async append(entries) {
      await insertRows(engine, 'audit_log', entries.map(fromEntry), 'ignore');
    },
    async list(query) {
      let q = db.selectFrom('audit_log').selectAll();
      if (query.recordType) q = q.where('record_type', '=', query.recordType);
      if (query.recordId) q = q.where('record_id', '=', query.recordId);
      if (query.actor) q = q.where('actor', '=', query.actor);
      if (query.jobId) q = q.where('job_id', '=', query.jobId);
      if (query.action) q = q.where('action', '=', query.action);
      if (query.from) q = q.where('at', '>=', query.from);
      if (query.to) q = q.where('at', '<', query.to);
      if (query.before) {
        const [at, id] = query.before.split('|');
        q = q.where((eb) => eb.or([eb('at', '<', at ?? ''), eb.and([eb('at', '=', at ?? ''), eb('id', '<', id ?? '')])]));
      }
      const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(query.limit + 1).execute();
      const items = rows.slice(0, query.limit).map(toEntry);
      const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
      return { items, next: last ? `${last.at}|${last.id}` : null };
    },
    async countByAction(jobId) {
      const rows = await db
        .selectFrom('audit_log')
        .select(['record_type', 'action', (eb) => eb.fn.count<number>('record_id').distinct().as('n')])
        .where('job_id', '=', jobId)
        .groupBy(['record_type', 'action'])
        .execute();
      return rows.map((r) => ({ recordType: r.record_type, action: r.action as AuditAction, count: Number(r.n) }));
    },
    async forJob(jobId, recordType, after, limit) {
      let q = db.selectFrom('audit_log').selectAll().where('job_id', '=', jobId).where('record_type', '=', recordType);
      if (after) q = q.where('id', '>', after);
      return (await q.orderBy('id').limit(limit).execute()).map(toEntry);
    },
    async deleteOlderThan(at, limit) {
      const ids = (await db.selectFrom('audit_log').select('id').where('at', '<', at).orderBy('at').limit(limit).execute()).map((r) => r.id);
      for (const chunk of chunkKeys(ids, IN_LIST)) await db.deleteFrom('audit_log').where('id', 'in', chunk).execute();
      return ids.length;
    },
    async redact(recordType, recordId, tombstone) {
      const result = await db.updateTable('audit_log').set({ changes: JSON.stringify(tombstone) }).where('record_type', '=', recordType).where('record_id', '=', recordId).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async redactPrefix(recordType, recordIdPrefix, tombstone) {
      // A range instead of LIKE: exact under binary collation, free of escaping, and served by the record index.
      const result = await db
        .updateTable('audit_log')
        .set({ changes: JSON.stringify(tombstone) })
        .where('record_type', '=', recordType)
        .where('record_id', '>=', recordIdPrefix)
        .where('record_id', '<', prefixUpperBound(recordIdPrefix))
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

/** Settings kept in SQL: the local stand-in for Forge KVS (adapters/forge/kvs-settings.ts). */
export function makeSqlSettings(engine: SqlEngine): Settings {
  const { db } = engine;
  return {
    async get<T>(key: string) {
      const row = await db.selectFrom('settings').select('value').where('name', '=', key).executeTakeFirst();
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    async set<T>(key: string, value: T) {
      const insert = db.insertInto('settings').values({ name: key, value: JSON.stringify(value) });
      await (engine.dialect === 'mysql' ? insert.onDuplicateKeyUpdate({ value: JSON.stringify(value) }) : insert.onConflict((oc) => oc.column('name').doUpdateSet({ value: JSON.stringify(value) }))).execute();
    },
    async delete(key) {
      await db.deleteFrom('settings').where('name', '=', key).execute();
    },
  };
}

export function makeLocks(engine: SqlEngine): Locks {
  const { db } = engine;
  return {
    async acquire(name, owner, ttlMs, nowMs) {
      const expires = new Date(nowMs + ttlMs).toISOString();
      // The common case, a holder renewing its own lock, is one statement.
      const renewed = await db.updateTable('locks').set({ expires_at: expires }).where('name', '=', name).where('owner', '=', owner).executeTakeFirst();
      if (Number(renewed.numUpdatedRows) === 1) return true;
      // Take over an expired lock first; then a plain insert decides between racing owners (primary key).
      await db.deleteFrom('locks').where('name', '=', name).where('expires_at', '<', new Date(nowMs).toISOString()).execute();
      const inserted = await db.insertInto('locks').values({ name, owner, expires_at: expires }).orIgnore().executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async release(name, owner) {
      await db.deleteFrom('locks').where('name', '=', name).where('owner', '=', owner).execute();
    },
    async holder(name, nowMs) {
      const row = await db.selectFrom('locks').select(['owner', 'expires_at']).where('name', '=', name).executeTakeFirst();
      return row && row.expires_at >= new Date(nowMs).toISOString() ? row.owner : null;
    },
  };
}
