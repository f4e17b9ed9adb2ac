// The company identity rules alone: domains first, then the name key unless the namesake owns another domain.
import { decideCompanyName, isUnnamed, resolveCompany, type KnownCompany } from '../../src/import/company-identity';
import { companyNameKey } from '../../src/domain/normalise';

const company = (id: string, name: string, domains: string[] = []): KnownCompany => ({ id, name, nameKey: companyNameKey(name), domains });

function lookup(companies: KnownCompany[]) {
  return {
    byDomain: (d: string) => companies.find((c) => c.domains.includes(d)),
    byNameKey: (k: string) => companies.filter((c) => c.nameKey === k),
  };
}

const row = (name: string | undefined, domains: string[] = []) => ({ domains, nameKey: name === undefined ? undefined : companyNameKey(name) });

describe('resolving the company a row means', () => {
  const acme = company('1', 'Acme Ltd', ['acme.com']);
  const other = company('2', 'Other', ['other.com']);
  const nameless = company('3', 'Globex');

  it('finds a company by any of its domains, whatever name the row gives', () => {
    expect(resolveCompany(row('Something Else', ['other.com']), lookup([acme, other]))).toEqual({ kind: 'found', company: other, by: 'domain', reason: 'domain other.com' });
  });

  it('refuses a row whose domains belong to two different companies', () => {
    const result = resolveCompany(row('Acme', ['acme.com', 'other.com']), lookup([acme, other]));
    expect(result).toMatchObject({ kind: 'ambiguous', message: expect.stringContaining('"Acme Ltd" (acme.com), "Other" (other.com)') });
  });

  it('finds a company by its name key when the row has no domain', () => {
    expect(resolveCompany(row('ACME, Inc.'), lookup([acme]))).toEqual({ kind: 'found', company: acme, by: 'name', reason: 'name key acme' });
  });

  it('does not match a namesake that owns a different domain: the row is a new company and the namesake is named', () => {
    expect(resolveCompany(row('Acme Inc', ['acme.io']), lookup([acme]))).toEqual({ kind: 'new', namesakes: [acme] });
  });

  it('gives a domain to a namesake that has none', () => {
    expect(resolveCompany(row('Globex', ['globex.com']), lookup([nameless]))).toEqual({ kind: 'found', company: nameless, by: 'name', reason: 'name key globex' });
  });

  it('refuses a name without domain that matches several companies', () => {
    const twin = company('4', 'Acme PLC', ['acme.co.uk']);
    expect(resolveCompany(row('Acme'), lookup([acme, twin]))).toMatchObject({ kind: 'ambiguous', message: expect.stringContaining('matches 2 companies') });
  });

  it('makes a new company when nothing matches', () => {
    expect(resolveCompany(row('Initech', ['initech.com']), lookup([acme]))).toEqual({ kind: 'new', namesakes: [] });
    expect(resolveCompany(row(undefined, ['initech.com']), lookup([acme]))).toEqual({ kind: 'new', namesakes: [] });
  });
});

describe('deciding whether a row names its company', () => {
  it('names a company that has no name yet, or only the domain it was named after', () => {
    expect(decideCompanyName(company('1', '', ['acme.com']), 'Acme', 2)).toEqual({ name: 'Acme' });
    expect(decideCompanyName(company('1', 'acme.com', ['acme.com']), 'Acme', 2)).toEqual({ name: 'Acme' });
    expect(isUnnamed(company('1', 'Acme', ['acme.com']))).toBe(false);
  });

  it('keeps the name of a named company, silently when the names match by key', () => {
    expect(decideCompanyName(company('1', 'Acme Ltd', ['acme.com']), 'ACME, Inc.', 5, 1)).toEqual({});
  });

  it('keeps the name of a named company and warns with both names and the row that named it', () => {
    const decision = decideCompanyName(company('1', 'Other', ['other.com']), 'Acme', 4, 2);
    expect(decision.name).toBeUndefined();
    expect(decision.warning).toBe('Row 4 names the company of other.com "Acme", but row 2 named it "Other"; the name "Other" is kept (rename it on its profile if you wish).');
  });

  it('says nothing when the row names no company', () => {
    expect(decideCompanyName(company('1', 'Other', ['other.com']), undefined, 4)).toEqual({});
  });
});
