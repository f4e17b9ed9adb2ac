// The Import tab (admins): file -> columns -> preview -> options and dry run -> import, and back to a running import later.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { MAX_IMPORT_TEXT_LENGTH } from '../../../../../src/contracts/import';
import { ApiCallError, call } from '../../bridge';
import { notify } from '../../events';
import { type ImportStatus, hasEnded, useImportStatus } from '../../hooks/use-import-status';
import { forgetJob, isSameFile, rememberJob, rememberedJob, type ActiveJob } from '../../import/active-job';
import { checkMapping, mappingOf, newDraft, newFieldTypesOf, type Draft } from '../../import/draft';
import { scanFile } from '../../import/file-worker';
import { uploadAndQueue } from '../../import/upload';
import { useSession } from '../../session';
import { Loading } from '../Loading';
import { FilePicker } from './FilePicker';
import { IgnoredColumnsNotice } from './IgnoredColumns';
import { JobPanel, type UploadState } from './JobPanel';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import { ServerProgress } from './ProgressBlock';
import { RunOptionsForm } from './RunOptions';
import { StepIndicator, type WizardStep } from './StepIndicator';

type Stage = 'file' | 'columns' | 'preview' | 'options' | 'import';

const STEPS: readonly WizardStep[] = [
  { id: 'file', label: 'File' },
  { id: 'columns', label: 'Columns' },
  { id: 'preview', label: 'Preview' },
  { id: 'options', label: 'Dry run' },
  { id: 'import', label: 'Import' },
];

/** A job this page follows: started here, or found again after the page was left. */
type FollowedJob = { jobId: string; dryRun: boolean; fileName: string; upload: UploadState; ended: ImportStatus | null; file: ActiveJob | null };

type OtherImport = { jobId: string; fileName: string; createdBy: string };

const STEP_HEADINGS: Record<Stage, string> = {
  file: 'file-heading',
  columns: 'mapping-heading',
  preview: 'preview-heading',
  options: 'options-heading',
  import: 'run-heading',
};

const ACTIVE_STATUSES = new Set(['staging', 'queued', 'running', 'undoing']);
const MAX_FILE_NAME_LENGTH = 255;
const MAX_FILE_WARNINGS = 10;
const MAX_FILE_WARNING_LENGTH = 500;

