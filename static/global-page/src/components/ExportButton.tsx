// Downloads the directory (or the part of it on screen) as the one-file CSV the import reads back unchanged.
import Button from '@atlaskit/button/new';
import { useState } from 'react';
import { call } from '../bridge';
import { datedFileName, saveTextFile } from '../download';

export type ExportFilter = { text?: string; companyId?: string };

/** Fetches every page of 'export/csv' for `filter` and offers them as one file. */
export async function downloadExport(filter: ExportFilter, fileStem: string, onPage?: (pages: number) => void): Promise<void> {
  const parts: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { text: string; next: string | null } = await call('export/csv', { cursor, ...filter });
    parts.push(page.text);
    cursor = page.next;
    onPage?.(parts.length);
  } while (cursor !== null);
  saveTextFile(datedFileName(fileStem), parts);
}

export function ExportButton({ label, filter, fileStem }: { label: string; filter: ExportFilter; fileStem: string }) {
  const [pages, setPages] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setPages(0);
    setError(null);
    try {
      await downloadExport(filter, fileStem, setPages);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The export failed. Try again.');
    } finally {
      setPages(null);
    }
  };
  return (
    <span className="async-button">
      <Button onClick={() => void run()} isLoading={pages !== null}>
        {label}
      </Button>
      <span className="async-button-status" role="status">
        {pages !== null && pages > 0 ? `Exporting: ${pages.toLocaleString()} ${pages === 1 ? 'page' : 'pages'} read` : ''}
      </span>
      <span className="async-button-error" role="alert">
        {error}
      </span>
    </span>
  );
}
