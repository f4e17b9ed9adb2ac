// A button whose action takes a while (a download, a reload): shows it is busy, and why it failed right beside it.
import Button from '@atlaskit/button/new';
import { useState } from 'react';

export function AsyncButton({
  label,
  onClick,
  appearance = 'default',
  isDisabled,
}: {
  label: string;
  onClick: () => Promise<void>;
  appearance?: 'default' | 'primary' | 'subtle';
  isDisabled?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await onClick();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'That did not work. Try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="async-button">
      <Button appearance={appearance} isLoading={busy} isDisabled={isDisabled} onClick={() => void run()}>
        {label}
      </Button>
      <span className="async-button-error" role="alert">
        {error}
      </span>
    </span>
  );
}