export function ImportSection() {
  const session = useSession();
  const accountId = session.me.accountId;
  const [stage, setStage] = useState<Stage>('file');
  const [draft, setDraft] = useState<Draft | null>(null);
  // Repeated on the options step, next to the button that starts the run: what the file has that the import leaves out.
  const ignoredColumns = useMemo(() => (draft ? checkMapping(draft).ignoredColumns : []), [draft]);
  const [reading, setReading] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [dryRunJob, setDryRunJob] = useState<FollowedJob | null>(null);
  const [importJob, setImportJob] = useState<FollowedJob | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const [checkingResume, setCheckingResume] = useState(true);
  const [other, setOther] = useState<OtherImport | null>(null);
  const [resumeError, setResumeError] = useState<string | null>(null);
  const uploadAbort = useRef<AbortController | null>(null);
  const firstStage = useRef(true);

  const patchJob = useCallback((jobId: string, patch: Partial<FollowedJob>) => {
    const apply = (job: FollowedJob | null) => (job?.jobId === jobId ? { ...job, ...patch } : job);
    setDryRunJob(apply);
    setImportJob(apply);
  }, []);

  // Back on the page: follow the import this browser started, or one of ours the server still runs.
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const remembered = rememberedJob(accountId);
        const recent = await call('import/list', { limit: 10 });
        if (cancelled) return;
        const active = recent.filter((job) => ACTIVE_STATUSES.has(job.status));
        const mine = (remembered && recent.find((job) => job.jobId === remembered.jobId)) || active.find((job) => job.createdBy === accountId);
        if (mine) {
          const file = remembered?.jobId === mine.jobId ? remembered : null;
          const followed: FollowedJob = { jobId: mine.jobId, dryRun: mine.dryRun, fileName: mine.fileName, upload: null, ended: null, file };
          if (mine.dryRun) setDryRunJob(followed);
          else setImportJob(followed);
          setStage(mine.dryRun ? 'options' : 'import');
        } else if (remembered) {
          forgetJob(accountId, remembered.jobId);
        }
        const theirs = active.find((job) => job.createdBy !== accountId && !job.dryRun);
        if (theirs) setOther({ jobId: theirs.jobId, fileName: theirs.fileName, createdBy: theirs.createdBy });
      } catch {
        // Without the list the wizard still works; a running import shows up when its start is refused.
      } finally {
        if (!cancelled) setCheckingResume(false);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [accountId]);

  useEffect(() => () => uploadAbort.current?.abort(), []);

  // Each step replaces the one before, buttons included: focus moves to the new step's heading so keyboard and
  // screen reader users carry on from there.
  useEffect(() => {
    if (firstStage.current) {
      firstStage.current = false;
      return;
    }
    document.getElementById(STEP_HEADINGS[stage])?.focus();
  }, [stage]);

  const uploading = dryRunJob?.upload?.kind === 'uploading' || importJob?.upload?.kind === 'uploading';
  useEffect(() => {
    if (!uploading) return;
    // Closing the tab now would leave the job half uploaded; the browser asks the user to confirm.
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [uploading]);

  const pickFile = async (file: File) => {
    setReading(true);
    setFileError(null);
    try {
      const [scan, fields] = await Promise.all([scanFile(file), call('fields/list', {})]);
      setDraft(newDraft(file, scan, fields));
      setDryRunJob(null);
      setImportJob(null);
      setStage('columns');
    } catch (failure) {
      setFileError(failure instanceof Error ? failure.message : 'The file could not be read.');
    } finally {
      setReading(false);
    }
  };

  const upload = async (job: FollowedJob, file: File, headers: string[]) => {
    uploadAbort.current?.abort();
    const controller = new AbortController();
    uploadAbort.current = controller;
    const startedAt = Date.now();
    patchJob(job.jobId, { upload: { kind: 'uploading', bytesRead: 0, fileSize: file.size, rowsSent: 0, startedAt } });
    try {
      await uploadAndQueue(
        job.jobId,
        file,
        headers,
        (progress) => patchJob(job.jobId, { upload: { kind: 'uploading', bytesRead: progress.bytesRead, fileSize: file.size, rowsSent: progress.rowsSent, startedAt } }),
        controller.signal,
      );
      patchJob(job.jobId, { upload: null });
    } catch (failure) {
      if (controller.signal.aborted) return;
      patchJob(job.jobId, { upload: { kind: 'failed', message: failure instanceof Error ? failure.message : 'The upload failed.' } });
    }
  };

  const start = async (dryRun: boolean) => {
    if (draft === null) return;
    const checked = checkMapping(draft);
    setStarting(true);
    setStartError(null);
    try {
      const started = await call('import/start', {
        fileName: draft.file.name.slice(0, MAX_FILE_NAME_LENGTH),
        headers: draft.scan.headers,
        options: { ...draft.options, createFields: checked.createFields },
        mapping: mappingOf(draft),
        newFieldTypes: newFieldTypesOf(draft),
        dateOrders: draft.dateOrders ?? {},
        saveMappingAs: draft.saveAs.trim() || undefined,
        fileWarnings: draft.scan.warnings.slice(0, MAX_FILE_WARNINGS).map((w) => w.slice(0, MAX_FILE_WARNING_LENGTH)),
        dryRun,
      });
      const file: ActiveJob = {
        jobId: started.jobId,
        dryRun,
        fileName: draft.file.name,
        fileSize: draft.file.size,
        fileModified: draft.file.lastModified,
        headers: draft.scan.headers,
      };
      rememberJob(accountId, file);
      const job: FollowedJob = { jobId: started.jobId, dryRun, fileName: draft.file.name, upload: null, ended: null, file };
      if (dryRun) setDryRunJob(job);
      else {
        setImportJob(job);
        setStage('import');
      }
      notify('imports-changed');
      void upload(job, draft.file, draft.scan.headers);
    } catch (failure) {
      setStartError(startFailure(failure));
    } finally {
      setStarting(false);
    }
  };

  const ended = (jobId: string) => (status: ImportStatus) => {
    patchJob(jobId, { ended: status });
    forgetJob(accountId, jobId);
    notify('imports-changed');
    if (!status.dryRun) {
      notify('directory-changed');
      if ((status.report?.fieldsCreated.length ?? 0) > 0) void session.refreshFields();
    }
  };

  const startOver = () => {
    uploadAbort.current?.abort();
    setDraft(null);
    setDryRunJob(null);
    setImportJob(null);
    setStartError(null);
    setFileError(null);
    setStage('file');
  };

  const resumeUpload = (job: FollowedJob) => {
    const stored = job.file;
    if (stored === null) {
      return (
        <SectionMessage appearance="warning" title="The upload did not finish" headingLevel="h5">
          <p>The page was closed while the rows were being sent, so this {job.dryRun ? 'dry run' : 'import'} will not run. Start it again with the file.</p>
          <p>
            <Button onClick={startOver}>Start a new import</Button>
          </p>
        </SectionMessage>
      );
    }
    return (
      <SectionMessage appearance="warning" title="The upload did not finish" headingLevel="h5">
        <p>
          The page was closed while the rows of {stored.fileName} were being sent. Pick the same file again to send the rest; the {job.dryRun ? 'dry run' : 'import'} then
          runs.
          {!job.dryRun && ' Until then no other import can start (for at most 15 minutes after this one started).'}
        </p>
        <FilePicker
          id={`resume-${job.jobId}`}
          label={`Pick ${stored.fileName} again`}
          hint="Only the same file (same name, size and date) can finish this upload."
          onPick={(file) => {
            if (!isSameFile(stored, file)) {
              setResumeError(`That is not the file this ${job.dryRun ? 'dry run' : 'import'} started with. Pick ${stored.fileName} (${stored.fileSize.toLocaleString()} bytes).`);
              return;
            }
            setResumeError(null);
            void upload(job, file, stored.headers);
          }}
        />
        {resumeError && (
          <p className="error-text" role="alert">
            {resumeError}
          </p>
        )}
        <p>
          <Button appearance="subtle" onClick={startOver}>
            Start a new import instead
          </Button>
        </p>
      </SectionMessage>
    );
  };

  /** Retrying sends the rest of the file: directly when this page still has it, else after the user picks it again. */
  const retryFor = (job: FollowedJob): (() => void) | undefined => {
    const stored = job.file;
    if (stored === null) return undefined;
    const file = draft?.file;
    if (file && isSameFile(stored, file)) return () => void upload(job, file, stored.headers);
    return () => patchJob(job.jobId, { upload: null });
  };

  if (checkingResume) return <Loading label="Checking for a running import" />;

  const dryRunDone = dryRunJob?.ended?.status === 'done';
  const dryRunBusy = dryRunJob !== null && dryRunJob.ended === null;

  return (
    <div className="section import-section">
      <div className="section-intro">
        <h2 className="section-title">Import contacts and companies</h2>
        <p className="muted">One CSV file: a row per contact and company membership. Existing records are matched by email, company name and domain.</p>
      </div>
      {other && <OtherImportBanner other={other} onEnded={() => setOther(null)} />}
      <StepIndicator steps={STEPS} current={stage} />

      {stage === 'file' && (
        <section aria-labelledby="file-heading" className="wizard-panel">
          <h3 id="file-heading" tabIndex={-1}>Pick the file</h3>
          <FilePicker
            id="import-file"
            label="CSV file"
            hint="The first line names the columns, like Email, First Name, Organization Name, Role. UTF-8 is best. Large files are read piece by piece, so the page stays responsive."
            disabled={reading}
            onPick={(file) => void pickFile(file)}
          />
          <div className="wizard-status" aria-live="polite">
            {reading && <Loading label="Reading the file" />}
          </div>
          {fileError && (
            <SectionMessage appearance="error" title="This file cannot be imported" headingLevel="h4">
              <p>{fileError}</p>
            </SectionMessage>
          )}
        </section>
      )}

      {stage === 'columns' && draft && <MappingStep draft={draft} onChange={setDraft} onBack={startOver} onNext={() => setStage('preview')} />}

      {stage === 'preview' && draft && <PreviewStep draft={draft} onBack={() => setStage('columns')} onNext={() => setStage('options')} />}

      {stage === 'options' && (
        <section aria-labelledby="options-heading" className="wizard-panel">
          <h3 id="options-heading" tabIndex={-1}>Options and dry run</h3>
          {draft ? (
            <>
              <p className="muted">The dry run reads the whole file and reports what the import would change, without writing anything.</p>
              {/* Until a dry run's report lists them itself. */}
              {!dryRunJob && (
                <IgnoredColumnsNotice columns={ignoredColumns}>
                  <p>To import one, go back to the columns and pick a field for it.</p>
                </IgnoredColumnsNotice>
              )}
              <RunOptionsForm
                options={draft.options}
                disabled={dryRunBusy || starting}
                onChange={(options) => {
                  setDraft({ ...draft, options });
                  setDryRunJob(null); // its counts were for the old options
                }}
              />
              {startError && (
                <SectionMessage appearance="error" title="The import could not start" headingLevel="h4">
                  <p>{startError}</p>
                </SectionMessage>
              )}
              <div className="wizard-actions">
                <Button appearance="subtle" onClick={() => setStage('preview')} isDisabled={dryRunBusy}>
                  Back
                </Button>
                <div className="inline">
                  <Button appearance={dryRunDone ? 'default' : 'primary'} onClick={() => void start(true)} isLoading={starting && !dryRunDone} isDisabled={dryRunBusy}>
                    {dryRunJob ? 'Run the dry run again' : 'Start dry run'}
                  </Button>
                  {dryRunDone && (
                    <Button appearance="primary" onClick={() => void start(false)} isLoading={starting}>
                      Import now
                    </Button>
                  )}
                </div>
              </div>
            </>
          ) : (
            <p className="muted">This dry run was started before the page was left. Pick the file again to import it.</p>
          )}
          {dryRunJob && (
            <JobPanel
              key={dryRunJob.jobId}
              jobId={dryRunJob.jobId}
              dryRun
              fileName={dryRunJob.fileName}
              upload={dryRunJob.upload}
              onRetryUpload={retryFor(dryRunJob)}
              onEnded={ended(dryRunJob.jobId)}
              interrupted={resumeUpload(dryRunJob)}
              actions={() =>
                draft === null ? (
                  <div className="wizard-actions">
                    <span />
                    <Button appearance="primary" onClick={startOver}>
                      Start a new import
                    </Button>
                  </div>
                ) : null
              }
            />
          )}
        </section>
      )}

      {stage === 'import' && importJob && (
        <section aria-labelledby="run-heading" className="wizard-panel">
          <h3 id="run-heading" tabIndex={-1}>Import</h3>
          <JobPanel
            key={importJob.jobId}
            jobId={importJob.jobId}
            dryRun={false}
            fileName={importJob.fileName}
            upload={importJob.upload}
            onRetryUpload={retryFor(importJob)}
            onEnded={ended(importJob.jobId)}
            interrupted={resumeUpload(importJob)}
            actions={() => (
              <div className="wizard-actions">
                <span className="muted">To reverse this import, undo it from the import history.</span>
                <Button appearance="primary" onClick={startOver}>
                  Start a new import
                </Button>
              </div>
            )}
          />
        </section>
      )}
    </div>
  );
}

/** Another admin's import is running: only one import runs at a time, so say so before this one is refused. */
function OtherImportBanner({ other, onEnded }: { other: OtherImport; onEnded: () => void }) {
  const session = useSession();
  const watch = useImportStatus(other.jobId, true, onEnded);
  if (watch.status && hasEnded(watch.status.status)) return null;
  const who = session.people.get(other.createdBy) ?? 'another admin';
  return (
    <SectionMessage appearance="information" title={`An import by ${who} is running`} headingLevel="h4">
      <p>{other.fileName} is being imported. A new import can start when it has finished; dry runs can start now.</p>
      {watch.status && watch.status.status !== 'staging' && <ServerProgress status={watch.status} secondsLeft={watch.secondsLeft} />}
    </SectionMessage>
  );
}

function startFailure(failure: unknown): string {
  if (failure instanceof ApiCallError && failure.code === 'FORBIDDEN') return 'Only admins can import. Ask an admin of the app to run it.';
  const message = failure instanceof Error ? failure.message : 'The import could not start.';
  return message.length > MAX_IMPORT_TEXT_LENGTH ? `${message.slice(0, MAX_IMPORT_TEXT_LENGTH)}...` : message;
}
