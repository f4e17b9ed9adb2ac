// A progress bar with what is happening and how far along it is; its height stays fixed as the text changes.
import ProgressBar from '@atlaskit/progress-bar';
import type { ImportStatus } from '../../hooks/use-import-status';
import { formatTimeLeft } from '../../hooks/use-import-status';

const PHASES: Record<ImportStatus['phase'], string> = {
  fields: 'Custom fields',
  companies: 'Companies',
  parents: 'Parent companies',
  contacts: 'Contacts and memberships',
  missing: 'Records not in the file',
  cleanup: 'Finishing',
  done: 'Finished',
  undo: 'Undoing',
};

export function ProgressBlock({ label, value, detail, note }: { label: string; value: number | null; detail: string; note?: React.ReactNode }) {
  return (
    <div className="progress-block">
      <div className="progress-heading">
        <span className="progress-label" aria-live="polite">
          {label}
        </span>
        {value !== null && <span className="progress-percent">{Math.floor(value * 100)}%</span>}
      </div>
      <ProgressBar ariaLabel={`${label}: ${value === null ? 'starting' : `${Math.floor(value * 100)}%`}`} value={value ?? 0} isIndeterminate={value === null} />
      <p className="progress-detail">{detail}</p>
      {note && <div className="progress-note">{note}</div>}
    </div>
  );
}

/** The server side of a job: waiting, then each phase with rows done and the time left. */
export function ServerProgress({ status, secondsLeft }: { status: ImportStatus; secondsLeft: number | null }) {
  if (status.status === 'queued') return <ProgressBlock label="Waiting to start" value={null} detail={`${status.totalRows.toLocaleString()} rows uploaded; processing starts in a moment.`} />;
  const undoing = status.status === 'undoing';
  const label = undoing ? 'Undoing the import' : `${status.dryRun ? 'Checking' : 'Importing'}: ${PHASES[status.phase]}`;
  const detail = undoing
    ? 'Restoring changed records and removing created ones.'
    : [`${status.rowsDone.toLocaleString()} of ${status.totalRows.toLocaleString()} rows`, secondsLeft === null ? 'working out the time left' : formatTimeLeft(secondsLeft)].join(' · ');
  return <ProgressBlock label={label} value={undoing ? null : status.percent / 100} detail={detail} />;
}
