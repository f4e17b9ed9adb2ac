import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUILT_IN_TARGET_NAMES, columnLetter, mapHeaders, mappingTargetName, parseMappingTarget, targetSynonyms } from '../../src/import/headers';
import type { FieldTarget } from '../../src/import/types';
import { customField } from './builders';

const noFields = { customFields: [] };
const targetsOf = (headers: string[], input: Parameters<typeof mapHeaders>[1] = noFields) =>
  mapHeaders(headers, input).columns.map((c) => mappingTargetName(c.target));
const errors = (result: ReturnType<typeof mapHeaders>) => result.issues.filter((i) => i.severity === 'error').map((i) => i.message);

describe('columnLetter', () => {
  it('names columns as spreadsheets do', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('mapHeaders', () => {
  it.each([
    ['email', ['Email', 'E-mail', 'Email Address', 'Mail', 'EMAIL', 'e_mail address', 'Email 1', 'Email Primary', 'Primary Email', 'Work Email', 'E-mail Address']],
    ['firstName', ['First Name', 'Firstname', 'Given Name', 'first_name']],
    ['lastName', ['Last Name', 'Surname', 'Family Name', 'LAST-NAME']],
    ['fullName', ['Name', 'Full Name', 'Contact Name']],
    ['company.domain', ['Website', 'Domain', 'Company Website']],
    ['phone', ['Phone', 'Phone Number', 'Telephone', 'Mobile', 'Phone 1', 'Work Phone']],
    ['jobTitle', ['Job Title', 'Title', 'Position']],
    ['company.name', ['Organization Name', 'Organisation Name', 'Organization', 'Organisation', 'Company', 'Company Name', 'Account Name', 'Raw Company Name']],
    ['company.domain', ['Company Domain', 'Domain', 'Website', 'Company Website', 'Web Site', 'URL']],
    ['company.parent', ['Parent Company', 'Parent Organization', 'Parent']],
    ['membership.role', ['Role', ' role ']],
    ['membership.primary', ['Primary', 'Is Primary', 'Primary Company', 'is-primary?']],
  ])('maps the synonyms of %s whatever their case, spaces or punctuation', (target, synonyms) => {
    for (const synonym of synonyms) {
      const headers = target === 'email' ? [synonym] : ['Email', synonym];
      expect(targetsOf(headers).slice(-1)).toEqual([target]);
    }
  });

  it.each([
    ['contact.custom:Secondary Email', ['Email 2', 'Secondary Email', 'Other Email']],
    ['contact.custom:Other Phone', ['Phone 2', 'Other Phone']],
    ['company.custom:External ID', ['Organization Id', 'Account Id', 'Company Id']],
  ])('keeps %s columns in a custom field created for them, even without --create-fields', (target, synonyms) => {
    for (const synonym of synonyms) {
      const result = mapHeaders(['Email', synonym], noFields);
      expect(result.columns[1]?.target.kind).toBe('newCustom');
      expect(mappingTargetName(result.columns[1]!.target)).toBe(target);
      expect(errors(result)).toEqual([]);
    }
  });

  it('uses an existing field of that name for a kept column', () => {
    const secondary = customField('Secondary Email', { id: 'f-2nd' });
    expect(mapHeaders(['Email 1', 'Email 2'], { customFields: [secondary] }).columns[1]?.target).toEqual({ kind: 'custom', entity: 'contact', fieldId: 'f-2nd', fieldName: 'Secondary Email' });
  });

  it('keeps a second email or phone column with another header as the secondary one, never dropping it', () => {
    expect(targetsOf(['Work Email', 'Email', 'Phone', 'Mobile'])).toEqual(['email', 'contact.custom:Secondary Email', 'phone', 'contact.custom:Other Phone']);
  });

  it('reads "Name" as the company name in a file of companies, and as the person\'s name otherwise', () => {
    expect(targetsOf(['Organization Id', 'Name', 'Website', 'Industry'])).toEqual(['company.custom:External ID', 'company.name', 'company.domain', 'ignore']);
    expect(targetsOf(['Name', 'Website'])).toEqual(['company.name', 'company.domain']);
    expect(targetsOf(['Name', 'Email', 'Website'])).toEqual(['fullName', 'email', 'company.domain']);
  });

  it('with --create-fields, makes the unknown columns of a file of companies company fields, and still reads "Name" as the company', () => {
    const create = { ...noFields, createFields: true };
    expect(targetsOf(['Organization Id', 'Name', 'Website', 'Country', 'Industry'], create)).toEqual([
      'company.custom:External ID', 'company.name', 'company.domain', 'company.custom:Country', 'company.custom:Industry',
    ]);
    // A person column (here the kept second phone) makes it a file of people: Name is theirs, the rest contact fields.
    expect(targetsOf(['Name', 'Website', 'Phone 2', 'Country'], create)).toEqual(['fullName', 'company.domain', 'contact.custom:Other Phone', 'contact.custom:Country']);
  });

  it('lists the columns it leaves out by letter and header', () => {
    const result = mapHeaders(['Lead Owner', 'Email', '', 'Notes', 'Error'], noFields);
    expect(result.ignoredColumns).toEqual([
      { column: 'A', name: 'Lead Owner' },
      { column: 'C', name: '' },
      { column: 'D', name: 'Notes' },
    ]);
  });

  it('maps duplicate headers by column letter or position', () => {
    const headers = ['Email', 'Name', 'Email'];
    expect(errors(mapHeaders(headers, noFields))).toHaveLength(1);
    expect(targetsOf(headers, { customFields: [], explicit: { C: 'ignore' } })).toEqual(['email', 'fullName', 'ignore']);
    expect(targetsOf(headers, { customFields: [], explicit: { '#1': 'ignore' } })).toEqual(['ignore', 'fullName', 'email']);
    expect(errors(mapHeaders(headers, { customFields: [], explicit: { '#3': 'ignore' } }))).toEqual([]);
  });

  it('reads a letter as a header when the file has a column of that name', () => {
    expect(targetsOf(['Email', 'X'], { customFields: [], explicit: { X: 'jobTitle' } })).toEqual(['email', 'jobTitle']);
  });

  it('warns when a letter or position is past the last column', () => {
    const result = mapHeaders(['Email'], { customFields: [], explicit: { '#4': 'ignore' } });
    expect(result.issues.map((i) => i.message)).toEqual(['The mapping names column #4, but the file has only 1 column.']);
  });

  it('refuses --create-fields past the limit of custom fields per record, naming the limit', () => {
    const headers = ['Email', ...Array.from({ length: 999 }, (_, i) => `Column ${i + 1}`)];
    const result = mapHeaders(headers, { customFields: [], createFields: true });
    expect(errors(result)).toEqual([expect.stringContaining('would create 999 new contact fields, but a contact can have at most 100 custom fields')]);
    const existing = Array.from({ length: 98 }, (_, i) => customField(`Existing ${i}`, { id: `f${i}` }));
    expect(errors(mapHeaders(['Email', 'New 1', 'New 2', 'New 3'], { customFields: existing, createFields: true }))).toEqual([expect.stringContaining('(and so at most 100 custom values per record; 98 exist)')]);
    expect(errors(mapHeaders(['Email', 'New 1', 'New 2'], { customFields: existing, createFields: true }))).toEqual([]);
  });

  it('maps a header named like a contact custom field to that field, before a company field of the same name', () => {
    const contactTier = customField('Customer Tier', { id: 'f-contact' });
    const companyTier = customField('Customer Tier', { id: 'f-company', entity: 'company' });
    const { columns } = mapHeaders(['Email', 'customer-tier'], { customFields: [companyTier, contactTier] });
    expect(columns[1]?.target).toEqual({ kind: 'custom', entity: 'contact', fieldId: 'f-contact', fieldName: 'Customer Tier' });
  });

  it('maps a header named like a company custom field when no contact field has that name', () => {
    const industry = customField('Industry', { id: 'f-industry', entity: 'company' });
    expect(mapHeaders(['Email', 'INDUSTRY'], { customFields: [industry] }).columns[1]?.target).toEqual({
      kind: 'custom',
      entity: 'company',
      fieldId: 'f-industry',
      fieldName: 'Industry',
    });
  });

  it('sends "Company: X" headers to the company field X even when a contact field is called X', () => {
    const contactTier = customField('Tier', { id: 'f-contact' });
    const companyTier = customField('Tier', { id: 'f-company', entity: 'company' });
    const { columns } = mapHeaders(['Email', 'Company: Tier', 'Tier'], { customFields: [contactTier, companyTier] });
    expect(columns.map((c) => c.target.kind === 'custom' && c.target.fieldId)).toEqual([false, 'f-company', 'f-contact']);
  });

  it('reads "Company: Name" and "Company: Website" as the built-in company columns', () => {
    expect(targetsOf(['Email', 'Company: Name', 'Company: Website', 'Company: Parent'])).toEqual([
      'email',
      'company.name',
      'company.domain',
      'company.parent',
    ]);
  });

  it('warns about an unknown header and leaves it out when fields may not be created', () => {
    const result = mapHeaders(['Email', 'Favourite Colour'], noFields);
    expect(result.columns[1]?.target).toEqual({ kind: 'ignore' });
    expect(result.unknown).toEqual(['Favourite Colour']);
    expect(result.issues).toEqual([
      {
        row: 0,
        column: 'Favourite Colour',
        severity: 'warning',
        message: 'Column "Favourite Colour" is not imported: no field has that name. Map it or use --create-fields.',
      },
    ]);
  });

  it('plans new custom fields for unknown headers when fields may be created, on the company for "Company:" headers', () => {
    const result = mapHeaders(['Email', 'Favourite Colour', 'Company: Segment'], { customFields: [], createFields: true });
    expect(result.columns.slice(1).map((c) => c.target)).toEqual([
      { kind: 'newCustom', entity: 'contact', fieldName: 'Favourite Colour' },
      { kind: 'newCustom', entity: 'company', fieldName: 'Segment' },
    ]);
    expect(result.unknown).toEqual(['Favourite Colour', 'Company: Segment']);
    expect(result.issues).toEqual([]);
  });

  it('lets an explicit mapping override the synonyms', () => {
    const result = mapHeaders(['Work Mail', 'Name', 'Title'], {
      customFields: [],
      explicit: { 'Work Mail': 'email', Name: 'company.name', Title: 'ignore' },
    });
    expect(result.columns.map((c) => mappingTargetName(c.target))).toEqual(['email', 'company.name', 'ignore']);
    expect(result.issues).toEqual([]);
  });

  it('maps explicitly to custom fields by name', () => {
    const segment = customField('Segment', { id: 'f-seg', entity: 'company' });
    const result = mapHeaders(['Email', 'Seg'], { customFields: [segment], explicit: { Seg: 'company.custom:segment' } });
    expect(result.columns[1]?.target).toEqual({ kind: 'custom', entity: 'company', fieldId: 'f-seg', fieldName: 'Segment' });
  });

  it('rejects an explicit target that is not a field, listing the valid ones', () => {
    const result = mapHeaders(['Email', 'Mobile'], { customFields: [], explicit: { Mobile: 'cellphone' } });
    expect(result.columns[1]?.target).toEqual({ kind: 'ignore' });
    expect(errors(result)).toEqual([
      'Column B ("Mobile") cannot be mapped: "cellphone" is not a field. Valid targets: email, firstName, lastName, fullName, phone, jobTitle, company.name, company.domain, company.parent, membership.role, membership.primary, ignore, contact.custom:<Field Name>, company.custom:<Field Name>.',
    ]);
  });

  it('rejects an explicit custom field that does not exist unless fields may be created', () => {
    const explicit = { Seg: 'contact.custom:Segment' };
    expect(errors(mapHeaders(['Email', 'Seg'], { customFields: [], explicit }))).toEqual([
      'Column B ("Seg") cannot be mapped: There is no contact field named "Segment". Create it first or use --create-fields.',
    ]);
    expect(mapHeaders(['Email', 'Seg'], { customFields: [], explicit, createFields: true }).columns[1]?.target).toEqual({
      kind: 'newCustom',
      entity: 'contact',
      fieldName: 'Segment',
    });
  });

  it('warns when the explicit mapping names a column the file does not have', () => {
    const result = mapHeaders(['Email'], { customFields: [], explicit: { Mobile: 'phone' } });
    expect(result.issues.map((i) => [i.severity, i.message])).toEqual([['warning', 'The mapping names column "Mobile", which is not in this file.']]);
  });

  it('rejects duplicate headers that go to the same field, naming both columns', () => {
    const result = mapHeaders(['Email', 'Name', 'email '], noFields);
    expect(errors(result)).toEqual(['Columns A ("Email") and C ("email") both go to email. Keep one, or map the other to ignore.']);
    expect(result.issues[0]).toMatchObject({ row: 0, column: 'email ' });
  });

  it('rejects two different synonyms of one built-in field', () => {
    expect(errors(mapHeaders(['Email', 'Website', 'Domain', 'URL'], noFields))).toEqual([
      'Columns B ("Website"), C ("Domain") and D ("URL") all go to company.domain. Keep one, or map the others to ignore.',
    ]);
  });

  it('rejects two unknown headers that would create the same new field', () => {
    expect(errors(mapHeaders(['Email', 'Colour', 'colour'], { customFields: [], createFields: true }))).toHaveLength(1);
  });

  it('lets duplicate columns be when both are ignored', () => {
    expect(errors(mapHeaders(['Email', 'Notes', 'Notes'], noFields))).toEqual([]);
  });

  it('requires an email column or a company name or domain column', () => {
    const message = 'The file needs an Email column or a Company/Organization Name column.';
    expect(errors(mapHeaders(['First Name', 'Last Name'], noFields))).toEqual([message]);
    expect(errors(mapHeaders(['Organization'], noFields))).toEqual([]);
    expect(errors(mapHeaders(['Website'], noFields))).toEqual([]);
  });

  it('warns about a column without a header and leaves it out', () => {
    const result = mapHeaders(['Email', ''], { customFields: [], createFields: true });
    expect(result.columns[1]?.target).toEqual({ kind: 'ignore' });
    expect(result.issues.map((i) => i.message)).toEqual(['Column B has no header, so it is not imported.']);
  });

  it('quietly leaves out the Error column of a corrected error file', () => {
    const result = mapHeaders(['Email', 'Name', 'Error'], { customFields: [], createFields: true });
    expect(result.columns[2]?.target).toEqual({ kind: 'ignore' });
    expect(result.issues).toEqual([]);
    expect(result.unknown).toEqual([]);
  });
});

describe('mappingTargetName', () => {
  it('writes every built-in target as the name an explicit mapping reads back', () => {
    for (const name of BUILT_IN_TARGET_NAMES) {
      const parsed = parseMappingTarget(name, []);
      expect(parsed.ok && mappingTargetName(parsed.target)).toBe(name);
    }
  });

  it('writes custom and new custom targets with their entity prefix and field name', () => {
    const custom: FieldTarget = { kind: 'custom', entity: 'company', fieldId: 'f1', fieldName: 'Segment' };
    const created: FieldTarget = { kind: 'newCustom', entity: 'contact', fieldName: 'Colour' };
    expect(mappingTargetName(custom)).toBe('company.custom:Segment');
    expect(mappingTargetName(created)).toBe('contact.custom:Colour');
    const segment = customField('Segment', { id: 'f1', entity: 'company' });
    expect(parseMappingTarget('company.custom:Segment', [segment])).toEqual({ ok: true, target: custom });
  });
});

describe('the README', () => {
  it('lists every --map target with every header it takes without help', () => {
    const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    for (const { target, headers } of targetSynonyms()) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${target}\` |`));
      expect(row).toBeDefined();
      for (const header of headers) expect(row).toContain(header);
    }
  });
});
