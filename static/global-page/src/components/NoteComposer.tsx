// Writes a new note on a record.
import Button from '@atlaskit/button/new';
import TextArea from '@atlaskit/textarea';
import { useState } from 'react';
import type { NoteView, RecordType } from '../api-types';
import { call } from '../bridge';
import { failureToFieldErrors } from '../form-errors';
import { FormField } from './FormField';

export function NoteComposer({ recordType, recordId, onAdded }: { recordType: RecordType; recordId: string; onAdded: (note: NoteView) => void }) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  const add = async () => {
    if (!body.trim()) {
      setError('Write something in the note');
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      onAdded(await call('notes/add', { recordType, recordId, body }));
      setBody('');
    } catch (failure) {
      const errors = failureToFieldErrors(failure);
      setError(errors.body ?? errors[''] ?? Object.values(errors)[0]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="note-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void add();
      }}
    >
      <FormField id={`new-note-${recordId}`} label="Add a note" error={error}>
        {(control) => (
          <TextArea
            id={control.id}
            name="note"
            value={body}
            minimumRows={3}
            resize="vertical"
            isInvalid={control.isInvalid}
            aria-describedby={control['aria-describedby']}
            placeholder="What should your team know?"
            onChange={(event) => setBody(event.currentTarget.value)}
          />
        )}
      </FormField>
      <div className="actions">
        <Button type="submit" appearance="primary" isLoading={saving} isDisabled={!body.trim()}>
          Add note
        </Button>
      </div>
    </form>
  );
}
