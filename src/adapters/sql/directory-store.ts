// Contacts, companies and memberships on SQL: lookups by IN lists, multi-row upserts, keyset-paged prefix search.
import { sql, type SqlBool } from 'kysely';
import { AppError, conflict } from '../../domain/errors';
import { EXTERNAL_ID_FIELD_KEY, externalIdOf } from '../../domain/external-id';
import { companySearchText, contactSearchText, SEARCH_CANDIDATES, searchPieces, searchRank } from '../../domain/search-text';
import type { Companies, Contacts, DirectoryQuery, Memberships, Page } from '../../domain/ports';
import type { Company, Contact, Id, RecordType } from '../../domain/records';
import { makeActorRefs } from './actor-refs';
import { batchRows, chunkKeys, unique } from './batching';
import type { SqlEngine } from './engine';
import { sqlErrorKind } from './sql-errors';
import { toStoredTime } from './stored-time';
import { insertRows, upsertRows } from './upsert';
import { readBounded, ROW_BYTES, rowBytes } from './bounded-read';
import { fromCompany, fromContact, fromMembership, toCompany, toContact, toMembership } from './rows';
import type { CompaniesTable, CompanyExternalIdsTable, ContactsTable, Database, MembershipsTable } from './schema';

// Keys per IN (...) lookup: one statement per import chunk, within SQLite's 32,766 bound parameters.
const IN_LIST = 10000;
/** (contact, company) pairs per row-value list. */
const PAIR_LIST = 2000;

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): [string, string] | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "string")) return [value[0] as string, value[1] as string];
  } catch {
    /* fall through */
  }
  throw new AppError('INVALID_INPUT', 'The page cursor is not valid; start again from the first page.');
}

function isDuplicateKey(error: unknown): boolean {
  return sqlErrorKind(error) === 'duplicate-key';
}

export async function rethrowDuplicate<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isDuplicateKey(error)) throw new AppError('DUPLICATE', what);
    throw error;
  }
}

/** The search text of each record, rewritten (one upsert per batch) when a record's searchable text changes. */
class SearchIndex {
  constructor(
    private readonly engine: SqlEngine,
    private readonly recordType: RecordType,
  ) {}

  async write(records: readonly { id: Id; text: string }[]): Promise<void> {
    const rows = records.map((r) => ({ record_type: this.recordType, record_id: r.id, body: r.text }));
    await upsertRows(this.engine, 'search_text', rows, ['record_type', 'record_id'], ['body']);
  }

  async remove(ids: readonly Id[]): Promise<void> {
    for (const chunk of chunkKeys(ids, IN_LIST)) {
      await this.engine.db.deleteFrom('search_text').where('record_type', '=', this.recordType).where('record_id', 'in', chunk).execute();
    }
  }

  /** Search rows containing every piece, anywhere (INSTR: exact under binary collation, no LIKE escaping). */
  private containing(pieces: readonly string[]) {
    return this.engine.db
      .selectFrom('search_text')
      .where('record_type', '=', this.recordType)
      .where((eb) => eb.and(pieces.map((p) => eb(sql<number>`INSTR(body, ${p})`, '>', 0))));
  }

  /**
   * Ids of records containing every piece of the query, as a subquery; null when there is no text. Text with nothing
   * searchable in it ("%@%", "_") matches nothing rather than dropping the filter and listing everyone.
   */
  matching(text: string) {
    if (text.trim() === '') return null;
    const pieces = searchPieces(text);
    const found = this.containing(pieces).select('record_id');
    return pieces.length === 0 ? found.where(sql<SqlBool>`1 = 0`) : found;
  }

  /**
   * The best `limit` matches: at most SEARCH_CANDIDATES rows are read (a LIMIT before any sort), then ranked: exact
   * email or domain (`exact`), then matches at word starts, then inside words; ties by name.
   */
  async suggest<T extends { id: Id }>(text: string, limit: number, load: (ids: Id[]) => Promise<T[]>, exact: (record: T) => boolean, exactFirst: () => Promise<T[]>): Promise<T[]> {
    const pieces = searchPieces(text);
    if (pieces.length === 0) return [];
    const rows = await this.containing(pieces).select(['record_id', 'body']).limit(SEARCH_CANDIDATES).execute();
    const ranked = rows.map((r) => ({ id: r.record_id, body: r.body, rank: searchRank(pieces, r.body, false) })).sort((a, b) => a.rank - b.rank || (a.body < b.body ? -1 : a.body > b.body ? 1 : 0));
    const pinned = await exactFirst();
    const records = await load(unique([...pinned.map((r) => r.id), ...ranked.slice(0, limit).map((r) => r.id)]));
    const order = new Map(ranked.map((r, i) => [r.id, i]));
    return records
      .map((record) => ({ record, rank: exact(record) ? -1 : (order.get(record.id) ?? ranked.length) }))
      .sort((a, b) => a.rank - b.rank)
      .slice(0, limit)
      .map((r) => r.record);
  }
}

