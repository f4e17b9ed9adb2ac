// Command-line parsing shared by the import and export commands.
import path from 'node:path';
import { parseArgs } from 'node:util';

export function dataDir(value: string | undefined): string {
  return path.resolve(value ?? process.env.DATA_DIR ?? '.data');
}

export const importArgs = (argv: string[]) =>
  parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      mode: { type: 'string', default: 'overwrite' },
      memberships: { type: 'string', default: 'add' },
      missing: { type: 'string', default: 'ignore' },
      map: { type: 'string', multiple: true, default: [] },
      'save-mapping': { type: 'string' },
      mapping: { type: 'string' },
      'create-fields': { type: 'boolean', default: false },
      errors: { type: 'string' },
      json: { type: 'boolean', default: false },
      undo: { type: 'string' },
      resume: { type: 'string' },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });

export const IMPORT_USAGE = `Usage: npm run import -- FILE [options]
  --data DIR             store folder (default: $DATA_DIR or .data, the store npm start uses)
  --dry-run              plan the whole file and write nothing
  --mode overwrite|fill-empty
  --memberships add|sync
  --missing report       list stored records the file did not mention
  --map "Header=field"   map a column explicitly (repeatable); the column by header, letter ("C=ignore") or
                         position ("#3=email"); field: email firstName lastName fullName phone
                         jobTitle company.name company.domain company.parent membership.role membership.primary
                         ignore contact.custom:<Field> company.custom:<Field>
  --save-mapping NAME    remember this file's --map options under NAME; --mapping NAME reuses them
  --create-fields        unknown columns become custom text fields ("Company: X" makes a company field),
                         at most 100 per contact and per company
  --errors OUT.csv       write rejected rows with an Error column
  --json                 print exactly one JSON object on stdout
  --resume JOB_ID        continue a job that was interrupted (with the same file)
  npm run import -- --undo JOB_ID     restore what that import changed
  npm run import -- --list            past import jobs`;
