import { mapHeaders } from '../../src/import/headers';
import type { CustomField } from '../../src/domain/records';
import { validateRow } from '../../src/import/validate-row';
import { customField } from './builders';

const tier = customField('Tier', { id: 'f-tier', type: 'select', options: ['Gold', 'Silver'] });
const employees = customField('Employees', { id: 'f-employees', entity: 'company', type: 'number' });
const FIELDS = new Map<string, CustomField>([tier, employees].map((f) => [f.id, f]));

/** Validates one data row under the given headers, mapped the way an import maps them. */
function check(headers: string[], cells: string[], options: { row?: number; line?: number; createFields?: boolean } = {}) {
  const { columns } = mapHeaders(headers, { customFields: [tier, employees], createFields: options.createFields ?? false });
  return validateRow({ row: options.row ?? 1, line: options.line ?? 2, cells }, columns, FIELDS, headers.length);
}
const messages = (result: ReturnType<typeof check>) => result.issues.map((i) => `${i.severity}: ${i.message}`);

const HEADERS = ['Email', 'First Name', 'Last Name', 'Phone', 'Job Title', 'Company', 'Website', 'Role', 'Primary'];

describe('validateRow', () => {
  it('builds a contact, a company and their membership from trimmed cells', () => {
    const result = check(HEADERS, [' Ada@Example.COM ', ' Ada ', 'Lovelace', '+44 20 7946 0958', 'Analyst', ' Acme, Inc. ', 'https://www.acme.com/', 'Billing', 'yes']);
    expect(result).toEqual({
      issues: [],
      row: {
        row: 1,
        line: 2,
        contact: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', phone: '+44 20 7946 0958', jobTitle: 'Analyst', custom: {} },
        company: { name: 'Acme, Inc.', nameKey: 'acme', domains: ['acme.com'], custom: {} },
        membership: { role: 'Billing', isPrimary: true },
      },
    });
  });

  it('leaves blank cells out entirely, so they never erase stored values', () => {
    const result = check(HEADERS, ['ada@example.com', '', '  ', '', '', 'Acme', '', '', '']);
    expect(result.row?.contact).toEqual({ email: 'ada@example.com', custom: {} });
    expect(result.row?.company).toEqual({ name: 'Acme', nameKey: 'acme', domains: [], custom: {} });
    expect(result.row?.membership).toEqual({});
  });

  it('rejects a row with fewer or more cells than the header', () => {
    expect(check(['Email', 'Name', 'Company'], ['a@acme.com', 'Ada'], { row: 7, line: 9 })).toEqual({
      row: null,
      issues: [
        {
          row: 7,
          line: 9,
          severity: 'error',
          message: 'Row 7 (line 9) has 2 cells but the header has 3; check for a missing or extra separator or quote.',
        },
      ],
    });
    expect(check(['Email', 'Name'], ['a@acme.com', 'Ada', 'Acme']).row).toBeNull();
  });

  it('tolerates extra cells at the end of a row when they are all empty', () => {
    expect(check(['Email', 'Name'], ['a@acme.com', 'Ada', '', ' ']).row?.contact?.email).toBe('a@acme.com');
  });

  it('rejects an invalid email, naming the column and the value', () => {
    const result = check(['E-mail', 'Company'], ['ada at acme', 'Acme']);
    expect(result.row).toBeNull();
    expect(result.issues).toEqual([{ row: 1, line: 2, column: 'E-mail', severity: 'error', message: 'Column "E-mail" has "ada at acme", which is not an email address.' }]);
  });

  it('cuts long values in messages to 60 characters', () => {
    const value = `${'x'.repeat(100)} not an email`;
    const [message] = messages(check(['Email'], [value]));
    expect(message).toBe(`error: Column "Email" has "${'x'.repeat(57)}...", which is not an email address.`);
  });

  it('splits a full name only when neither first nor last name has a value', () => {
    expect(check(['Email', 'Name'], ['a@acme.com', 'Ada King Lovelace']).row?.contact).toMatchObject({ firstName: 'Ada King', lastName: 'Lovelace' });
    expect(check(['Email', 'Name'], ['a@acme.com', 'Lovelace, Ada']).row?.contact).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace' });
    const both = check(['Email', 'Name', 'First Name', 'Last Name'], ['a@acme.com', 'Augusta Ada King', 'Ada', '']).row?.contact;
    expect(both).toEqual({ email: 'a@acme.com', firstName: 'Ada', custom: {} });
  });

  it('reads several domains from one cell separated by semicolons, commas or spaces', () => {
    const result = check(['Company', 'Domain'], ['Acme', 'acme.com; https://www.acme.co.uk/about,ACME.de  acme.com']);
    expect(result.row?.company?.domains).toEqual(['acme.com', 'acme.co.uk', 'acme.de']);
  });

  it('rejects a domain cell holding something that is not a domain', () => {
    const result = check(['Company', 'Domain'], ['Acme', 'acme.com; not a domain!']);
    expect(result.row).toBeNull();
    expect(messages(result)).toEqual(['error: Column "Domain" has "not", "a" and "domain!", which are not domains (like acme.com).']);
    expect(messages(check(['Company', 'Domain'], ['Acme', 'acme.com, acme']))).toEqual([
      'error: Column "Domain" has "acme", which is not a domain (like acme.com).',
    ]);
  });

  it('drops a free-mail domain from the company with a warning and keeps the row', () => {
    const result = check(['Email', 'Company', 'Website'], ['ada@gmail.com', 'Acme', 'gmail.com, acme.com']);
    expect(result.row?.company?.domains).toEqual(['acme.com']);
    expect(messages(result)).toEqual(['warning: Column "Website" has gmail.com, a free-mail domain that cannot identify a company; it was left out.']);
  });

  it('has no company when its only domain was free-mail and no name is given', () => {
    const result = check(['Email', 'Website'], ['ada@gmail.com', 'gmail.com']);
    expect(result.row?.company).toBeNull();
    expect(result.row?.membership).toBeNull();
    expect(result.row?.contact?.email).toBe('ada@gmail.com');
  });

  it('imports a company from a domain alone, without a contact', () => {
    const result = check(['Email', 'Domain'], ['', 'acme.com']);
    expect(result.row).toEqual({ row: 1, line: 2, contact: null, company: { domains: ['acme.com'], custom: {} }, membership: null });
  });

  it.each([
    ['yes', true], ['YES', true], ['y', true], ['true', true], ['1', true], ['x', true], ['X', true],
    ['no', false], ['No', false], ['n', false], ['FALSE', false], ['0', false],
  ])('reads primary %s as %s', (cell, expected) => {
    expect(check(['Email', 'Company', 'Primary'], ['a@acme.com', 'Acme', cell]).row?.membership).toEqual({ isPrimary: expected });
  });

  it('leaves a blank primary cell unset and rejects anything that is not yes or no', () => {
    expect(check(['Email', 'Company', 'Primary'], ['a@acme.com', 'Acme', '']).row?.membership).toEqual({});
    expect(messages(check(['Email', 'Company', 'Primary'], ['a@acme.com', 'Acme', 'maybe']))).toEqual(['error: Column "Primary" has "maybe"; use yes or no.']);
  });

  it('names the limit when a cell is too long', () => {
    expect(messages(check(['Email', 'Company', 'Role'], ['a@acme.com', 'Acme', 'r'.repeat(101)]))).toEqual([
      'error: Column "Role" is longer than 100 characters (it has 101); shorten it.',
    ]);
    expect(messages(check(['Email', 'First Name'], ['a@acme.com', 'n'.repeat(201)]))).toEqual([
      'error: Column "First Name" is longer than 200 characters (it has 201); shorten it.',
    ]);
    expect(check(['Company'], ['c'.repeat(256)]).issues[0]?.message).toMatch(/longer than 255 characters/);
  });

  it('checks custom values against their field and stores the canonical value by field id', () => {
    const result = check(['Email', 'Tier', 'Company', 'Employees'], ['a@acme.com', 'gold', 'Acme', '1,200']);
    expect(result.row?.contact?.custom).toEqual({ 'f-tier': 'Gold' });
    expect(result.row?.company?.custom).toEqual({ 'f-employees': '1200' });
  });

  it('leaves out a custom value that does not fit its field with a warning naming the column, and imports the rest of the row', () => {
    const result = check(['Email', 'Company', 'Company: Employees'], ['a@acme.com', 'Acme', 'lots']);
    expect(result.row?.company?.custom).toEqual({});
    expect(result.row?.contact?.email).toBe('a@acme.com');
    expect(result.issues[0]).toMatchObject({ column: 'Company: Employees', severity: 'warning' });
    expect(result.issues[0]?.message).toMatch(/^Column "Company: Employees": "lots" is not a number.* The cell is left out; the rest of the row is imported\.$/);
  });

  it('only checks the length of values for fields the import will create', () => {
    const ok = check(['Email', 'Colour'], ['a@acme.com', 'Teal'], { createFields: true });
    expect(ok.row?.contact?.custom).toEqual({ 'new:Colour': 'Teal' });
    const long = check(['Email', 'Colour'], ['a@acme.com', 'x'.repeat(2001)], { createFields: true });
    expect(messages(long)).toEqual(['error: Column "Colour" is longer than 2000 characters (it has 2001); shorten it or keep it in a note.']);
  });

  it('rejects a row with neither an email nor a company', () => {
    expect(check(['Email', 'Company', 'Phone'], ['', '', '555 1234'], { row: 4 })).toEqual({
      row: null,
      issues: [
        { row: 4, line: 2, severity: 'warning', message: 'Column "Phone" is not imported: the row has no email.' },
        { row: 4, line: 2, severity: 'error', message: 'Row 4 has no email and no company: nothing to import.' },
      ],
    });
  });

  it('warns that role and primary are left out when the row lacks a company, and keeps the contact', () => {
    const result = check(['Email', 'Company', 'Role', 'Primary'], ['a@acme.com', '', 'Buyer', 'yes']);
    expect(result.row?.membership).toBeNull();
    expect(result.row?.contact?.email).toBe('a@acme.com');
    expect(messages(result)).toEqual(['warning: Columns "Role" and "Primary" are not imported: a membership needs both an email and a company on the row.']);
  });

  it('warns that contact columns are left out of a company-only row', () => {
    const result = check(['Email', 'First Name', 'Company'], ['', 'Ada', 'Acme']);
    expect(result.row?.contact).toBeNull();
    expect(result.row?.company?.name).toBe('Acme');
    expect(messages(result)).toEqual(['warning: Column "First Name" is not imported: the row has no email.']);
  });

  it('rejects the whole row when any cell has an error, never importing half of it', () => {
    const result = check(HEADERS, ['a@acme.com', 'Ada', 'Lovelace', '', '', 'Acme', 'acme.com', '', 'perhaps']);
    expect(result.row).toBeNull();
    expect(result.issues.map((i) => i.severity)).toEqual(['error']);
  });

  it('takes off the apostrophe an error file adds before formula-like cells', () => {
    const result = check(['Email', 'Phone'], ['a@acme.com', "'+44 20 7946 0958"]);
    expect(result.row?.contact?.phone).toBe('+44 20 7946 0958');
  });
});