/**
 * Which company holds each external id (the value of the company field named External ID), rewritten with every
 * company write, like the search text: a profile edit, an import, a merge, an undo or a delete keeps it in step.
 */
class ExternalIdIndex {
  constructor(private readonly engine: SqlEngine) {}

  /** The External ID field's id, read at each use: a field created, renamed or removed since is never missed. */
  async fieldId(): Promise<string | null> {
    const row = await this.engine.db.selectFrom('custom_fields').select('id').where('entity', '=', 'company').where('name_key', '=', EXTERNAL_ID_FIELD_KEY).executeTakeFirst();
    return row?.id ?? null;
  }

  /**
   * What writing these companies changes in the lookup (`isNew`: a company with no rows to read). Rows are added
   * before the companies are written and stale ones removed after: a crash in between leaves an extra row, which
   * finds nothing (lookups check the company's value), never a missing one, which a retry could not see.
   */
  async plan(companies: readonly Pick<Company, 'id' | 'custom'>[], isNew: (id: Id) => boolean, fromField?: Id): Promise<{ add(): Promise<void>; removeStale(): Promise<void> }> {
    const { db } = this.engine;
    const fieldId = fromField ?? (await this.fieldId());
    const wanted: CompanyExternalIdsTable[] = [];
    for (const c of companies) {
      const externalId = externalIdOf(c, fieldId);
      if (externalId !== undefined) wanted.push({ external_id: externalId, company_id: c.id });
    }
    const held: CompanyExternalIdsTable[] = [];
    for (const chunk of chunkKeys(unique(companies.filter((c) => !isNew(c.id)).map((c) => c.id)), IN_LIST)) {
      held.push(...(await db.selectFrom('company_external_ids').selectAll().where('company_id', 'in', chunk).execute()));
    }
    const key = (r: CompanyExternalIdsTable) => `${r.company_id} ${r.external_id}`;
    const keep = new Set(wanted.map(key));
    const have = new Set(held.map(key));
    const removed = held.filter((r) => !keep.has(key(r)));
    const added = wanted.filter((r) => !have.has(key(r)));
    return {
      add: async () => {
        await insertRows(this.engine, 'company_external_ids', added, 'ignore');
      },
      removeStale: async () => {
        for (const chunk of chunkKeys(removed, PAIR_LIST)) {
          await db
            .deleteFrom('company_external_ids')
            .where((eb) => eb(eb.refTuple('external_id', 'company_id'), 'in', chunk.map((r) => eb.tuple(r.external_id, r.company_id))))
            .execute();
        }
      },
    };
  }

  async remove(ids: readonly Id[]): Promise<void> {
    for (const chunk of chunkKeys(ids, IN_LIST)) await this.engine.db.deleteFrom('company_external_ids').where('company_id', 'in', chunk).execute();
  }

  /** The companies recorded as holding any of these ids (callers check the company's value: the record is the truth). */
  async companyIds(externalIds: readonly string[]): Promise<Id[]> {
    const ids: Id[] = [];
    for (const chunk of chunkKeys(unique(externalIds), IN_LIST)) {
      ids.push(...(await this.engine.db.selectFrom('company_external_ids').select('company_id').where('external_id', 'in', chunk).execute()).map((r) => r.company_id));
    }
    return unique(ids);
  }
}

