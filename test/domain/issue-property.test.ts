// The customer property of an issue: company names and ids in step, contact ids only, bounded, absent when empty.
import { issuePropertyFor, MAX_PROPERTY_COMPANIES, MAX_PROPERTY_CONTACTS } from '../../src/domain/issue-property';

describe('issuePropertyFor', () => {
  it('lists companies by name with their ids in the same order, and contact ids sorted, each once', () => {
    const companies = [
      { id: 'c2', name: 'Globex' },
      { id: 'c1', name: 'Acme' },
      { id: 'c2', name: 'Globex' },
    ];
    expect(issuePropertyFor(companies, ['p2', 'p1', 'p2'])).toEqual({ companyIds: ['c1', 'c2'], companyNames: ['Acme', 'Globex'], contactIds: ['p1', 'p2'] });
  });

  it('is null when nothing is linked, so the property is deleted rather than left empty', () => {
    expect(issuePropertyFor([], [])).toBeNull();
  });

  it('stays within Jira’s 32 KB property limit however much is linked', () => {
    const companies = Array.from({ length: 80 }, (_, n) => ({ id: `company-${String(n).padStart(3, '0')}-${'x'.repeat(26)}`, name: `${'N'.repeat(250)}${n}` }));
    const contacts = Array.from({ length: 300 }, (_, n) => `contact-${String(n).padStart(3, '0')}-${'y'.repeat(26)}`);
    const value = issuePropertyFor(companies, contacts)!;
    expect([value.companyIds.length, value.companyNames.length, value.contactIds.length]).toEqual([MAX_PROPERTY_COMPANIES, MAX_PROPERTY_COMPANIES, MAX_PROPERTY_CONTACTS]);
    expect(Buffer.byteLength(JSON.stringify(value))).toBeLessThan(32 * 1024);
  });
});
