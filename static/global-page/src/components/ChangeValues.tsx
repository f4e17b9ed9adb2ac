// A field's value before and after a change, with empty values named so a cleared field reads as cleared.

export function ChangeValues({ before, after, summary }: { before: string; after: string; summary?: string }) {
  if (summary) return <span>{summary}</span>;
  return (
    <span className="change-values">
      {before ? <span className="change-before">{before}</span> : <span className="muted">(empty)</span>}
      <span aria-hidden="true"> → </span>
      <span className="visually-hidden"> changed to </span>
      {after ? <span className="change-after">{after}</span> : <span className="muted">(empty)</span>}
    </span>
  );
}

