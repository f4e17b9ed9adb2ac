// The import queue consumer: a slice runs, a failed slice asks for redelivery, a malformed event is dropped.
import { makeImportConsumer } from '../../src/entry/consumers/import-consumer';
import { startImport, queueImport, stageImportRows } from '../../src/application/import/start-import';
import { importOptionsSchema } from '../../src/application/import/job-model';
import { openWorld, type TestWorld } from '../support/use-case-deps';

describe('import queue consumer', () => {
  let world: TestWorld;
  beforeEach(async () => (world = await openWorld()));
  afterEach(async () => {
    await world.deps.importQueue.idle();
    await world.close();
  });

  async function queuedJob() {
    const { job } = await startImport(world.deps, 'local-admin', { fileName: 'a.csv', headers: ['Email'], options: importOptionsSchema.parse({}), dryRun: false });
    await stageImportRows(world.deps, job.id, [{ row: 1, line: 2, cells: ['ada@acme.com'] }]);
    await queueImport(world.deps, job.id, 1);
    return job.id;
  }

  it('advances the job and reports the delivery done', async () => {
    const jobId = await queuedJob();
    const consume = makeImportConsumer(() => world.deps);
    expect(await consume({ body: { jobId, kind: 'import' } })).toEqual({ status: 'done' });
    await world.deps.importQueue.idle();
    expect((await world.deps.store.importJobs.find(jobId))?.status).toBe('done');
  });

  it('asks for a later redelivery when a slice fails, and gives up into a failed job after the last retry', async () => {
    const jobId = await queuedJob();
    const broken = { ...world.deps, store: { ...world.deps.store, fields: { ...world.deps.store.fields, list: () => Promise.reject(new Error('store down')) } } };
    const consume = makeImportConsumer(() => broken);
    expect(await consume({ body: { jobId, kind: 'import' }, retryContext: { retryCount: 1 } })).toMatchObject({ status: 'retry', afterSeconds: 60 });
    expect(await consume({ body: { jobId, kind: 'import' }, retryContext: { retryCount: 3 } })).toEqual({ status: 'done' });
    expect((await world.deps.store.importJobs.find(jobId))?.status).toBe('failed');
  });

  it('drops a malformed event instead of retrying it', async () => {
    const consume = makeImportConsumer(() => world.deps);
    expect(await consume({ body: { jobId: 42 } })).toEqual({ status: 'done' });
  });
});
