// One import job from upload to report: the upload from this tab, then the server's progress, then what it did.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../format';
import { formatTimeLeft, useImportStatus, type ImportStatus } from '../../hooks/use-import-status';
import { Loading } from '../Loading';
import { ImportReport } from './ImportReport';
import { ProgressBlock, ServerProgress } from './ProgressBlock';

/** What this tab is doing for the job: sending rows, or failed to. Null once the rows are all on the server. */
export type UploadState =
  | { kind: 'uploading'; bytesRead: number; fileSize: number; rowsSent: number; startedAt: number }
  | { kind: 'failed'; message: string }
  | null;

export function JobPanel({
  jobId,
  dryRun,
  fileName,
  upload,
  onRetryUpload,
  onEnded,
  interrupted,
  actions,
}: {
  jobId: string;
  dryRun: boolean;
  fileName: string;
  upload: UploadState;
  onRetryUpload?: () => void;
  onEnded?: (status: ImportStatus) => void;
  /** Shown when the job is still waiting for rows but no upload runs here (the page was closed during it). */
  interrupted?: ReactNode;
  /** Shown under the report once the job has ended. */
  actions?: (status: ImportStatus) => ReactNode;
}) {
  const watch = useImportStatus(jobId, upload === null, onEnded);
  const { status } = watch;
  const title = `${dryRun ? 'Dry run' : 'Import'} of ${fileName}`;

  return (
    <section className="job-panel" aria-labelledby={`job-${jobId}`}>
      <div className="job-panel-header">
        <h4 id={`job-${jobId}`}>{title}</h4>
        {status && <span className="muted">Started {formatDateTime(status.createdAt)}</span>}
      </div>
      {upload?.kind === 'uploading' && (
        <ProgressBlock
          label="Uploading rows"
          value={upload.rowsSent > 0 ? Math.min(1, upload.rowsSent / estimatedRows(upload)) : null}
          detail={uploadDetail(upload)}
          note={
            <SectionMessage appearance="warning">
              <p>Keep this tab open until the upload finishes. After that the {dryRun ? 'dry run' : 'import'} carries on without the page, and you can leave.</p>
            </SectionMessage>
          }
        />
      )}
      {upload?.kind === 'failed' && (
        <SectionMessage appearance="error" title="The upload stopped" headingLevel="h5">
          <p>{upload.message}</p>
          <p>Rows already sent are kept; trying again sends the rest.</p>
          {onRetryUpload && (
            <p>
              <Button onClick={onRetryUpload}>Try the upload again</Button>
            </p>
          )}
        </SectionMessage>
      )}
      {upload === null && status === null && !watch.error && <Loading label="Loading the import status" />}
      {watch.error && (
        <SectionMessage appearance="warning">
          <p>{watch.error} Trying again in a few seconds.</p>
        </SectionMessage>
      )}
      {upload === null && status?.status === 'staging' && interrupted}
      {upload === null && status && (status.status === 'queued' || status.status === 'running' || status.status === 'undoing') && (
        <>
          <ServerProgress status={status} secondsLeft={watch.secondsLeft} />
          <p className="muted">You can leave this page: the {dryRun ? 'dry run' : 'import'} carries on, and its progress shows here when you come back.</p>
        </>
      )}
      {status?.status === 'failed' && (
        <SectionMessage appearance="error" title={`The ${dryRun ? 'dry run' : 'import'} failed`} headingLevel="h5">
          <p>{status.error ?? 'It stopped without saying why.'}</p>
          {!dryRun && <p>Records written before the failure stay; undo the import from the import history to remove them.</p>}
        </SectionMessage>
      )}
      {(status?.status === 'done' || status?.status === 'undone') && status.report && (
        <>
          <SectionMessage appearance="success">
            <p>
              {status.status === 'undone'
                ? 'This import was undone.'
                : dryRun
                  ? 'Dry run finished. Nothing was written: these are the changes the import would make.'
                  : `Import finished${status.finishedAt ? ` ${formatDateTime(status.finishedAt)}` : ''}.`}
            </p>
          </SectionMessage>
          <ImportReport report={status.report} warnings={status.warningsSample} />
        </>
      )}
      {status && (status.status === 'done' || status.status === 'failed' || status.status === 'undone') && actions?.(status)}
    </section>
  );
}

// The upload's pace settles after a few batches; before that an estimate would jump around.
const MIN_UPLOAD_PACE_MS = 3000;

/**
 * The file's row count, estimated from the rows sent per byte read so far (the file is read as it is sent, so its
 * total is known only at the end): progress is told in rows, not bytes.
 */
function estimatedRows(upload: Extract<UploadState, { kind: 'uploading' }>): number {
  if (upload.bytesRead === 0 || upload.rowsSent === 0) return Math.max(upload.rowsSent, 1);
  return Math.max(upload.rowsSent, Math.round((upload.rowsSent / upload.bytesRead) * upload.fileSize));
}

function uploadDetail(upload: Extract<UploadState, { kind: 'uploading' }>): string {
  const total = estimatedRows(upload);
  const sent =
    upload.rowsSent > 0 && total > upload.rowsSent
      ? `${upload.rowsSent.toLocaleString()} of about ${total.toLocaleString()} rows sent`
      : `${upload.rowsSent.toLocaleString()} rows sent`;
  const elapsed = Date.now() - upload.startedAt;
  if (elapsed < MIN_UPLOAD_PACE_MS || upload.bytesRead === 0) return sent;
  const secondsLeft = ((upload.fileSize - upload.bytesRead) / upload.bytesRead) * (elapsed / 1000);
  return `${sent} · ${formatTimeLeft(secondsLeft).replace(/ left$/, ' left to upload')}`;
}
