// A centred spinner with a label screen readers announce.
import Spinner from '@atlaskit/spinner';

export function Loading({ label }: { label: string }) {
  return (
    <div className="center" role="status">
      <Spinner size="large" label={label} />
    </div>
  );
}
