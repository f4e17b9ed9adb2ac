// Reading the audit trail (a record's history, the admin's filtered list) and pruning it to the retention setting.
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { getRecordHistory } from '../../src/application/get-record-history';
import { listAuditEntries } from '../../src/application/list-audit-entries';
import { AUDIT_PRUNE_BATCH, pruneAudit } from '../../src/application/prune-audit';
import { updateSettings } from '../../src/application/settings';
import { updateContact } from '../../src/application/update-contact';
import type { AuditEntry } from '../../src/domain/ports';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { engines } from '../support/engines';
import { admin, agent, openWorld, viewer, type TestWorld } from '../support/use-case-deps';

describe.each(engines())('the audit trail on $name', (factory) => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld(factory);
  });
  afterEach(() => world.close());

  it('pages a record\'s history newest first, with who, when, what, and each field\'s before and after', async () => {
    const { deps } = world;
    const ada = await createContact(deps, agent, contactInputSchema.parse({ email: 'ada@acme.com', firstName: 'Ada' }));
    for (let version = 1; version <= 4; version++) await updateContact(deps, admin, { id: ada.id, version, jobTitle: `Title ${version}` });

    const first = await getRecordHistory(deps, viewer, { recordType: 'contact', recordId: ada.id, limit: 3 });
    expect(first.items.map((e) => [e.action, e.actor, e.changes.jobTitle])).toEqual([
      ['update', 'local-admin', ['Title 3', 'Title 4']],
      ['update', 'local-admin', ['Title 2', 'Title 3']],
      ['update', 'local-admin', ['Title 1', 'Title 2']],
    ]);
    expect(first.next).not.toBeNull();
    const second = await getRecordHistory(deps, viewer, { recordType: 'contact', recordId: ada.id, after: first.next, limit: 3 });
    expect(second.items.map((e) => e.action)).toEqual(['update', 'create']);
    expect(second.next).toBeNull();
    expect(second.items[1]).toMatchObject({ actor: 'local-agent', changes: { email: [null, 'ada@acme.com'] } });
  });

  it('filters the whole trail by record type, actor, action and time range for admins', async () => {
    const { deps } = world;
    const ada = await createContact(deps, agent, contactInputSchema.parse({ email: 'ada@acme.com' }));
    const acme = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Acme' }));
    await updateContact(deps, admin, { id: ada.id, version: 1, firstName: 'Ada' });
    const all = (await listAuditEntries(deps, admin, { limit: 100 })).items;
    const at = (entry: AuditEntry | undefined) => entry?.at ?? '';

    expect((await listAuditEntries(deps, admin, { recordType: 'company', limit: 10 })).items.map((e) => e.recordId)).toEqual([acme.id]);
    expect((await listAuditEntries(deps, admin, { actor: 'local-agent', limit: 10 })).items.map((e) => e.action)).toEqual(['create']);
    expect((await listAuditEntries(deps, admin, { action: 'update', limit: 10 })).items.map((e) => e.recordId)).toEqual([ada.id]);
    const companyCreated = all.find((e) => e.recordType === 'company');
    const ranged = await listAuditEntries(deps, admin, { from: at(companyCreated), to: at(all[0]), limit: 10 });
    expect(ranged.items.map((e) => e.recordId)).toEqual([acme.id]);
  });

  it('deletes entries older than the retention in bounded batches, and a second run deletes nothing more', async () => {
    const { deps } = world;
    await updateSettings(deps, admin, { auditRetentionDays: 30 });
    const now = deps.clock().getTime();
    const entry = (i: number, ageDays: number): AuditEntry => ({
      id: `old-${String(i).padStart(5, '0')}`,
      at: new Date(now - ageDays * 86_400_000).toISOString(),
      actor: 'local-admin',
      jobId: null,
      recordType: 'contact',
      recordId: `c-${i}`,
      action: 'update',
      changes: {},
    });
    const old = Array.from({ length: AUDIT_PRUNE_BATCH + 5 }, (_, i) => entry(i, 31 + (i % 3)));
    const recent = Array.from({ length: 3 }, (_, i) => entry(90_000 + i, 29));
    await deps.store.audit.append([...old, ...recent]);
    const count = async () => (await deps.store.audit.list({ limit: 5000 })).items.length;
    const before = await count();

    const [first, second] = [await pruneAudit(deps), await pruneAudit(deps)];

    expect(first).toMatchObject({ deleted: old.length, complete: true });
    expect(second).toMatchObject({ deleted: 0, complete: true });
    expect(await count()).toBe(before - old.length);
    expect((await deps.store.audit.list({ recordId: 'c-90000', limit: 1 })).items).toHaveLength(1);

    // Fired twice at once, the two runs together leave the same result.
    await deps.store.audit.append(old);
    await Promise.all([pruneAudit(deps), pruneAudit(deps)]);
    expect(await count()).toBe(before - old.length);
  });

  it('stops at its time budget and leaves the rest to the next run', async () => {
    const { deps } = world;
    const now = deps.clock().getTime();
    const old = Array.from({ length: AUDIT_PRUNE_BATCH * 2 + 1 }, (_, i) => ({
      id: `old-${String(i).padStart(5, '0')}`,
      at: new Date(now - 400 * 86_400_000).toISOString(),
      actor: 'local-admin',
      jobId: null,
      recordType: 'contact',
      recordId: 'c-1',
      action: 'update' as const,
      changes: {},
    }));
    await deps.store.audit.append(old);
    // The world's clock moves a second per reading, so a 1 ms budget ends after the first batch.
    expect(await pruneAudit(deps, 1)).toMatchObject({ deleted: AUDIT_PRUNE_BATCH, complete: false });
    expect(await pruneAudit(deps)).toMatchObject({ deleted: AUDIT_PRUNE_BATCH + 1, complete: true });
  });
});
