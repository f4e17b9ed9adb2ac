// How field-level changes read on profiles and in import reports.
import type { CustomField } from '../../src/domain/records';
import { changeLines } from '../../static/global-page/src/change-format';

const tier: CustomField = { id: 'f-tier', entity: 'contact', name: 'Tier', nameKey: 'tier', type: 'text', options: [], createdAt: '2026-01-01T00:00:00.000Z' };

describe('changes as people read them', () => {
  it('names built-in and custom fields and leaves bookkeeping out', () => {
    expect(changeLines({ jobTitle: ['CTO', 'CEO'], 'custom.f-tier': [null, 'Gold'], _version: [1, 2], noteId: [null, 'n1'] }, [tier])).toEqual([
      { field: 'Job title', before: 'CTO', after: 'CEO' },
      { field: 'Tier', before: '', after: 'Gold' },
    ]);
  });

  it("reads an import's new memberships by their roles", () => {
    const memberships = [{ companyId: 'c1', role: 'Buyer', isPrimary: true }, { companyId: 'c2', role: '', isPrimary: false }];
    expect(changeLines({ memberships: [null, memberships] }, [])).toEqual([{ field: 'Memberships', before: '', after: 'Buyer (primary company); Member' }]);
  });

  it('shows record ids as the names the page knows, and otherwise only that a parent changed', () => {
    const names = new Map([['c1', 'Globex']]);
    expect(changeLines({ companyId: [null, 'c1'], role: [null, 'Buyer'] }, [], names)).toEqual([
      { field: 'Company', before: '', after: 'Globex' },
      { field: 'Role', before: '', after: 'Buyer' },
    ]);
    expect(changeLines({ parentId: ['p1', 'p2'], contactId: [null, 'x'] }, [])).toEqual([{ field: 'Parent company', before: '', after: '', summary: 'changed' }]);
  });
});
