// The company identity rules alone: domains first, then the external id, then the name key unless the namesake owns another domain or id.
import { decideCompanyName, isUnnamed, namesakeWarning, resolveCompany, type KnownCompany } from '../../src/import/company-identity';
import { companyNameKey } from '../../src/domain/normalise';

const company = (id: string, name: string, domains: string[] = []): KnownCompany => ({ id, name, nameKey: companyNameKey(name), domains });

/** `externalIds`: company id -> its external id. */
function lookup(companies: KnownCompany[], externalIds: Record<string, string> = {}) {
  return {
    byDomain: (d: string) => companies.find((c) => c.domains.includes(d)),
    byExternalId: (x: string) => companies.filter((c) => externalIds[c.id] === x),
    byNameKey: (k: string) => companies.filter((c) => c.nameKey === k),
    externalIdOf: (c: KnownCompany) => externalIds[c.id],
  };
}

const row = (name: string | undefined, domains: string[] = [], externalId?: string) => ({ domains, nameKey: name === undefined ? undefined : companyNameKey(name), ...(externalId ? { externalId } : {}) });

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

describe('resolving the company a row means by its external id', () => {
  const acme = company('1', 'Acme Ltd', ['acme.com']);
  const globex = company('2', 'Globex');
  const initech = company('3', 'Initech');
  const ids = { '1': 'A-1', '2': '0012345' };

  it('finds the company holding the external id, whatever name the row gives', () => {
    expect(resolveCompany(row('Globex Corporation International', [], '0012345'), lookup([acme, globex], ids))).toEqual({
      kind: 'found',
      company: globex,
      by: 'external id',
      reason: 'external id 0012345',
    });
  });

  it('looks at domains before the external id: both naming one company is a match by domain', () => {
    expect(resolveCompany(row('Acme', ['acme.com'], 'A-1'), lookup([acme, globex], ids))).toMatchObject({ kind: 'found', company: acme, by: 'domain' });
    expect(resolveCompany(row('Acme', ['acme.com'], 'unknown'), lookup([acme, globex], ids))).toMatchObject({ kind: 'found', company: acme, by: 'domain' });
  });

  it('refuses a row whose domain belongs to one company and whose external id to another, naming both', () => {
    const result = resolveCompany(row('Acme', ['acme.com'], '0012345'), lookup([acme, globex], ids));
    expect(result).toEqual({
      kind: 'ambiguous',
      message: 'The domain acme.com belongs to "Acme Ltd" (acme.com, external id A-1) but the external id 0012345 to "Globex" (external id 0012345); correct the row (or one of the companies) so both name the same company.',
    });
  });

  it('refuses an external id that two companies hold, never guessing', () => {
    const result = resolveCompany(row('Globex', [], '0012345'), lookup([acme, globex, initech], { ...ids, '3': '0012345' }));
    expect(result).toMatchObject({ kind: 'ambiguous', message: expect.stringContaining('The external id 0012345 belongs to 2 companies ("Globex", "Initech")') });
  });

  it('looks at the external id before the name key', () => {
    const globexToo = company('4', 'Globex');
    expect(resolveCompany(row('Globex', [], '0012345'), lookup([globexToo, globex], ids))).toMatchObject({ kind: 'found', company: globex, by: 'external id' });
  });

  it('does not match a namesake holding a different external id: the row is a new company and the namesake is named', () => {
    expect(resolveCompany(row('Globex', [], '999'), lookup([globex], ids))).toEqual({ kind: 'new', namesakes: [globex] });
    expect(namesakeWarning(4, { name: 'Globex', domains: [], externalId: '999' }, [globex], (c) => ids[c.id as '2'])).toBe(
      'Row 4: "Globex" (external id 999) has the same name as "Globex" (external id 0012345) but a different external id, so it is a separate company.',
    );
  });

  it('matches a namesake without an external id by name, and any namesake when the row has no external id', () => {
    expect(resolveCompany(row('Initech', [], '777'), lookup([initech], ids))).toMatchObject({ kind: 'found', company: initech, by: 'name' });
    expect(resolveCompany(row('Globex'), lookup([globex], ids))).toMatchObject({ kind: 'found', company: globex, by: 'name' });
  });

  it('asks for a domain or external id when a name matches several companies', () => {
    expect(resolveCompany(row('Globex'), lookup([globex, company('5', 'Globex')], ids))).toMatchObject({ kind: 'ambiguous', message: expect.stringContaining('add the company\'s domain or external id') });
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
