// A mapped external-id column (Account Id, Organization Id) finds companies after their domains and before their
// name key, and the lookup behind it stays in step with every path that changes a company (issue 10, last rule).
import { deleteCompany } from '../../../src/application/delete-company';
import { exportDirectory } from '../../../src/application/export-directory';
import { errorFileLines } from '../../../src/application/import/import-results';
import { processUndo, startUndo } from '../../../src/application/import/undo-import';
import { mergeCompanies } from '../../../src/application/merge-companies';
import { rebuildExternalIds } from '../../../src/application/rebuild-external-ids';
import { updateCompany } from '../../../src/application/update-company';
import { createField, updateField } from '../../../src/application/manage-custom-fields';
import { FORGE_REQUEST_BYTES } from '../../../src/adapters/sql/batching';
import { EXTERNAL_ID_FIELD_NAME } from '../../../src/domain/external-id';
import { engines } from '../../support/engines';
import { csv, depsFor, runImport } from '../../support/import-harness';
import { admin, openWorld, type TestWorld } from '../../support/use-case-deps';

const DAY = 24 * 3600 * 1000;
const START = Date.parse('2026-03-01T10:00:00Z');

describe.each(engines())('companies found by external id ($name)', (factory) => {
  let world: TestWorld;
  let day = 0;
  beforeEach(async () => {
    world = await openWorld(factory);
    day = 0;
  });
  afterEach(() => world.close());

  const store = () => world.deps.store;
  /** Each import a day after the previous one, so every job has its own ids. */
  const importCsv = (text: string, options: Parameters<typeof runImport>[2] = {}) => runImport(depsFor(store(), START + day++ * DAY), text, options);
  const lookupRows = async () =>
    (await world.engine.db.selectFrom('company_external_ids').selectAll().orderBy('external_id').execute()).map((r) => ({ externalId: r.external_id, companyId: r.company_id }));
  const externalIdField = async () => (await store().fields.list('company')).find((f) => f.name === EXTERNAL_ID_FIELD_NAME)!;
  const companyOf = async (email: string) => {
    const [contact] = await store().contacts.findByEmails([email]);
    const memberships = await store().memberships.forContacts([contact!.id]);
    return memberships.map((m) => m.companyId);
  };
  const issues = async (jobId: string) => (await store().importJobs.issues(jobId, null, 100)).map((i) => `${i.severity} row ${i.rowNo}: ${i.message}`);

  const ACCOUNTS = csv('Email,Company,Account Id', 'a@x.com,Acme Ltd,0012345', 'b@x.com,ACME Corporation Europe,0012345');

  it('makes one company of two rows with different names and no domain but the same Account Id', async () => {
    const job = await importCsv(ACCOUNTS);
    expect(job.report).toMatchObject({ rows: 2, imported: 2, rejected: 0, companies: { created: 1 } });
    expect(await store().companies.count({})).toBe(1);
    const [company] = (await store().companies.search({ limit: 10 })).items;
    expect(company).toMatchObject({ name: 'Acme Ltd', custom: { [(await externalIdField()).id]: '0012345' } });
    expect(await companyOf('a@x.com')).toEqual([company!.id]);
    expect(await companyOf('b@x.com')).toEqual([company!.id]);
    expect(await lookupRows()).toEqual([{ externalId: '0012345', companyId: company!.id }]);
  });

  it('finds companies by the values a field already held when an admin renames it to External ID', async () => {
    const field = await createField(world.deps, admin, { entity: 'company', name: 'CRM key', type: 'text', options: [] });
    await importCsv(csv('Email,Company,CRM key', 'a@x.com,Acme Ltd,0012345', 'c@y.com,Globex,0099999'));
    expect(await lookupRows()).toEqual([]);
    const acme = (await store().companies.search({ limit: 10 })).items.find((c) => c.name === 'Acme Ltd')!;

    await updateField(world.deps, admin, { id: field.id, name: 'External ID' });
    expect(await lookupRows()).toEqual([
      { externalId: '0012345', companyId: acme.id },
      { externalId: '0099999', companyId: expect.any(String) },
    ]);
    // Another name, no domain: only the external id can tell it is Acme.
    const job = await importCsv(csv('Email,Company,Account Id', 'b@x.com,ACME Corporation Europe,0012345'));
    expect(job.report).toMatchObject({ rejected: 0, companies: { created: 0 } });
    expect(await companyOf('b@x.com')).toEqual([acme.id]);
    expect(await store().companies.count({})).toBe(2);
  });

  it('leaves the lookup as it was when the rename is refused', async () => {
    await importCsv(ACCOUNTS);
    const before = await lookupRows();
    const field = await createField(world.deps, admin, { entity: 'company', name: 'CRM key', type: 'text', options: [] });
    await expect(updateField(world.deps, admin, { id: field.id, name: 'external id' })).rejects.toMatchObject({ code: 'DUPLICATE' });
    expect(await lookupRows()).toEqual(before);
  });

  it('writes nothing when the same file is imported again, in either mode', async () => {
    await importCsv(ACCOUNTS);
    for (const mode of ['overwrite', 'fill-empty'] as const) {
      const before = world.engine.counter.snapshot();
      const again = await importCsv(ACCOUNTS, { mode });
      expect(world.engine.counter.snapshot().recordWrites - before.recordWrites).toBe(0);
      expect(again.report).toMatchObject({ rejected: 0, companies: { created: 0, updated: 0 }, contacts: { created: 0, updated: 0 }, memberships: { created: 0, updated: 0 } });
    }
  });

  it('still finds a company renamed on its profile by its external id', async () => {
    await importCsv(ACCOUNTS);
    const [company] = (await store().companies.search({ limit: 10 })).items;
    await updateCompany(world.deps, admin, { id: company!.id, version: company!.version, name: 'Globex Holdings' });

    const again = await importCsv(csv('Email,Company,Account Id', 'a@x.com,Acme Ltd,0012345', 'c@x.com,Acme Ltd,0012345'));
    expect(again.report).toMatchObject({ rejected: 0, companies: { created: 0 } });
    expect(await store().companies.count({})).toBe(1);
    expect(await companyOf('c@x.com')).toEqual([company!.id]);
    expect((await store().companies.find(company!.id))!.name).toBe('Globex Holdings');
  });

  it('follows an external id edited on the profile: the old id finds nothing, and a namesake with another id is a new company', async () => {
    await importCsv(ACCOUNTS);
    const [company] = (await store().companies.search({ limit: 10 })).items;
    const field = await externalIdField();
    await updateCompany(world.deps, admin, { id: company!.id, version: company!.version, custom: { [field.id]: 'A-99' } });
    expect(await lookupRows()).toEqual([{ externalId: 'A-99', companyId: company!.id }]);

    const again = await importCsv(csv('Email,Company,Account Id', 'd@x.com,Acme Ltd,0012345', 'e@x.com,Whatever,A-99'));
    expect(again.report).toMatchObject({ rejected: 0, companies: { created: 1 } });
    expect(await companyOf('e@x.com')).toEqual([company!.id]);
    const [other] = await companyOf('d@x.com');
    expect(other).not.toBe(company!.id);
    expect(await issues(again.id)).toContainEqual(
      'warning row 1: Row 1: "Acme Ltd" (external id 0012345) has the same name as "Acme Ltd" (external id A-99) but a different external id, so it is a separate company.',
    );
    expect((await lookupRows()).map((r) => r.externalId)).toEqual(['0012345', 'A-99']);
  });

  it('rejects a row whose domain and external id belong to different companies, naming both, and accounts for every row', async () => {
    await importCsv(csv('Email,Company,Website,Account Id', 'a@x.com,Acme,acme.com,A-1', 'b@x.com,Globex,,0012345'));
    const job = await importCsv(csv('Email,Company,Website,Account Id', 'c@x.com,Acme,acme.com,0012345', 'd@x.com,Globex,,0012345'));
    expect(job.report).toMatchObject({ rows: 2, imported: 1, rejected: 1 });
    expect(job.report!.rows).toBe(job.report!.imported + job.report!.rejected);
    const message = 'The domain acme.com belongs to "Acme" (acme.com, external id A-1) but the external id 0012345 to "Globex" (external id 0012345); correct the row (or one of the companies) so both name the same company.';
    expect(await issues(job.id)).toContain(`error row 1: ${message}`);
    let errors = '';
    for await (const page of errorFileLines(store(), job.id)) errors += page;
    expect(errors).toContain('c@x.com');
    expect(await store().contacts.findByEmails(['c@x.com'])).toEqual([]);
    expect(await store().companies.count({})).toBe(2);
  });

  it('removes the external ids of the companies an import created when the import is undone, and keeps the others', async () => {
    const first = await importCsv(csv('Company,Account Id', 'Acme,A-1'));
    const second = await importCsv(csv('Company,Account Id', 'Globex,G-1', 'Initech,I-1', 'Acme,A-1'));
    expect(second.report).toMatchObject({ companies: { created: 2 } });
    expect((await lookupRows()).map((r) => r.externalId)).toEqual(['A-1', 'G-1', 'I-1']);
    const deps = depsFor(store(), START + 10 * DAY);
    await startUndo(deps, second.id);
    expect((await processUndo(deps, second.id)).status).toBe('undone');
    expect((await lookupRows()).map((r) => r.externalId)).toEqual(['A-1']);
    await startUndo(deps, first.id);
    expect((await processUndo(deps, first.id)).status).toBe('undone');
    expect(await lookupRows()).toEqual([]);
  });

  it('gives the kept company of a merge the external id it ends with, and forgets a deleted company', async () => {
    await importCsv(csv('Company,Website,Account Id', 'Acme,acme.com,', 'Acme Europe,acme.eu,A-EU', 'Globex,globex.com,G-1'));
    const [acme] = await store().companies.findByDomains(['acme.com']);
    const [europe] = await store().companies.findByDomains(['acme.eu']);
    const [globex] = await store().companies.findByDomains(['globex.com']);
    await mergeCompanies(world.deps, admin, { keepId: acme!.id, mergeId: europe!.id, versions: { keep: acme!.version, merge: europe!.version } });
    await world.deps.propertySync.idle();
    expect(await lookupRows()).toEqual([
      { externalId: 'A-EU', companyId: acme!.id },
      { externalId: 'G-1', companyId: globex!.id },
    ]);
    await deleteCompany(world.deps, admin, { id: globex!.id });
    await world.deps.propertySync.idle();
    expect(await lookupRows()).toEqual([{ externalId: 'A-EU', companyId: acme!.id }]);
    expect((await store().companies.findByExternalIds(['A-EU', 'G-1'])).map((c) => c.id)).toEqual([acme!.id]);
  });

  it('round-trips: the export imported again finds every company by domain or external id and writes nothing', async () => {
    await importCsv(csv('Email,Company,Website,Account Id', 'a@x.com,Acme,acme.com,A-1', 'b@x.com,Globex,,0012345', ',Initech,,I-9'));
    let exported = '';
    for await (const page of exportDirectory(store())) exported += page;
    expect(exported.split('\r\n')[0]).toContain(`Company: ${EXTERNAL_ID_FIELD_NAME}`);
    const before = world.engine.counter.snapshot();
    const again = await importCsv(exported);
    expect(again.report).toMatchObject({ rejected: 0, companies: { created: 0, updated: 0 }, contacts: { created: 0, updated: 0 } });
    expect(world.engine.counter.snapshot().recordWrites - before.recordWrites).toBe(0);
  });

  it('fills the lookup of companies stored before it existed, and clears it with the field', async () => {
    await importCsv(csv('Company,Account Id', 'Acme,A-1', 'Globex,G-1'));
    const expected = await lookupRows();
    await world.engine.db.deleteFrom('company_external_ids').execute();
    expect(await store().companies.findByExternalIds(['A-1'])).toEqual([]);
    expect(await rebuildExternalIds(store(), () => new Date())).toBeNull();
    expect(await lookupRows()).toEqual(expected);

    await store().fields.dropValues(await externalIdField());
    expect(await lookupRows()).toEqual([]);
  });

  it('imports 5,000 companies by external id, then finds every one of them again under other names', async () => {
    const N = 5000;
    const file = (name: string) => csv('Company,Account Id', ...Array.from({ length: N }, (_, i) => `${name} ${i},ACC-${i}`));
    const first = await importCsv(file('Company'));
    expect(first.report).toMatchObject({ rows: N, imported: N, rejected: 0, companies: { created: N } });
    const again = await importCsv(file('Renamed'), { mode: 'fill-empty' });
    expect(again.report).toMatchObject({ rows: N, imported: N, rejected: 0, companies: { created: 0, updated: 0 } });
    expect(await store().companies.count({})).toBe(N);
    expect((await store().companies.findByExternalIds(Array.from({ length: N }, (_, i) => `ACC-${i}`))).length).toBe(N);
    expect(world.engine.counter.snapshot().maxStatementBytes).toBeLessThan(FORGE_REQUEST_BYTES);
  });
});
