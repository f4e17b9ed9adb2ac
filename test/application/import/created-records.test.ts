// Records an import creates carry no history entry of their own (storage: one row per record, not two): their
// creator and the job's id range stand for it, in the record's history, the audit trail and undo.
import { createCompany } from '../../../src/application/create-company';
import { getRecordHistory } from '../../../src/application/get-record-history';
import { processUndo, startUndo } from '../../../src/application/import/undo-import';
import { updateContact } from '../../../src/application/update-contact';
import { companyInputSchema } from '../../../src/domain/schemas';
import { deterministicId, idFormatOf, idRangeOfMillisecond, newId, sequencedId } from '../../../src/domain/ids';
import { bytesOf, csv, depsFor, runImport } from '../../support/import-harness';
import { importFile } from '../../../src/application/import/import-file';
import { importOptionsSchema } from '../../../src/application/import/job-model';
import { startImport } from '../../../src/application/import/start-import';
import { engines } from '../../support/engines';
import { admin, agent, openWorld, viewer, type TestWorld } from '../../support/use-case-deps';

const FILE = csv('Email,First name,Company,Website,Role', 'ada@acme.example,Ada,Acme,acme.example,Buyer', 'bob@acme.example,Bob,Acme,acme.example,', 'cy@globex.example,Cy,Globex,globex.example,CTO');

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const COMPACT = /^[-0-9A-Za-z_]{20}$/;

describe.each([['compact', COMPACT], ['uuid', UUID_V7]] as const)('ids of the %s format', (format, shape) => {
  const ms = Date.parse('2026-03-01T10:00:00.123Z');

  it('idRangeOfMillisecond holds every id made in that millisecond and none of the next or previous one', () => {
    const { from, to } = idRangeOfMillisecond(format, ms);
    const inside = (id: string) => id >= from && id < to;
    for (let i = 0; i < 50; i++) {
      expect(inside(deterministicId(format, ms, 'job', String(i)))).toBe(true);
      expect(inside(sequencedId(format, ms, i * 977, 'job', String(i)))).toBe(true);
      expect(inside(deterministicId(format, ms + 1, 'job', String(i)))).toBe(false);
      expect(inside(deterministicId(format, ms - 1, 'job', String(i)))).toBe(false);
    }
    expect(inside(newId(ms + 5))).toBe(false);
  });

  it('sequencedId sorts by sequence within one millisecond, stays in its range, and gives the same id for the same input', () => {
    const { from, to } = idRangeOfMillisecond(format, ms);
    const ids = [0, 1, 2, 63, 64, 255, 256, 65_535, 65_536, 4_194_303, 4_194_304, 1_048_576 * 16, 2 ** 34 - 1].map((n) => sequencedId(format, ms, n, 'job', `e${n}`));
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id >= from && id < to).toBe(true);
    for (const id of ids) expect(id).toMatch(shape);
    expect(sequencedId(format, ms, 7, 'job', 'a@x')).toBe(sequencedId(format, ms, 7, 'job', 'a@x'));
    expect(sequencedId(format, ms, 7, 'job', 'a@x')).not.toBe(sequencedId(format, ms, 7, 'job', 'b@x'));
    expect(() => sequencedId(format, ms, 2 ** 34, 'job')).toThrow(RangeError);
  });
});

describe('ids of the two formats side by side', () => {
  it('never share a range, and compact ids sort after UUIDs made before them', () => {
    const ms = Date.parse('2026-03-01T10:00:00.123Z');
    const compact = idRangeOfMillisecond('compact', ms);
    const uuid = idRangeOfMillisecond('uuid', ms);
    const ids = Array.from({ length: 200 }, (_, i) => [deterministicId('compact', ms, String(i)), deterministicId('uuid', ms, String(i))] as const);
    for (const [c, u] of ids) {
      expect(u >= compact.from && u < compact.to).toBe(false);
      expect(c >= uuid.from && c < uuid.to).toBe(false);
      expect(c > u).toBe(true);
    }
    expect(newId() > deterministicId('uuid', Date.now() + 3_600_000, 'later')).toBe(true);
  });
});

