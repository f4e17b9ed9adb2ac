// The mapping screen's model: the automatic suggestion, saved mappings, and the explicit mapping the server receives.
import type { CustomField } from '../../src/domain/records';
import { mapHeaders } from '../../src/import/headers';
import { checkMapping, choicesFromSaved, mappingOf, newDraft, withChoice } from '../../static/global-page/src/import/draft';
import type { FileScan } from '../../static/global-page/src/import/worker-protocol';

const tier: CustomField = { id: 'f-tier', entity: 'contact', name: 'Tier', nameKey: 'tier', type: 'text', options: [], createdAt: '2026-01-01T00:00:00.000Z' };
const scan = (headers: string[]): FileScan => ({ headers, sample: [], warnings: [], complete: true });
const file = { name: 'people.csv', size: 10, lastModified: 0 } as File;

describe('mapping a file before it is imported', () => {
  it('suggests targets from the headers and lists the headers it does not know', () => {
    const draft = newDraft(file, scan(['E-mail', 'Organisation', 'Tier', 'Shoe size']), [tier]);
    expect(draft.choices).toEqual(['email', 'company.name', 'contact.custom:Tier', 'ignore']);
    expect(draft.unknown).toEqual(['Shoe size']);
  });

  it('sends every column by its header, so the server maps the file exactly as shown', () => {
    const draft = withChoice(newDraft(file, scan(['E-mail', 'Shoe size']), []), 1, 'contact.custom:Shoe size');
    expect(mappingOf(draft)).toEqual({ 'E-mail': 'email', 'Shoe size': 'contact.custom:Shoe size' });
    const checked = checkMapping(draft);
    expect(checked).toMatchObject({ createFields: true, blocking: false });
    expect(checked.columns[1]?.target).toEqual({ kind: 'newCustom', entity: 'contact', fieldName: 'Shoe size' });
  });

  it('blocks a mapping that sends two columns to one field, or has no email or company column', () => {
    const twice = withChoice(newDraft(file, scan(['E-mail', 'Work email']), []), 1, 'email');
    expect(checkMapping(twice).blocking).toBe(true);
    const none = newDraft(file, scan(['First Name']), []);
    expect(checkMapping(none).issues.map((i) => i.message)).toContain('The file needs an Email column or a Company/Organization Name column.');
  });

  it('lists the columns it will not import by letter and header, following each change to or from ignore', () => {
    const draft = newDraft(file, scan(['Email', 'First Name', 'Lead Owner', 'Favourite Colour']), []);
    expect(checkMapping(draft).ignoredColumns).toEqual([
      { column: 'C', name: 'Lead Owner' },
      { column: 'D', name: 'Favourite Colour' },
    ]);
    const owned = withChoice(draft, 2, 'contact.custom:Lead Owner');
    expect(checkMapping(owned).ignoredColumns).toEqual([{ column: 'D', name: 'Favourite Colour' }]);
    const noFirstName = withChoice(owned, 1, 'ignore');
    expect(checkMapping(noFirstName).ignoredColumns).toEqual([
      { column: 'B', name: 'First Name' },
      { column: 'D', name: 'Favourite Colour' },
    ]);
  });

  it('lists the same columns the server reports, without the Error column of a corrected error file', () => {
    const draft = newDraft(file, scan(['Email', ' Lead Owner ', '', 'Error']), []);
    const server = mapHeaders(draft.scan.headers, { customFields: [], explicit: mappingOf(draft), createFields: checkMapping(draft).createFields });
    expect(checkMapping(draft).ignoredColumns).toEqual([
      { column: 'B', name: 'Lead Owner' },
      { column: 'C', name: '' },
    ]);
    expect(checkMapping(draft).ignoredColumns).toEqual(server.ignoredColumns);
  });

  it('applies a saved mapping to the headers it names and keeps the suggestion for the others', () => {
    const choices = choicesFromSaved(['Mail', 'Level', 'Shoe size', 'Phone'], [tier], { Mail: 'email', Level: 'contact.custom:Tier', 'Shoe size': 'contact.custom:Shoe size' });
    expect(choices).toEqual(['email', 'contact.custom:Tier', 'contact.custom:Shoe size', 'phone']);
  });

  it('does not turn headers a saved mapping leaves out into new fields', () => {
    expect(choicesFromSaved(['Mail', 'Hobby'], [], { Mail: 'email' })).toEqual(['email', 'ignore']);
  });
});
