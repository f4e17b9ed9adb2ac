// The rejected rows of an import as the error CSV: every page of 'import/errors', saved as one file.
import { call } from '../bridge';
import { safeFileStem, saveTextFile } from '../download';

/** Fetches the whole error file of job `jobId` and offers it as "<file>-errors.csv". */
export async function downloadErrorFile(jobId: string, fileName: string): Promise<void> {
  const parts: string[] = [];
  let after: string | null = null;
  do {
    const page: { text: string; next: string | null } = await call('import/errors', { jobId, after });
    parts.push(page.text);
    after = page.next;
  } while (after !== null);
  saveTextFile(`${safeFileStem(fileName)}-errors.csv`, parts);
}