describe.each(engines())('records an import creates, on $name', (factory) => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld(factory);
  });
  afterEach(async () => {
    await world.close();
  });

  it('writes no history entry per created record, one audit entry for the job, and a history that still says who created it', async () => {
    const { deps } = world;
    const job = await runImport(depsFor(deps.store), FILE);
    expect(job.report).toMatchObject({ contacts: { created: 3 }, companies: { created: 2 } });

    const entries = (await deps.store.audit.list({ jobId: job.id, limit: 100 })).items;
    expect(entries).toEqual([
      expect.objectContaining({
        recordType: 'import', recordId: job.id, action: 'import', actor: `import:${job.id}`,
        changes: expect.objectContaining({ file: [null, 'test.csv'], rows: [null, 3], contactsCreated: [null, 3], companiesCreated: [null, 2], membershipsCreated: [null, 3] }),
      }),
    ]);

    const [ada] = await deps.store.contacts.findByEmails(['ada@acme.example']);
    const history = await getRecordHistory(deps, viewer, { recordType: 'contact', recordId: ada!.id, limit: 10 });
    expect(history).toEqual({ items: [expect.objectContaining({ action: 'create', actor: `import:${job.id}`, jobId: job.id, at: ada!.createdAt, recordId: ada!.id })], next: null });

    // Later edits come first; the creation stays the oldest entry, on the last page only.
    await updateContact(deps, agent, { id: ada!.id, version: 1, jobTitle: 'Countess' });
    await updateContact(deps, agent, { id: ada!.id, version: 2, phone: '+44 20 7946 0000' });
    const first = await getRecordHistory(deps, viewer, { recordType: 'contact', recordId: ada!.id, limit: 1 });
    expect(first.items.map((e) => e.action)).toEqual(['update']);
    const last = await getRecordHistory(deps, viewer, { recordType: 'contact', recordId: ada!.id, after: first.next, limit: 1 });
    expect(last.items.map((e) => [e.action, e.actor])).toEqual([['update', agent.accountId], ['create', `import:${job.id}`]]);
    expect(last.next).toBeNull();

    // The same file again changes nothing and writes nothing, not even a job entry.
    const before = (await deps.store.audit.list({ limit: 500 })).items.length;
    const again = await runImport(depsFor(deps.store, Date.parse('2026-03-02T10:00:00Z')), FILE);
    expect(again.report).toMatchObject({ contacts: { created: 0, updated: 0 }, companies: { created: 0, updated: 0 } });
    expect((await deps.store.audit.list({ limit: 500 })).items).toHaveLength(before);
  });

  it('undo removes what the job created, by its id range and creator: not a record edited since, nor another made in the same millisecond', async () => {
    const { deps } = world;
    const job = await runImport(depsFor(deps.store), FILE);
    const [ada] = await deps.store.contacts.findByEmails(['ada@acme.example']);
    await updateContact(deps, agent, { id: ada!.id, version: 1, jobTitle: 'Countess' });
    // A contact someone else made in the job's millisecond: its id is in the range, its creator is not the job.
    const neighbour = deterministicId(idFormatOf(job.id), Date.parse(job.createdAt), 'someone else');
    await deps.store.contacts.insert({
      id: neighbour, email: 'dee@other.example', firstName: 'Dee', lastName: '', displayName: 'Dee', phone: '', jobTitle: '', custom: {},
      version: 1, createdAt: job.createdAt, createdBy: admin.accountId, updatedAt: job.createdAt, updatedBy: admin.accountId,
    });

    const undoDeps = depsFor(deps.store, Date.parse('2026-04-01T00:00:00Z'));
    await startUndo(undoDeps, job.id);
    const undone = await processUndo(undoDeps, job.id);

    expect(undone.status).toBe('undone');
    const [acme] = await deps.store.companies.findByDomains(['acme.example']);
    // Bob, Cy and Globex go; Ada was edited, and Acme keeps her as a member, so both stay (nothing left dangling).
    expect(undone.report?.undo).toMatchObject({
      removed: 3,
      skipped: [`contact ${ada!.id}: edited since the import, left as it is`, `company ${acme!.id}: still has 1 member(s) the undo keeps, left as it is`],
    });
    expect((await deps.store.contacts.search({ limit: 10 })).items.map((c) => c.email).sort()).toEqual(['ada@acme.example', 'dee@other.example']);
    expect((await deps.store.memberships.forContacts([ada!.id])).map((m) => m.companyId)).toEqual([acme!.id]);
    expect((await deps.store.companies.search({ limit: 10 })).items.map((c) => c.name)).toEqual(['Acme']);
  });
  it('undo removes subsidiaries and parents the job created together, but keeps a parent whose subsidiary was added by hand', async () => {
    const { deps } = world;
    const file = csv('Email,Company,Website,Parent Company', 'a@sub-one.example,Sub One,sub-one.example,Holding', 'b@sub-two.example,Sub Two,sub-two.example,Group', 'c@holding.example,Holding,holding.example,', 'd@group.example,Group,group.example,');
    const job = await runImport(depsFor(deps.store), file);
    expect(job.report?.companies.created).toBe(4);
    const [group] = await deps.store.companies.findByDomains(['group.example']);
    const handMade = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Hand Made', domains: ['hand-made.example'], parentId: group!.id }));

    const undoDeps = depsFor(deps.store, Date.parse('2026-04-01T00:00:00Z'));
    await startUndo(undoDeps, job.id);
    const undone = await processUndo(undoDeps, job.id);

    expect(undone.report?.undo?.skipped).toEqual([`company ${group!.id}: still has 1 subsidiary(ies) the undo keeps, left as it is`]);
    expect((await deps.store.companies.search({ limit: 10 })).items.map((c) => c.name).sort()).toEqual(['Group', 'Hand Made']);
    expect((await deps.store.companies.find(handMade.id))?.parentId).toBe(group!.id);
  });

  /** FILE imported by a job as an install from before compact ids left it, still staging: a job with a UUIDv7 id. */
  async function importAsJobFromBefore() {
    const importDeps = depsFor(world.deps.store);
    const { job: draft } = await startImport(importDeps, 'admin-1', { fileName: 'test.csv', headers: FILE.split('\n')[0]!.split(','), options: importOptionsSchema.parse({}), dryRun: true });
    const legacyId = deterministicId('uuid', Date.parse(draft.createdAt), 'a job from before');
    await world.deps.store.importJobs.insert({ ...draft, id: legacyId, dryRun: false });
    return importFile(importDeps, 'admin-1', { fileName: 'test.csv', bytes: bytesOf(FILE), options: importOptionsSchema.parse({}), dryRun: false, resumeJobId: legacyId });
  }

  /** Every contact and company has an id of `format` in the range of the job's millisecond. */
  async function expectRecordIdsOf(job: { createdAt: string }, format: 'compact' | 'uuid', count: number): Promise<void> {
    const { store } = world.deps;
    const range = idRangeOfMillisecond(format, Date.parse(job.createdAt));
    const ids = [...(await store.contacts.search({ limit: 10 })).items, ...(await store.companies.search({ limit: 10 })).items].map((r) => r.id);
    expect(ids).toHaveLength(count);
    for (const id of ids) {
      expect(id).toMatch(format === 'compact' ? COMPACT : UUID_V7);
      expect(id >= range.from && id < range.to).toBe(true);
    }
  }

  it('a job begun before compact ids (its id a UUID) goes on making UUIDs, and its undo finds them in its UUID range', async () => {
    const { deps } = world;
    const job = await importAsJobFromBefore();
    const legacyId = job.id;
    expect(idFormatOf(legacyId)).toBe('uuid');
    expect(job.report).toMatchObject({ contacts: { created: 3 }, companies: { created: 2 } });
    await expectRecordIdsOf(job, 'uuid', 5);

    const undoDeps = depsFor(deps.store, Date.parse('2026-04-01T00:00:00Z'));
    await startUndo(undoDeps, legacyId);
    const undone = await processUndo(undoDeps, legacyId);
    expect(undone.report?.undo).toMatchObject({ removed: 5, skipped: [] });
    expect((await deps.store.contacts.search({ limit: 10 })).items).toEqual([]);
  });

  it('after the upgrade, the same file again (a compact job over records with UUID ids) writes nothing', async () => {
    const { deps } = world;
    const first = await importAsJobFromBefore();

    const before = world.engine.counter.snapshot();
    const again = await runImport(depsFor(deps.store, Date.parse('2026-03-02T10:00:00Z')), FILE);
    expect(idFormatOf(again.id)).toBe('compact');
    expect(again.report).toMatchObject({ contacts: { created: 0, updated: 0, unchanged: 3 }, companies: { created: 0, updated: 0 }, memberships: { created: 0, removed: 0 } });
    expect(world.engine.counter.snapshot().recordWrites - before.recordWrites).toBe(0);
    await expectRecordIdsOf(first, 'uuid', 5);
  });

  it('a new job makes compact ids: 20 characters in the range of its millisecond', async () => {
    const { deps } = world;
    const job = await runImport(depsFor(deps.store), FILE);
    expect(idFormatOf(job.id)).toBe('compact');
    await expectRecordIdsOf(job, 'compact', 5);
  });
});
