// "Match existing issues by JQL": starts the requester-matching backfill and follows its progress until it ends.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import TextArea from '@atlaskit/textarea';
import { useEffect, useState } from 'react';
import type { ApiResult } from '../../api-types';
import { call } from '../../bridge';
import { formatDateTime, plural } from '../../format';
import { Card } from '../Card';

type Job = NonNullable<ApiResult<'matches/backfill-status'>>;

const POLL_MS = 1500;
const DEFAULT_JQL = 'projectType = "service_desk" ORDER BY created ASC';

export function BackfillForm() {
  const [jql, setJql] = useState('');
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const running = job !== null && (job.status === 'queued' || job.status === 'running');

  useEffect(() => {
    void call('matches/backfill-status', {}).then(setJob, () => undefined);
  }, []);

  useEffect(() => {
    if (!running || job === null) return;
    const timer = window.setTimeout(() => {
      call('matches/backfill-status', { jobId: job.id }).then(setJob, (failure: unknown) => setError(failure instanceof Error ? failure.message : 'Progress could not be read.'));
    }, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [running, job]);

  const start = async (resumeJobId?: string) => {
    setBusy(true);
    setError(null);
    try {
      setJob(await call('matches/backfill-start', resumeJobId ? { resumeJobId } : jql.trim() ? { jql: jql.trim() } : {}));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The matching could not start.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="Match existing issues by JQL">
      <p className="muted">
        Runs requester matching over issues created before the app was installed: each reporter's email is matched to a contact and its domain to a
        company, and the issue is linked or gets a suggestion, as for new requests.
      </p>
      <div className="form-field">
        <label htmlFor="backfill-jql">JQL</label>
        <TextArea id="backfill-jql" value={jql} placeholder={DEFAULT_JQL} onChange={(e) => setJql(e.currentTarget.value)} minimumRows={2} isDisabled={running} />
      </div>
      <div className="row-actions">
        <Button appearance="primary" onClick={() => void start()} isLoading={busy} isDisabled={running}>
          Start matching
        </Button>
        {job?.status === 'failed' && <Button onClick={() => void start(job.id)}>Resume</Button>}
      </div>
      {error && (
        <SectionMessage appearance="error">
          <p>{error}</p>
        </SectionMessage>
      )}
      {job && (
        <div className="backfill-progress" role="status" aria-label="Matching progress">
          <p>
            <strong>{running ? 'Matching…' : job.status === 'done' ? 'Matching finished' : 'Matching stopped'}</strong>{' '}
            <span className="muted">
              {job.jql} · started {formatDateTime(job.createdAt)}
            </span>
          </p>
          <p>
            {plural(job.issuesSeen, 'issue')} checked in {plural(job.pagesDone, 'page')}: {job.summary.linked.toLocaleString()} linked, {job.summary.suggested.toLocaleString()}{' '}
            suggested, {job.summary.noMatch.toLocaleString()} without a match, {job.summary.alreadySettled.toLocaleString()} already settled,{' '}
            {job.summary.skipped.toLocaleString()} skipped.
          </p>
          {job.error && <p className="field-error">{job.error}</p>}
        </div>
      )}
    </Card>
  );
}
