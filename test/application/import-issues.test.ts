// The import report's full list of problems: every rejected row and warning of a dry run, paged and filtered by kind.
import { listImportIssues } from '../../src/application/list-import-issues';
import { importIssuesApi } from '../../src/contracts/import-issues';
import { engines } from '../support/engines';
import { csv, runImport } from '../support/import-harness';
import { admin, openWorld, type TestWorld } from '../support/use-case-deps';

describe.each(engines())('listing the problems of an import on $name', (factory) => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld(factory);
  });
  afterEach(() => world.close());

  it('pages through every rejected row and warning, and filters by kind', async () => {
    const lines = ['Email,First Name,Company'];
    for (let i = 1; i <= 130; i++) {
      if (i % 2 === 0) lines.push(`bad-email-${i},X,`); // rejected
      else if (i % 5 === 0) lines.push(`,Person ${i},`); // no email and no company: rejected, with a warning
      else lines.push(`p${i}@example.org,Person ${i},`);
    }
    const job = await runImport({ store: world.deps.store, clock: world.deps.clock }, csv(...lines), { dryRun: true });
    const query = (q: object) => listImportIssues(world.deps, admin, importIssuesApi['import/issues'].input.parse({ jobId: job.id, ...q }));

    const all: { row: number; severity: string }[] = [];
    let next: string | null = null;
    do {
      const page = await query({ limit: 20, after: next });
      all.push(...page.items);
      next = page.next;
    } while (next !== null);
    const errors = all.filter((i) => i.severity === 'error');
    expect(new Set(errors.map((i) => i.row)).size).toBe(job.report!.rejected);
    expect(all.filter((i) => i.severity === 'warning')).toHaveLength(job.report!.warnings);
    expect(all.length).toBeGreaterThan(20 * 3);
    // Row order, each problem once.
    expect(all.map((i) => i.row)).toEqual([...all.map((i) => i.row)].sort((a, b) => a - b));

    const warnings = await query({ severity: 'warning', limit: 200 });
    expect(warnings.items.every((i) => i.severity === 'warning')).toBe(true);
    expect(warnings.items).toHaveLength(job.report!.warnings);
    expect(warnings.next).toBeNull();
  });

  it('says NOT_FOUND for a job that does not exist', async () => {
    await expect(listImportIssues(world.deps, admin, { jobId: 'nope', limit: 10 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
