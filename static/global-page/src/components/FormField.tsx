// A labelled form control with its validation message right below it, wired for screen readers.
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import type { ReactNode } from 'react';

export type ControlProps = { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean; isInvalid: boolean };

export function FormField({
  id,
  label,
  error,
  helper,
  wide,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  helper?: string;
  wide?: boolean;
  children: (control: ControlProps) => ReactNode;
}) {
  const errorId = `${id}-error`;
  const helperId = `${id}-helper`;
  const describedBy = [error ? errorId : null, helper ? helperId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={wide ? 'form-field wide' : 'form-field'}>
      <Label htmlFor={id}>{label}</Label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, isInvalid: Boolean(error) })}
      {helper && !error && (
        <div id={helperId}>
          <HelperMessage>{helper}</HelperMessage>
        </div>
      )}
      <div id={errorId} aria-live="polite">
        {error && <ErrorMessage>{error}</ErrorMessage>}
      </div>
    </div>
  );
}