/** Every column of the tables read whole, for sizing their rows (see rowBytes). */
const COLUMNS: { [T in keyof Database]?: readonly (keyof Database[T] & string)[] } = {
  contacts: ['id', 'email', 'first_name', 'last_name', 'display_name', 'phone', 'job_title', 'custom', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by'],
  companies: ['id', 'name', 'name_key', 'parent_id', 'custom', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by'],
  company_domains: ['domain', 'company_id'],
  memberships: ['contact_id', 'company_id', 'role', 'is_primary', 'created_at', 'created_by'],
};
function bytesOf(engine: SqlEngine, table: keyof Database) {
  const columns = COLUMNS[table];
  if (!columns) throw new Error(`No list of columns to size the rows of ${table} by.`);
  return rowBytes(engine, columns.map((name) => ({ ref: name, name })));
}

/** Key lists from this size on are probed for any stored key in their range before they are looked up one by one. */
const PROBE_KEYS = 100;

/**
 * The smallest and largest of `keys` in UTF-8 byte order: the order of the binary collation every engine here compares
 * text by (JavaScript's own order differs for characters beyond U+FFFF).
 */
function byteRange(keys: readonly string[]): [string, string] {
  let least = keys[0]!;
  let most = keys[0]!;
  let leastBytes = Buffer.from(least);
  let mostBytes = leastBytes;
  for (const key of keys) {
    const bytes = Buffer.from(key);
    if (Buffer.compare(bytes, leastBytes) < 0) [least, leastBytes] = [key, bytes];
    if (Buffer.compare(bytes, mostBytes) > 0) [most, mostBytes] = [key, bytes];
  }
  return [least, most];
}

/**
 * Rows of `table` whose `column` is one of `keys`, in reads that stay under Forge SQL's response limit (a record's
 * custom values can be large): each list of keys is bounded, and each response by bytes. `tie` orders the rows of one
 * key (null when the column is unique), so a read cut inside a key goes on after its last row.
 */
async function rowsWhereIn<T extends keyof Database>(engine: SqlEngine, table: T, column: keyof Database[T] & string, tie: (keyof Database[T] & string) | null, keys: readonly string[]): Promise<Database[T][]> {
  // Kysely's types cannot follow a table chosen at run time: the query is written for one table and holds for all.
  const [c, t] = [column as 'id', tie as 'email' | null];
  const bytes = bytesOf(engine, table);
  const rows: Database[T][] = [];
  for (const chunk of chunkKeys(unique(keys), IN_LIST)) {
    const read = await readBounded<ContactsTable>(
      engine,
      (after) => {
        const q = engine.db.selectFrom(table as 'contacts').selectAll().select(bytes.as(ROW_BYTES)).where(c, 'in', chunk);
        if (!after) return q;
        if (t === null) return q.where(c, '>', after[c]);
        return q.where((eb) => eb.or([eb(c, '>', after[c]), eb.and([eb(c, '=', after[c]), eb(t, '>', after[t])])]));
      },
      t === null ? [c] : [c, t],
    );
    rows.push(...(read as unknown as Database[T][]));
  }
  return rows;
}

/**
 * A page of `table` in id order after `afterId`, in responses under Forge SQL's limit; with `created`, only rows whose
 * ids lie in an import job's id range and that its actor created.
 */
async function pageById<T extends 'contacts' | 'companies'>(engine: SqlEngine, table: T, afterId: Id | null, limit: number, created?: { ids: { from: string; to: string }; by: readonly string[] }) {
  const bytes = bytesOf(engine, table);
  const rows = await readBounded<ContactsTable>(
    engine,
    (after, left) => {
      const from = after?.id ?? afterId;
      return engine.db
        .selectFrom(table as 'contacts')
        .selectAll()
        .select(bytes.as(ROW_BYTES))
        // bounded: `by` is an actor's stored forms, at most two (ActorRefs.forms)
        .$if(created !== undefined, (q) => q.where('id', '>=', created!.ids.from).where('id', '<', created!.ids.to).where('created_by', 'in', created!.by))
        .$if(from !== null, (q) => q.where('id', '>', from!))
        .orderBy('id')
        .limit(left);
    },
    ['id'],
    limit,
  );
  return rows as unknown as Database[T][];
}

/** The JSON path of a custom value: its field's id, quoted, keeping only the characters ids are made of. */
export function customValuePath(fieldId: string): string {
  return `$."${fieldId.replace(/[^A-Za-z0-9_-]/g, '')}"`;
}

function jsonValue(engine: SqlEngine, fieldId: string) {
  const path = customValuePath(fieldId);
  return engine.dialect === 'mysql' ? sql<string>`JSON_UNQUOTE(JSON_EXTRACT(custom, ${path}))` : sql<string>`json_extract(custom, ${path})`;
}

export function makeContacts(engine: SqlEngine): Contacts {
  const { db } = engine;
  const index = new SearchIndex(engine, 'contact');
  const refs = makeActorRefs(engine);
  const contactsOf = async (rows: ContactsTable[]) => (await refs.decodeRows(rows)).map(toContact);
  const columns: (keyof ContactsTable)[] = ['email', 'first_name', 'last_name', 'display_name', 'phone', 'job_title', 'custom', 'version', 'updated_at', 'updated_by'];

  function filtered(query: Omit<DirectoryQuery, 'after' | 'limit' | 'sort'>) {
    let q = db.selectFrom('contacts');
    const sub = query.text ? index.matching(query.text) : null;
    if (sub) q = q.where('id', 'in', sub);
    if (query.companyId || query.role) {
      let m = db.selectFrom('memberships').select('contact_id');
      if (query.companyId) m = m.where('company_id', '=', query.companyId);
      if (query.role) m = m.where('role', '=', query.role);
      q = q.where('id', 'in', m);
    }
    if (query.custom) q = q.where(jsonValue(engine, query.custom.fieldId), '=', query.custom.value);
    return q;
  }

  return {
    async find(id) {
      const row = await db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? (await contactsOf([row]))[0]! : null;
    },
    async findMany(ids) {
      return contactsOf(await rowsWhereIn(engine, 'contacts', 'id', null, ids));
    },
    async findByEmails(emails) {
      // An import's chunk of new people asks for thousands of emails that are all unknown: when no stored email lies
      // between the smallest and the largest, one probe answers instead of the look-up of each.
      if (emails.length >= PROBE_KEYS) {
        const [least, most] = byteRange(emails);
        const any = await db.selectFrom('contacts').select('id').where('email', '>=', least).where('email', '<=', most).limit(1).executeTakeFirst();
        if (!any) return [];
      }
      return contactsOf(await rowsWhereIn(engine, 'contacts', 'email', null, emails));
    },
    async findByEmailWithMemberships(email) {
      const rows = await db
        .selectFrom('contacts')
        .leftJoin('memberships', 'memberships.contact_id', 'contacts.id')
        .selectAll('contacts')
        .select([
          'memberships.company_id as m_company_id',
          'memberships.role as m_role',
          'memberships.is_primary as m_is_primary',
          'memberships.created_at as m_created_at',
          'memberships.created_by as m_created_by',
        ])
        .where('contacts.email', '=', email)
        .orderBy('memberships.company_id')
        .execute();
      const [first] = rows;
      if (first === undefined) return null;
      const { m_company_id: _c, m_role: _r, m_is_primary: _p, m_created_at: _a, m_created_by: _b, ...contactRow } = first;
      const membershipRows: MembershipsTable[] = [];
      for (const r of rows) {
        if (r.m_company_id === null) continue;
        membershipRows.push({
          contact_id: first.id,
          company_id: r.m_company_id,
          role: r.m_role ?? '',
          is_primary: r.m_is_primary ?? 0,
          created_at: r.m_created_at ?? '',
          created_by: r.m_created_by ?? '',
        });
      }
      // One look-up of the actors for the contact and its memberships together.
      await refs.decodeRows<{ created_by?: string; updated_by?: string }>([contactRow, ...membershipRows]);
      return { contact: toContact(contactRow), memberships: membershipRows.map(toMembership) };
    },
    async search(query): Promise<Page<Contact>> {
      const byName = query.sort !== 'updated';
      const sortColumn = byName ? 'display_name' : 'updated_at';
      let q = filtered(query).selectAll();
      const cursor = decodeCursor(query.after);
      if (cursor) {
        q = q.where((eb) => eb.or([eb(sortColumn, byName ? '>' : '<', cursor[0]), eb.and([eb(sortColumn, '=', cursor[0]), eb('id', byName ? '>' : '<', cursor[1])])]));
      }
      const rows = await q.orderBy(sortColumn, byName ? 'asc' : 'desc').orderBy('id', byName ? 'asc' : 'desc').limit(query.limit + 1).execute();
      const items = await contactsOf(rows.slice(0, query.limit));
      const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
      return { items, next: last ? encodeCursor([last[sortColumn], last.id]) : null };
    },
    async count(query) {
      const row = await filtered(query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async suggest(text, limit) {
      const raw = text.trim().toLowerCase();
      const domainOf = (email: string) => email.slice(email.indexOf('@') + 1);
      return index.suggest(
        text,
        limit,
        (ids) => this.findMany(ids),
        (c) => c.email === raw || domainOf(c.email) === raw,
        async () => (raw.includes('@') ? this.findByEmails([raw]) : []),
      );
    },
    async rebuildSearchText(afterId, limit) {
      const rows = await pageById(engine, 'contacts', afterId, limit);
      await index.write(rows.map(toContact).map((c) => ({ id: c.id, text: contactSearchText(c) })));
      return rows.length === limit ? rows[rows.length - 1]!.id : null;
    },
    async insert(contact) {
      const [row] = await refs.encodeRows([fromContact(contact)]);
      await rethrowDuplicate(`A contact with the email ${contact.email} already exists.`, () => db.insertInto('contacts').values(row!).execute());
      await index.write([{ id: contact.id, text: contactSearchText(contact) }]);
    },
    async update(contact) {
      const [row] = await refs.encodeRows([fromContact(contact)]);
      const result = await rethrowDuplicate(`A contact with the email ${contact.email} already exists.`, () =>
        db
          .updateTable('contacts')
          .set(Object.fromEntries(columns.map((c) => [c, row![c]])))
          .where('id', '=', contact.id)
          .where('version', '=', contact.version - 1)
          .executeTakeFirst(),
      );
      if (Number(result.numUpdatedRows) !== 1) throw conflict(`Contact ${contact.email}`);
      await index.write([{ id: contact.id, text: contactSearchText(contact) }]);
    },
    async delete(id) {
      await db.deleteFrom('contacts').where('id', '=', id).execute();
      await index.remove([id]);
    },
    async saveMany(contacts, isNew) {
      if (contacts.length === 0) return;
      await upsertRows(engine, 'contacts', await refs.encodeRows(contacts.map(fromContact)), ['id'], columns);
      await index.write(contacts.map((c) => ({ id: c.id, text: contactSearchText(c) })));
    },
    async deleteMany(ids) {
      for (const chunk of chunkKeys(ids, IN_LIST)) await db.deleteFrom('contacts').where('id', 'in', chunk).execute();
      await index.remove(ids);
    },
    async createdIn(ids, createdBy, afterId, limit) {
      return contactsOf(await pageById(engine, 'contacts', afterId, limit, { ids, by: await refs.forms(createdBy) }));
    },
  };
}

export function makeCompanies(engine: SqlEngine): Companies {
  const { db } = engine;
  const index = new SearchIndex(engine, 'company');
  const externalIds = new ExternalIdIndex(engine);
  const refs = makeActorRefs(engine);
  const columns: (keyof CompaniesTable)[] = ['name', 'name_key', 'parent_id', 'custom', 'version', 'updated_at', 'updated_by'];

  async function withDomains(rows: CompaniesTable[]): Promise<Company[]> {
    if (rows.length === 0) return [];
    await refs.decodeRows(rows);
    const domains = new Map<string, string[]>();
    for (const d of await rowsWhereIn(engine, 'company_domains', 'company_id', 'domain', rows.map((r) => r.id))) domains.set(d.company_id, [...(domains.get(d.company_id) ?? []), d.domain]);
    return rows.map((r) => toCompany(r, domains.get(r.id) ?? []));
  }

  async function selectIn(column: 'id' | 'name_key', keys: readonly string[]): Promise<Company[]> {
    return withDomains(await rowsWhereIn(engine, 'companies', column, column === 'id' ? null : 'id', keys));
  }

  /**
   * Replaces the domains of the given companies; a domain owned by another company is a DUPLICATE. Only the domains
   * that change are written, and added ones with a plain insert: the domain's primary key decides between racing
   * writers, so a loser fails instead of being silently ignored (and its company is never written).
   */
  async function writeDomains(companies: readonly Company[], isNew: (id: Id) => boolean): Promise<void> {
    const existing = companies.filter((c) => !isNew(c.id)).map((c) => c.id);
    const held = new Map<string, string>(); // domain -> company, for the companies being written
    for (const ids of chunkKeys(existing, IN_LIST)) {
      for (const d of await db.selectFrom('company_domains').selectAll().where('company_id', 'in', ids).execute()) held.set(d.domain, d.company_id);
    }
    const wanted = companies.flatMap((c) => c.domains.map((domain) => ({ domain, company_id: c.id })));
    const added = wanted.filter((w) => held.get(w.domain) !== w.company_id);
    if (added.length > 0) {
      const owners = new Map<string, string>();
      for (const chunk of chunkKeys(added.map((w) => w.domain), IN_LIST)) {
        for (const d of await db.selectFrom('company_domains').selectAll().where('domain', 'in', chunk).execute()) owners.set(d.domain, d.company_id);
      }
      // A domain moving between two companies written together is free once the other lets go of it.
      const releasing = (domain: string, owner: string | undefined) => companies.some((c) => c.id === owner && !c.domains.includes(domain));
      const taken = added.find((w) => owners.has(w.domain) && owners.get(w.domain) !== w.company_id && !releasing(w.domain, owners.get(w.domain)));
      if (taken) throw new AppError('DUPLICATE', `The domain ${taken.domain} already belongs to another company.`);
    }
    const keep = new Set(wanted.map((w) => `${w.company_id} ${w.domain}`));
    const removed = [...held].filter(([domain, companyId]) => !keep.has(`${companyId} ${domain}`)).map(([domain]) => domain);
    for (const chunk of chunkKeys(removed, IN_LIST)) await db.deleteFrom('company_domains').where('domain', 'in', chunk).execute();
    for (const batch of batchRows(added, () => [0, 0], engine.maxParams)) {
      await rethrowDuplicate('A domain already belongs to another company.', () => db.insertInto('company_domains').values(batch).execute());
    }
  }

  function filtered(query: Omit<DirectoryQuery, 'after' | 'limit' | 'sort'>) {
    let q = db.selectFrom('companies');
    const sub = query.text ? index.matching(query.text) : null;
    if (sub) q = q.where('id', 'in', sub);
    if (query.parentId) q = q.where('parent_id', '=', query.parentId);
    if (query.custom) q = q.where(jsonValue(engine, query.custom.fieldId), '=', query.custom.value);
    return q;
  }

  return {
    async find(id) {
      return (await selectIn('id', [id]))[0] ?? null;
    },
    findMany: (ids) => selectIn('id', ids),
    async findByDomains(domains) {
      const ids: string[] = [];
      for (const chunk of chunkKeys(unique(domains), IN_LIST)) {
        ids.push(...(await db.selectFrom('company_domains').select('company_id').where('domain', 'in', chunk).execute()).map((r) => r.company_id));
      }
      return selectIn('id', ids);
    },
    findByNameKeys: (keys) => selectIn('name_key', keys),
    async findByExternalIds(ids) {
      const holders = await externalIds.companyIds(ids);
      if (holders.length === 0) return [];
      const wanted = new Set(ids);
      const fieldId = await externalIds.fieldId();
      return (await selectIn('id', holders)).filter((c) => wanted.has(externalIdOf(c, fieldId) ?? ''));
    },
    async findByDomainsOrNameKeys(domains, keys) {
      const joinedBytes = rowBytes(engine, [...(COLUMNS.companies ?? []).map((name) => ({ ref: `companies.${name}`, name })), { ref: 'company_domains.domain', name: 'domain' }]);
      // The i-th chunk of domains and of name keys share one statement: one lookup per import chunk, bounded lists.
      const domainChunks = chunkKeys(unique(domains), IN_LIST);
      const keyChunks = chunkKeys(unique(keys), IN_LIST);
      const byId = new Map<string, Company>();
      const seen = new Set<string>();
      for (let i = 0; i < Math.max(domainChunks.length, keyChunks.length); i++) {
        const someDomains = domainChunks[i] ?? []; // bounded: one chunk
        const someKeys = keyChunks[i] ?? []; // bounded: one chunk
        // Bounded by bytes too (a company's custom values repeat on each of its domains' rows): a cut resumes after the
        // last (company, domain) pair read; a company without domains has one row, its domain null.
        const rows = await readBounded<CompaniesTable & { domain: string | null }>(
          engine,
          (after) =>
            db
              .selectFrom('companies')
              .leftJoin('company_domains', 'company_domains.company_id', 'companies.id')
              .selectAll('companies')
              .select('company_domains.domain')
              .select(joinedBytes.as(ROW_BYTES))
              .where((eb) => {
                const ors = [];
                if (someDomains.length > 0) ors.push(eb('companies.id', 'in', eb.selectFrom('company_domains').select('company_id').where('domain', 'in', someDomains)));
                if (someKeys.length > 0) ors.push(eb('companies.name_key', 'in', someKeys));
                return eb.or(ors);
              })
              .$if(after !== null, (q) =>
                q.where((eb) =>
                  after!.domain === null
                    ? eb('companies.id', '>', after!.id)
                    : eb.or([eb('companies.id', '>', after!.id), eb.and([eb('companies.id', '=', after!.id), eb('company_domains.domain', '>', after!.domain)])]),
                ),
              ),
          ['id', 'domain'],
        );
        await refs.decodeRows(rows);
        for (const { domain, ...row } of rows) {
          const company = byId.get(row.id) ?? toCompany(row, []);
          if (domain && !seen.has(`${row.id} ${domain}`)) {
            seen.add(`${row.id} ${domain}`);
            company.domains.push(domain);
          }
          byId.set(row.id, company);
        }
      }
      for (const c of byId.values()) c.domains.sort();
      return [...byId.values()];
    },
    async search(query) {
      const byName = query.sort !== 'updated';
      const sortColumn = byName ? 'name' : 'updated_at';
      let q = filtered(query).selectAll();
      const cursor = decodeCursor(query.after);
      if (cursor) {
        q = q.where((eb) => eb.or([eb(sortColumn, byName ? '>' : '<', cursor[0]), eb.and([eb(sortColumn, '=', cursor[0]), eb('id', byName ? '>' : '<', cursor[1])])]));
      }
      const rows = await q.orderBy(sortColumn, byName ? 'asc' : 'desc').orderBy('id', byName ? 'asc' : 'desc').limit(query.limit + 1).execute();
      const page = rows.slice(0, query.limit);
      const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
      return { items: await withDomains(page), next: last ? encodeCursor([last[sortColumn], last.id]) : null };
    },
    async count(query) {
      const row = await filtered(query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async suggest(text, limit) {
      const raw = text.trim().toLowerCase();
      return index.suggest(
        text,
        limit,
        (ids) => selectIn('id', ids),
        (c) => c.domains.includes(raw),
        async () => (/^[^\s@]+\.[^\s@]+$/.test(raw) ? this.findByDomains([raw]) : []),
      );
    },
    async rebuildSearchText(afterId, limit) {
      const rows = await withDomains(await pageById(engine, 'companies', afterId, limit));
      await index.write(rows.map((c) => ({ id: c.id, text: companySearchText(c) })));
      return rows.length === limit ? rows[rows.length - 1]!.id : null;
    },
    async rebuildExternalIds(afterId, limit, fieldId) {
      const rows = await pageById(engine, 'companies', afterId, limit);
      const ids = await externalIds.plan(rows.map((r) => toCompany(r, [])), () => false, fieldId);
      await ids.add();
      await ids.removeStale();
      return rows.length === limit ? rows[rows.length - 1]!.id : null;
    },
    async children(id) {
      return withDomains(await db.selectFrom('companies').selectAll().where('parent_id', '=', id).orderBy('name').limit(500).execute());
    },
    async countChildren(ids, exceptUneditedCreatedBy) {
      const counts = new Map<Id, number>();
      const unedited = exceptUneditedCreatedBy === undefined ? undefined : await refs.forms(exceptUneditedCreatedBy);
      for (const chunk of chunkKeys(unique(ids), IN_LIST)) {
        const rows = await db
          .selectFrom('companies')
          .select(['parent_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('parent_id', 'in', chunk)
          .$if(exceptUneditedCreatedBy !== undefined, (q) =>
            // bounded: an actor's stored forms, at most two (ActorRefs.forms)
            q.where((eb) => eb.not(eb.and([eb('created_by', 'in', unedited!), eb.or([eb('updated_by', 'in', unedited!), eb('version', '=', 1)])]))),
          )
          .groupBy('parent_id')
          .execute();
        for (const r of rows) if (r.parent_id !== null) counts.set(r.parent_id, Number(r.n));
      }
      return counts;
    },
    async detachChildren(parentId, updatedAt, actor) {
      const updatedBy = await refs.encode(actor, updatedAt);
      const ids = (await db.selectFrom('companies').select('id').where('parent_id', '=', parentId).execute()).map((r) => r.id);
      for (const chunk of chunkKeys(ids, IN_LIST)) {
        await db
          .updateTable('companies')
          .set((eb) => ({ parent_id: null, version: eb('version', '+', 1), updated_at: toStoredTime(updatedAt), updated_by: updatedBy }))
          .where('id', 'in', chunk)
          .where('parent_id', '=', parentId)
          .execute();
      }
      return ids;
    },
    async moveChildren(fromParentId, toParentId, updatedAt, actor) {
      const updatedBy = await refs.encode(actor, updatedAt);
      const ids = (await db.selectFrom('companies').select('id').where('parent_id', '=', fromParentId).where('id', '<>', toParentId).execute()).map((r) => r.id);
      for (const chunk of chunkKeys(ids, IN_LIST)) {
        await db
          .updateTable('companies')
          .set((eb) => ({ parent_id: toParentId, version: eb('version', '+', 1), updated_at: toStoredTime(updatedAt), updated_by: updatedBy }))
          .where('id', 'in', chunk)
          .where('parent_id', '=', fromParentId)
          .execute();
      }
      return ids;
    },
    async moveDomains(fromId, toId) {
      await db.updateTable('company_domains').set({ company_id: toId }).where('company_id', '=', fromId).execute();
    },
    async insert(company) {
      const [row] = await refs.encodeRows([fromCompany(company)]);
      const ids = await externalIds.plan([company], () => true);
      await writeDomains([company], () => true);
      await ids.add();
      await db.insertInto('companies').values(row!).execute();
      await index.write([{ id: company.id, text: companySearchText(company) }]);
    },
    async update(company) {
      const [row] = await refs.encodeRows([fromCompany(company)]);
      const ids = await externalIds.plan([company], () => false);
      await ids.add();
      const result = await db
        .updateTable('companies')
        .set(Object.fromEntries(columns.map((c) => [c, row![c]])))
        .where('id', '=', company.id)
        .where('version', '=', company.version - 1)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw conflict(`Company ${company.name}`);
      await writeDomains([company], () => false);
      await index.write([{ id: company.id, text: companySearchText(company) }]);
      await ids.removeStale();
    },
    async delete(id) {
      await db.deleteFrom('company_domains').where('company_id', '=', id).execute();
      await db.deleteFrom('companies').where('id', '=', id).execute();
      await index.remove([id]);
      await externalIds.remove([id]);
    },
    async saveMany(companies, isNew) {
      if (companies.length === 0) return;
      const rows = await refs.encodeRows(companies.map(fromCompany));
      await writeDomains(companies, isNew);
      const ids = await externalIds.plan(companies, isNew);
      await ids.add();
      await upsertRows(engine, 'companies', rows, ['id'], columns);
      await index.write(companies.map((c) => ({ id: c.id, text: companySearchText(c) })));
      await ids.removeStale();
    },
    async saveImported(companies, addedDomains, isNew) {
      if (companies.length === 0) return;
      const rows = await refs.encodeRows(companies.map(fromCompany));
      const ids = await externalIds.plan(companies, isNew);
      await ids.add();
      await upsertRows(engine, 'companies', rows, ['id'], columns);
      const domainRows = addedDomains.map((d) => ({ domain: d.domain, company_id: d.companyId }));
      await insertRows(engine, 'company_domains', domainRows, 'ignore');
      await index.write(companies.map((c) => ({ id: c.id, text: companySearchText(c) })));
      await ids.removeStale();
    },
    async deleteMany(ids) {
      for (const chunk of chunkKeys(ids, IN_LIST)) {
        await db.deleteFrom('company_domains').where('company_id', 'in', chunk).execute();
        await db.deleteFrom('companies').where('id', 'in', chunk).execute();
      }
      await index.remove(ids);
      await externalIds.remove(ids);
    },
    async createdIn(ids, createdBy, afterId, limit) {
      return withDomains(await pageById(engine, 'companies', afterId, limit, { ids, by: await refs.forms(createdBy) }));
    },
  };
}

export function makeMemberships(engine: SqlEngine): Memberships {
  const { db } = engine;
  const refs = makeActorRefs(engine);
  const membershipsOf = async (rows: MembershipsTable[]) => (await refs.decodeRows(rows)).map(toMembership);
  return {
    async forContacts(contactIds) {
      return membershipsOf(await rowsWhereIn(engine, 'memberships', 'contact_id', 'company_id', contactIds));
    },
    async forCompany(companyId, limit = 1000) {
      return membershipsOf(await db.selectFrom('memberships').selectAll().where('company_id', '=', companyId).limit(limit).execute());
    },
    async countForCompany(companyId) {
      const row = await db.selectFrom('memberships').select((eb) => eb.fn.countAll<number>().as('n')).where('company_id', '=', companyId).executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async countForCompanies(companyIds) {
      const counts = new Map<Id, number>();
      for (const chunk of chunkKeys(unique(companyIds), IN_LIST)) {
        const rows = await db
          .selectFrom('memberships')
          .select(['company_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('company_id', 'in', chunk)
          .groupBy('company_id')
          .execute();
        for (const r of rows) counts.set(r.company_id, Number(r.n));
      }
      return counts;
    },
    async upsertMany(memberships) {
      await upsertRows(engine, 'memberships', await refs.encodeRows(memberships.map(fromMembership)), ['contact_id', 'company_id'], ['role', 'is_primary']);
    },
    async countCreatedBy(actor) {
      const forms = await refs.forms(actor); // bounded: an actor's stored forms, at most two
      const row = await db.selectFrom('memberships').select((eb) => eb.fn.countAll<number>().as('n')).where('created_by', 'in', forms).executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async deleteMany(pairs) {
      // Row values, not an OR chain per pair: the statement's depth stays flat and its size bounded per chunk.
      for (const chunk of chunkKeys(pairs, PAIR_LIST)) {
        await db
          .deleteFrom('memberships')
          .where((eb) => eb(eb.refTuple('contact_id', 'company_id'), 'in', chunk.map((p) => eb.tuple(p.contactId, p.companyId))))
          .execute();
      }
    },
  };
}
