// Downloads the directory (or the part of it on screen) as the one-file CSV the import reads back unchanged.
// Two clicks: the first builds the file over as many `invoke`s as it takes; the second saves it. Forge's Custom UI
// iframe "Allows downloads to be started via a user gesture" (allow-downloads): a download started at the end of a
// long chain of calls is no longer one, so the save must come from its own click.
import Button from '@atlaskit/button/new';
import { useState } from 'react';
import { call } from '../bridge';
import { datedFileName, saveTextFile } from '../download';

export type ExportFilter = { text?: string; companyId?: string };

export type BuiltExport = { fileName: string; parts: string[] };

/** Fetches every page of 'export/csv' for `filter`: the file, ready to be saved from a click. */
export async function buildExport(filter: ExportFilter, fileStem: string, onPage?: (pages: number) => void): Promise<BuiltExport> {
  const parts: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { text: string; next: string | null } = await call('export/csv', { cursor, ...filter });
    parts.push(page.text);
    cursor = page.next;
    onPage?.(parts.length);
  } while (cursor !== null);
  return { fileName: datedFileName(fileStem), parts };
}

export function ExportButton({ label, filter, fileStem }: { label: string; filter: ExportFilter; fileStem: string }) {
  const [pages, setPages] = useState<number | null>(null);
  const [built, setBuilt] = useState<BuiltExport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const build = async () => {
    setPages(0);
    setError(null);
    setBuilt(null);
    try {
      setBuilt(await buildExport(filter, fileStem, setPages));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The export failed. Try again.');
    } finally {
      setPages(null);
    }
  };
  const save = () => {
    if (built === null) return;
    saveTextFile(built.fileName, built.parts);
    setBuilt(null);
  };
  return (
    <span className="async-button">
      {built === null ? (
        <Button onClick={() => void build()} isLoading={pages !== null}>
          {label}
        </Button>
      ) : (
        <Button appearance="primary" onClick={save}>
          {`Download ${built.fileName}`}
        </Button>
      )}
      <span className="async-button-status" role="status">
        {pages !== null && pages > 0 ? `Exporting: ${pages.toLocaleString()} ${pages === 1 ? 'page' : 'pages'} read` : built !== null ? 'The file is ready.' : ''}
      </span>
      <span className="async-button-error" role="alert">
        {error}
      </span>
    </span>
  );
}
