import { MAX_DOMAINS_PER_COMPANY, MAX_NOTE_LENGTH } from '../../src/domain/limits';
import type { CompanyFields, ContactFields } from '../../src/domain/records';
import {
  companyInputSchema,
  companyPatchSchema,
  contactInputSchema,
  contactPatchSchema,
  membershipInputSchema,
  noteInputSchema,
} from '../../src/domain/schemas';

const messages = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('contactInputSchema', () => {
  it('normalises the email and fills absent fields with empty values', () => {
    const contact: ContactFields = contactInputSchema.parse({ email: ' mailto:Ada@Example.COM ', firstName: '  Ada ' });
    expect(contact).toEqual({
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: '',
      displayName: '',
      phone: '',
      jobTitle: '',
      custom: {},
    });
  });

  it('asks for a valid email address', () => {
    expect(messages(contactInputSchema.safeParse({ email: 'ada at example' }))).toEqual(['email: Enter a valid email address']);
    expect(contactInputSchema.safeParse({}).success).toBe(false);
  });

  it('refuses names longer than the limits', () => {
    const result = contactInputSchema.safeParse({ email: 'a@example.com', firstName: 'x'.repeat(201), displayName: 'x'.repeat(400) });
    expect(messages(result)).toEqual(['firstName: First name can be at most 200 characters']);
  });

  it('keeps custom values keyed by field id', () => {
    expect(contactInputSchema.parse({ email: 'a@example.com', custom: { f1: 'Gold' } }).custom).toEqual({ f1: 'Gold' });
    expect(contactInputSchema.safeParse({ email: 'a@example.com', custom: { f1: 3 } }).success).toBe(false);
  });
});

describe('contactPatchSchema', () => {
  it('leaves absent fields absent, so a patch changes only what it names', () => {
    expect(contactPatchSchema.parse({ jobTitle: ' CTO ' })).toEqual({ jobTitle: 'CTO' });
    expect(contactPatchSchema.parse({})).toEqual({});
  });

  it('applies the same rules to the fields it has', () => {
    expect(contactPatchSchema.parse({ email: 'ADA@example.com' })).toEqual({ email: 'ada@example.com' });
    expect(messages(contactPatchSchema.safeParse({ email: 'nope' }))).toEqual(['email: Enter a valid email address']);
  });
});

describe('companyInputSchema', () => {
  it('normalises and deduplicates domains, ignoring blank entries', () => {
    const company: CompanyFields = companyInputSchema.parse({
      name: ' Acme ',
      domains: ['https://www.Acme.com/about', 'ACME.com', ' ', 'acme.co.uk'],
    });
    expect(company).toEqual({ name: 'Acme', domains: ['acme.com', 'acme.co.uk'], parentId: null, custom: {} });
  });

  it('names each domain it cannot read', () => {
    expect(messages(companyInputSchema.safeParse({ name: 'Acme', domains: ['acme.com', 'not a domain'] }))).toEqual([
      'domains.1: "not a domain" is not a domain name',
    ]);
  });

  it('refuses free-mail domains because they cannot identify a company', () => {
    expect(messages(companyInputSchema.safeParse({ name: 'Acme', domains: ['Gmail.com'] }))).toEqual([
      'domains.0: gmail.com is a free-mail domain; free-mail domains cannot identify a company',
    ]);
  });

  it(`refuses more than ${MAX_DOMAINS_PER_COMPANY} different domains`, () => {
    const domains = Array.from({ length: MAX_DOMAINS_PER_COMPANY + 1 }, (_, i) => `acme${i}.com`);
    expect(companyInputSchema.safeParse({ name: 'Acme', domains }).success).toBe(false);
    const repeated = [...domains.slice(0, MAX_DOMAINS_PER_COMPANY), 'ACME0.com'];
    expect(companyInputSchema.parse({ name: 'Acme', domains: repeated }).domains).toHaveLength(MAX_DOMAINS_PER_COMPANY);
  });

  it('requires a name of at most 255 characters', () => {
    expect(messages(companyInputSchema.safeParse({ name: '   ' }))).toEqual(['name: Enter a company name']);
    expect(companyInputSchema.safeParse({ name: 'x'.repeat(256) }).success).toBe(false);
    expect(companyInputSchema.safeParse({ name: 'x'.repeat(255) }).success).toBe(true);
  });

  it('keeps a parent id', () => {
    expect(companyInputSchema.parse({ name: 'Acme Europe', parentId: 'c-1' }).parentId).toBe('c-1');
    expect(companyInputSchema.safeParse({ name: 'Acme Europe', parentId: '' }).success).toBe(false);
  });
});

describe('companyPatchSchema', () => {
  it('leaves absent fields absent and lets the parent be removed', () => {
    expect(companyPatchSchema.parse({})).toEqual({});
    expect(companyPatchSchema.parse({ parentId: null })).toEqual({ parentId: null });
  });

  it('applies the domain rules', () => {
    expect(companyPatchSchema.parse({ domains: ['www.acme.com'] })).toEqual({ domains: ['acme.com'] });
    expect(companyPatchSchema.safeParse({ domains: ['outlook.com'] }).success).toBe(false);
  });
});

describe('membershipInputSchema', () => {
  it('defaults to no role and not primary', () => {
    expect(membershipInputSchema.parse({ contactId: 'p-1', companyId: 'c-1' })).toEqual({
      contactId: 'p-1',
      companyId: 'c-1',
      role: '',
      isPrimary: false,
    });
  });

  it('refuses a missing company and a role over 100 characters', () => {
    expect(membershipInputSchema.safeParse({ contactId: 'p-1' }).success).toBe(false);
    expect(membershipInputSchema.safeParse({ contactId: 'p-1', companyId: 'c-1', role: 'x'.repeat(101) }).success).toBe(false);
  });
});

describe('noteInputSchema', () => {
  it('trims the body', () => {
    expect(noteInputSchema.parse({ recordType: 'company', recordId: 'c-1', body: '  Renewal call went well. ' }).body).toBe(
      'Renewal call went well.',
    );
  });

  it('refuses an empty or overlong body and an unknown record type', () => {
    expect(messages(noteInputSchema.safeParse({ recordType: 'contact', recordId: 'p-1', body: ' \n ' }))).toEqual([
      'body: Write something in the note',
    ]);
    expect(noteInputSchema.safeParse({ recordType: 'contact', recordId: 'p-1', body: 'x'.repeat(MAX_NOTE_LENGTH + 1) }).success).toBe(false);
    expect(noteInputSchema.safeParse({ recordType: 'issue', recordId: 'p-1', body: 'Hi' }).success).toBe(false);
  });
});
