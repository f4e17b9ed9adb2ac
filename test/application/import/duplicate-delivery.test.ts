// A queue event delivered twice (Forge may redeliver) has no double effect, whether the job is done or still running.
import { importOptionsSchema } from '../../../src/application/import/job-model';
import { runImportStep } from '../../../src/application/import/run-import-step';
import { queueImport, stageImportRows, startImport } from '../../../src/application/import/start-import';
import type { ImportQueueMessage } from '../../../src/application/import/import-queue';
import type { Store } from '../../../src/domain/ports';
import { engines } from '../../support/engines';
import { openWorld, type TestWorld } from '../../support/use-case-deps';

const HEADERS = ['Email', 'First Name', 'Company', 'Website', 'Role'];
const ROWS = Array.from({ length: 30 }, (_, i) => [`p${i}@co${i % 3}.com`, `P${i}`, `Co ${i % 3}`, `co${i % 3}.com`, `Role ${i}`]);

/** Everything an import writes, as comparable rows. */
async function contents(store: Store) {
  const contacts = (await store.contacts.search({ limit: 100 })).items;
  const companies = (await store.companies.search({ limit: 100 })).items;
  const memberships = await store.memberships.forContacts(contacts.map((c) => c.id));
  const audit = (await store.audit.list({ limit: 1000 })).items;
  return {
    contacts: contacts.map((c) => `${c.email} v${c.version}`).sort(),
    companies: companies.map((c) => `${c.name} ${c.domains.join(' ')} v${c.version}`).sort(),
    memberships: memberships.map((m) => `${m.contactId}:${m.companyId}:${m.role}`).sort(),
    auditIds: audit.map((e) => e.id).sort(),
  };
}

describe.each(engines())('a duplicated import queue event on $name', (factory) => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld(factory);
  });
  afterEach(async () => {
    await world.deps.importQueue.idle();
    await world.close();
  });

  /** A queued import, processed in chunks of 4 rows so a delivery has several steps to take. */
  async function queued(): Promise<{ message: ImportQueueMessage; deps: TestWorld['deps'] & { chunkRows: number } }> {
    const deps = { ...world.deps, chunkRows: 4 };
    const { job } = await startImport(deps, 'local-admin', { fileName: 'people.csv', headers: HEADERS, options: importOptionsSchema.parse({}), dryRun: false });
    await stageImportRows(deps, job.id, ROWS.map((cells, i) => ({ row: i + 1, line: i + 2, cells })));
    await queueImport(deps, job.id, ROWS.length);
    return { message: { jobId: job.id, kind: 'import' }, deps };
  }

  it('changes nothing when delivered again after the job is done', async () => {
    const { message, deps } = await queued();
    await runImportStep(deps, message);
    const done = await deps.store.importJobs.find(message.jobId);
    expect(done?.status).toBe('done');
    const after = await contents(deps.store);
    expect(after.contacts).toHaveLength(30);

    await runImportStep(deps, message);

    expect(await contents(deps.store)).toEqual(after);
    expect(await deps.store.importJobs.find(message.jobId)).toEqual(done);
  });

  it('writes each record once when two deliveries run a running job at the same time', async () => {
    // The reference: the same file imported once, alone.
    const single = await queued();
    await runImportStep(single.deps, single.message);
    const expected = await contents(single.deps.store);
    await world.close();
    world = await openWorld(factory);

    const { message, deps } = await queued();
    // Both deliveries race; the job's version check lets one advance it, the other fails and is retried by the queue.
    const results = await Promise.allSettled([runImportStep(deps, message), runImportStep(deps, message)]);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'CONFLICT' });
    for (let retry = 1; (await deps.store.importJobs.find(message.jobId))?.status !== 'done'; retry++) {
      if (retry > 5) throw new Error('the job did not finish after its retries');
      await runImportStep(deps, message, retry);
    }
    await deps.importQueue.idle();

    const actual = await contents(deps.store);
    expect(actual.contacts).toEqual(expected.contacts);
    expect(actual.companies).toEqual(expected.companies);
    expect(actual.memberships).toHaveLength(expected.memberships.length);
    expect(actual.auditIds).toHaveLength(expected.auditIds.length);
    const report = (await deps.store.importJobs.find(message.jobId))?.report;
    expect(report).toMatchObject({ contacts: { created: 30 }, companies: { created: 3 }, memberships: { created: 30 } });
  });
});
