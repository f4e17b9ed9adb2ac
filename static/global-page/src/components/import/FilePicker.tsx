// Picks a CSV file by button or by dropping it, with the file input itself kept focusable for keyboard users.
import { useState } from 'react';

export function FilePicker({ id, label, hint, disabled, onPick }: { id: string; label: string; hint: string; disabled?: boolean; onPick: (file: File) => void }) {
  const [dragging, setDragging] = useState(false);
  return (
    <div className="file-picker">
      <input
        id={id}
        className="file-input"
        type="file"
        accept=".csv,.txt,text/csv,text/plain"
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          // Cleared so picking the same file again (after fixing it) still fires a change.
          event.currentTarget.value = '';
          if (file) onPick(file);
        }}
      />
      <label
        htmlFor={id}
        className={dragging ? 'drop-zone dragging' : 'drop-zone'}
        onDragOver={(event) => {
          event.preventDefault();
          if (!disabled) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          const file = event.dataTransfer.files[0];
          if (file && !disabled) onPick(file);
        }}
      >
        <span className="drop-zone-title">{label}</span>
        <span className="drop-zone-action">Choose a file or drop it here</span>
      </label>
      <p id={`${id}-hint`} className="field-hint">
        {hint}
      </p>
    </div>
  );
}
