import { AppError } from '../../src/domain/errors';
import { primaryCompanyId, withPrimary } from '../../src/domain/memberships';
import type { Membership } from '../../src/domain/records';

const membership = (contactId: string, companyId: string, isPrimary = false): Membership => ({
  contactId,
  companyId,
  role: '',
  isPrimary,
  createdAt: '2024-01-01T00:00:00.000Z',
  createdBy: 'test',
});

describe('withPrimary', () => {
  const all = [membership('ada', 'acme', true), membership('ada', 'globex'), membership('bob', 'acme', true), membership('ada', 'initech')];

  it('makes the chosen company the only primary of the contact', () => {
    const result = withPrimary(all, 'ada', 'globex');
    expect(result.map((m) => [m.companyId, m.isPrimary])).toEqual([
      ['acme', false],
      ['globex', true],
      ['initech', false],
    ]);
  });

  it("leaves other contacts' memberships out and untouched", () => {
    const result = withPrimary(all, 'ada', 'globex');
    expect(result.every((m) => m.contactId === 'ada')).toBe(true);
    expect(all[2]!.isPrimary).toBe(true);
  });

  it('does not change the memberships it was given', () => {
    withPrimary(all, 'ada', 'globex');
    expect(all[0]!.isPrimary).toBe(true);
    expect(all[1]!.isPrimary).toBe(false);
  });

  it('refuses a company the contact is not a member of', () => {
    expect(() => withPrimary(all, 'bob', 'globex')).toThrow(AppError);
    expect(() => withPrimary(all, 'bob', 'globex')).toThrow(/add the membership/);
  });
});

describe('primaryCompanyId', () => {
  it('is the primary company when there is one', () => {
    expect(primaryCompanyId([membership('ada', 'acme'), membership('ada', 'globex', true)], 'ada')).toBe('globex');
  });

  it('is the only company when there is just one membership', () => {
    expect(primaryCompanyId([membership('ada', 'acme'), membership('bob', 'globex', true)], 'ada')).toBe('acme');
  });

  it('is null when several companies and none is primary', () => {
    expect(primaryCompanyId([membership('ada', 'acme'), membership('ada', 'globex')], 'ada')).toBeNull();
  });

  it('is null for a contact without memberships', () => {
    expect(primaryCompanyId([membership('bob', 'acme', true)], 'ada')).toBeNull();
  });
});
