// Deterministic realistic import files: ~8 contacts per company, people in two companies, 2% bad rows,
// duplicates, quoted commas and newlines, non-ASCII names.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { seededRandom } from '../test/support/csv-fixtures';

const FIRST = ['Ada', 'Grace', 'Alan', 'Zoë', 'José', 'Søren', 'Łukasz', 'Amélie', 'Björn', 'Chloé', 'Dmitri', 'Émile', 'Fatima', 'Günter', 'Hiroshi', 'Inês', 'Jürgen', 'Kai', 'Lucía', 'Mateo', 'Noor', 'Olga', 'Priya', 'Quentin', 'Renée', 'Siobhán', 'Tomás', 'Uma', 'Václav', 'Wei'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'García', 'Müller', 'Østergaard', 'Kowalski', 'Dubois', 'Nguyễn', 'O\'Brien', 'Smith', 'Jones', 'Brown', 'Taylor', 'Wilson', 'Martín', 'Rossi', 'Novák', 'Yılmaz', 'Kim'];
const WORDS = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay', 'Cyberdyne', 'Soylent', 'Tyrell', 'Wonka', 'Gringotts', 'Aperture', 'Black Mesa', 'Oscorp', 'Nakatomi', 'Monarch', 'Massive', 'Dynamic'];
const SUFFIX = ['Inc.', 'GmbH', 'Ltd', 'S.A.', 'LLC', 'AB', 'Group', 'Labs', 'Systems', 'Partners'];
const ROLES = ['Buyer', 'Champion', 'Engineer', 'Executive sponsor', 'Finance', 'Legal', 'IT admin', ''];

const quote = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

export const BENCH_HEADER = ['Email', 'First Name', 'Last Name', 'Phone', 'Job Title', 'Organization Name', 'Company Domain', 'Parent Company', 'Role', 'Primary', 'Tier'];

/** Writes `rows` data rows to `file`; returns how many rows were made invalid on purpose. */
export async function generateFile(file: string, rows: number, seed = 42): Promise<{ invalid: number }> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const out = createWriteStream(file);
  out.write(BENCH_HEADER.join(',') + '\n');
  const companies = Math.max(1, Math.round(rows / 9));
  let invalid = 0;
  let buffer = '';
  const companyName = (i: number) => `${WORDS[i % WORDS.length]} ${Math.floor(i / WORDS.length)} ${SUFFIX[i % SUFFIX.length]}`;
  const domain = (i: number) => `${WORDS[i % WORDS.length]!.toLowerCase().replace(/\s/g, '')}${Math.floor(i / WORDS.length)}.example.com`;
  let person = 0;
  for (let r = 0; r < rows; r++) {
    const company = Math.floor((r / rows) * companies);
    let cells: string[];
    const roll = random();
    if (roll < 0.02) {
      invalid++;
      cells = [`not-an-email-${r}`, pick(FIRST), pick(LAST), '', '', '', '', '', '', '', ''];
    } else if (roll < 0.03 && r > 10) {
      // A contact already seen, in a second company (two rows for one person).
      const earlier = Math.max(0, person - 1 - Math.floor(random() * 50));
      const other = (company + 7) % companies;
      cells = [`person${earlier}@mail${earlier % 97}.example.org`, '', '', '', '', companyName(other), domain(other), '', pick(ROLES), 'no', ''];
    } else if (roll < 0.035) {
      cells = ['', '', '', '', '', companyName(company), domain(company), company > 3 && company % 5 === 0 ? companyName(company - 1) : '', '', '', ''];
    } else {
      const p = person++;
      const first = pick(FIRST);
      const last = pick(LAST);
      const title = random() < 0.1 ? `VP, ${pick(['Sales', 'Engineering', 'Finance'])}` : random() < 0.05 ? 'Head of\nOperations' : pick(['Engineer', 'Manager', 'Director', 'Analyst']);
      cells = [
        `person${p}@mail${p % 97}.example.org`,
        first,
        last,
        `+1 555 ${String(p % 10000).padStart(4, '0')}`,
        title,
        companyName(company),
        domain(company),
        '',
        pick(ROLES),
        random() < 0.5 ? 'yes' : '',
        pick(['Gold', 'Silver', 'Bronze']),
      ];
    }
    buffer += cells.map(quote).join(',') + '\n';
    if (buffer.length > 256 * 1024) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.write(buffer);
  out.end();
  await once(out, 'finish');
  return { invalid };
}
