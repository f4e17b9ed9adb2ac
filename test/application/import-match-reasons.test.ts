// Why an imported row matched a stored record, in the report's samples: the same email, a company domain, a name key.
import { engines } from '../support/engines';
import { csv, depsFor, runImport } from '../support/import-harness';
import { openWorld, type TestWorld } from '../support/use-case-deps';

describe.each(engines())('match reasons in the import report on $name', (factory) => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld(factory);
  });
  afterEach(() => world.close());

  it('says a contact matched by its email, and companies by their domain or name key, in the dry run and the import', async () => {
    const deps = depsFor(world.deps.store);
    // Acme is known by its domain only (so a row may name it); Globex by its name only (so a row may give its domain).
    await runImport(deps, csv('Email,First Name,Company,Company Domain', 'ada@acme.com,Ada,,acme.com', 'bob@globex.com,Bob,"Globex, Inc.",'));

    const file = csv('Email,First Name,Company,Company Domain', 'ada@acme.com,Augusta,Acme,acme.com', 'bob@globex.com,Robert,GLOBEX INC,globex.com');
    for (const dryRun of [true, false]) {
      const job = await runImport(deps, file, { dryRun });
      const reasons = job.report!.samples.filter((s) => s.action.startsWith('update')).map((s) => [s.action, s.record, s.reason]);
      expect({ dryRun, reasons }).toEqual({
        dryRun,
        reasons: expect.arrayContaining([
          ['update company', 'Acme', 'domain acme.com'],
          ['update contact', 'ada@acme.com', 'same email'],
          ['update contact', 'bob@globex.com', 'same email'],
          ['update company', 'Globex, Inc.', 'name key globex'],
        ]),
      });
    }
  });
});
