// A failed load, with the backend's sentence and a way to try again.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';

export function LoadError({ title, message, onRetry }: { title: string; message: string; onRetry?: () => void }) {
  return (
    <SectionMessage appearance="error" title={title}>
      <p>{message}</p>
      {onRetry && (
        <p>
          <Button onClick={onRetry}>Try again</Button>
        </p>
      )}
    </SectionMessage>
  );
}
