// Fields an import creates can be given a type in the wizard: the dry run checks values against it, the import creates
// the field with it, and a value that does not fit leaves its cell out with a warning while the row imports.
import { defineResolvers, type ResolverHandlers } from '../../src/entry/resolvers/define-resolvers';
import type { ApiResult, Envelope, ResolverKey } from '../../src/contracts/api';
import { openWorld, type TestWorld } from '../support/use-case-deps';

describe('typed fields created by an import', () => {
  let world: TestWorld;
  let handlers: ResolverHandlers;
  const call = async <K extends ResolverKey>(key: K, payload: unknown): Promise<ApiResult<K>> => {
    const envelope = (await handlers[key]({ payload, context: { accountId: 'local-admin' } })) as Envelope<ApiResult<K>>;
    if (!envelope.ok) throw new Error(`${key}: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.data;
  };
  beforeEach(async () => {
    world = await openWorld();
    handlers = defineResolvers(world.deps);
  });
  afterEach(async () => {
    await world.deps.importQueue.idle();
    await world.close();
  });

  const headers = ['Email', 'Renewal', 'Seats'];
  const rows = [
    ['ada@acme.com', '2018-07-12T11:12:00Z', '12'],
    ['bob@acme.com', 'Q2 2019', 'many'],
    ['cy@acme.com', '43293', '7'],
  ];

  async function run(dryRun: boolean) {
    const started = await call('import/start', {
      fileName: 'typed.csv',
      headers,
      dryRun,
      mapping: { Renewal: 'contact.custom:Renewal', Seats: 'contact.custom:Seats' },
      newFieldTypes: { 'contact.custom:Renewal': 'date', 'contact.custom:Seats': 'number' },
      options: { mode: 'overwrite', memberships: 'add', missing: 'ignore', createFields: true },
    });
    await call('import/rows', { jobId: started.jobId, rows: rows.map((cells, i) => ({ row: i + 1, line: i + 2, cells })) });
    await call('import/queue', { jobId: started.jobId, totalRows: rows.length });
    await world.deps.importQueue.idle();
    const status = await call('import/status', { jobId: started.jobId });
    const issues = await call('import/issues', { jobId: started.jobId });
    return { status, issues: issues.items.map((i) => [i.row, i.severity, i.column]) };
  }

  it('warns about the values that do not fit in the dry run, creates typed fields, and imports every row', async () => {
    const dry = await run(true);
    expect(dry.status.report).toMatchObject({ rejected: 0, contacts: { created: 3 } });
    expect(dry.issues).toEqual([
      [2, 'warning', 'Renewal'],
      [2, 'warning', 'Seats'],
    ]);
    expect(await world.deps.store.fields.list()).toEqual([]);

    const real = await run(false);
    expect(real.status.report).toMatchObject({ rejected: 0, contacts: { created: 3 } });
    expect(real.issues).toEqual(dry.issues);
    const fields = await world.deps.store.fields.list();
    expect(fields.map((f) => [f.name, f.type]).sort()).toEqual([
      ['Renewal', 'date'],
      ['Seats', 'number'],
    ]);
    const byName = new Map(fields.map((f) => [f.name, f.id]));
    const stored = await world.deps.store.contacts.findByEmails(['ada@acme.com', 'bob@acme.com', 'cy@acme.com']);
    const custom = new Map(stored.map((c) => [c.email, c.custom]));
    expect(custom.get('ada@acme.com')).toEqual({ [byName.get('Renewal')!]: '2018-07-12', [byName.get('Seats')!]: '12' });
    expect(custom.get('bob@acme.com')).toEqual({});
    expect(custom.get('cy@acme.com')).toEqual({ [byName.get('Renewal')!]: '2018-07-12', [byName.get('Seats')!]: '7' });
  });

  it('reads numeric dates in the day/month order chosen for the column, and asks for one when a date could be either', async () => {
    const run = async (dateOrders: Record<string, 'dmy' | 'mdy'>) => {
      const started = await call('import/start', {
        fileName: 'dates.csv',
        headers: ['Email', 'Renewal'],
        mapping: { Renewal: 'contact.custom:Renewal' },
        newFieldTypes: { 'contact.custom:Renewal': 'date' },
        dateOrders,
        options: { mode: 'overwrite', memberships: 'add', missing: 'ignore', createFields: true },
      });
      await call('import/rows', { jobId: started.jobId, rows: [{ row: 1, line: 2, cells: ['d@acme.com', '3/4/2026'] }] });
      await call('import/queue', { jobId: started.jobId, totalRows: 1 });
      await world.deps.importQueue.idle();
      const issues = await call('import/issues', { jobId: started.jobId });
      const [field] = await world.deps.store.fields.list();
      const [contact] = await world.deps.store.contacts.findByEmails(['d@acme.com']);
      return { value: field ? contact?.custom[field.id] : undefined, issues: issues.items.map((i) => i.message) };
    };
    const unknown = await run({});
    expect(unknown.value).toBeUndefined();
    expect(unknown.issues).toEqual([expect.stringMatching(/could be read day-first or month-first; choose the column's day\/month order/)]);
    expect(await run({ Renewal: 'dmy' })).toEqual({ value: '2026-04-03', issues: [] });
    expect(await run({ Renewal: 'mdy' })).toEqual({ value: '2026-03-04', issues: [] });
  });
});
