// Hostile and odd text: invisible characters, NUL, mailto query parts, decomposed accents, and leading apostrophes.
import { createContact } from '../../src/application/create-contact';
import { exportDirectory } from '../../src/application/export-directory';
import { createCompany } from '../../src/application/create-company';
import { cleanText, normaliseEmail } from '../../src/domain/normalise';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { neutraliseFormula, restoreNeutralised } from '../../src/import/error-csv';
import { csv, depsFor, runImport } from '../support/import-harness';
import { admin, agent, openWorld, type TestWorld } from '../support/use-case-deps';

const ZERO_WIDTH = '\u200B';
const BIDI = '\u202E';
const SOFT_HYPHEN = '\u00AD';

describe('emails', () => {
  it('refuses zero-width characters, bidi controls, soft hyphens and NUL', () => {
    for (const bad of [`ada${ZERO_WIDTH}@acme.com`, `ada${BIDI}@acme.com`, `ada${SOFT_HYPHEN}@acme.com`, 'ada\u0000@acme.com', `ada@ac${ZERO_WIDTH}me.com`]) {
      expect({ bad, email: normaliseEmail(bad) }).toEqual({ bad, email: null });
      expect(contactInputSchema.safeParse({ email: bad }).success).toBe(false);
    }
  });

  it('refuses query parts that a mailto: link would turn into Cc, Subject and Body', () => {
    expect(normaliseEmail('x?cc=attacker%40evil.example&subject=urgent&body=pay-now@xss.example')).toBeNull();
    expect(normaliseEmail('a&b@acme.com')).toBeNull();
    const parsed = contactInputSchema.safeParse({ email: 'x?cc=attacker%40evil.example&subject=urgent&body=pay-now@xss.example' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/\?|&/);
  });

  it('is NFC-normalised, so a decomposed accent and a composed one are the same address', () => {
    expect(normaliseEmail('jose\u0301@acme.com')).toBe('jos\u00e9@acme.com');
  });
});

describe('names', () => {
  it('lose invisible characters and NUL, are NFC-normalised, and say how many characters went', () => {
    expect(cleanText(`A${ZERO_WIDTH}da${BIDI}\u0000 Lo${SOFT_HYPHEN}velace`)).toEqual({ text: 'Ada Lovelace', removed: 4 });
    expect(cleanText('Jose\u0301')).toEqual({ text: 'Jos\u00e9', removed: 0 });
    const parsed = contactInputSchema.parse({ email: 'ada@acme.com', firstName: `A${ZERO_WIDTH}da`, lastName: 'Lo\u0000velace', jobTitle: `CE${BIDI}O` });
    expect(parsed).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', jobTitle: 'CEO' });
    expect(companyInputSchema.parse({ name: `Ac${ZERO_WIDTH}me` }).name).toBe('Acme');
  });
});

describe('leading apostrophes', () => {
  it('survive neutralise and restore exactly, whatever follows them', () => {
    for (const cell of ["'=literal", "'-5", "''=x", '=1+1', '-3', '@x', 'plain', "'quoted", "'tis", "''", "'"]) {
      expect({ cell, back: restoreNeutralised(neutraliseFormula(cell)) }).toEqual({ cell, back: cell });
    }
    // A guard a spreadsheet user typed before a formula is still taken off.
    expect(restoreNeutralised("'=1+1")).toBe('=1+1');
  });
});

describe('export and re-import', () => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await openWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  const exported = async () => {
    let text = '';
    for await (const page of exportDirectory(world.deps.store)) text += page;
    return text;
  };

  it("keeps values that start with an apostrophe, like '=literal and '-5, exactly", async () => {
    const { deps } = world;
    await createContact(deps, agent, contactInputSchema.parse({ email: 'ada@acme.com', firstName: "'=literal", lastName: "'-5", jobTitle: '=SUM(A1)' }));
    const text = await exported();
    const fresh = await openWorld();
    try {
      const job = await runImport(depsFor(fresh.deps.store), text);
      expect(job.report).toMatchObject({ rejected: 0 });
      expect((await fresh.deps.store.contacts.findByEmails(['ada@acme.com']))[0]).toMatchObject({ firstName: "'=literal", lastName: "'-5", jobTitle: '=SUM(A1)' });
    } finally {
      await fresh.close();
    }
  });

  it('writes an importable file even when a stored value holds a NUL', async () => {
    const { deps } = world;
    const ada = await createContact(deps, agent, contactInputSchema.parse({ email: 'ada@acme.com', firstName: 'Ada' }));
    await createCompany(deps, admin, companyInputSchema.parse({ name: 'Acme' }));
    // Written before the input rules refused it.
    await deps.store.contacts.update({ ...ada, version: 2, firstName: 'A\u0000da', jobTitle: `Boss${ZERO_WIDTH}` });
    const text = await exported();
    expect(text).not.toContain('\u0000');
    const fresh = await openWorld();
    try {
      const job = await runImport(depsFor(fresh.deps.store), text);
      expect(job.status).toBe('done');
      expect((await fresh.deps.store.contacts.findByEmails(['ada@acme.com']))[0]).toMatchObject({ firstName: 'Ada', jobTitle: 'Boss' });
    } finally {
      await fresh.close();
    }
  });

  it('imports a name with invisible characters cleaned, with a warning on its row', async () => {
    const job = await runImport(depsFor(world.deps.store), csv('Email,First name', `ada@acme.com,A${ZERO_WIDTH}da`));
    expect(job.report).toMatchObject({ rejected: 0, warnings: 1 });
    expect((await world.deps.store.contacts.findByEmails(['ada@acme.com']))[0]?.firstName).toBe('Ada');
  });
});
