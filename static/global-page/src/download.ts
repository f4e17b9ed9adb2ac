// Saves text the page built (an export, an error file) as a file on the user's computer.

/** Offers `parts` as one file named `fileName`; the parts are joined by the Blob, never into one large string. */
export function saveTextFile(fileName: string, parts: readonly string[], type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([...parts], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has read the URL once the click's download started; revoking later keeps slow browsers safe.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "customer-directory-2026-01-31.csv": today's date keeps repeated downloads apart. */
export function datedFileName(stem: string, extension = 'csv'): string {
  const today = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${stem}-${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}.${extension}`;
}

/** A file name safe to offer: no path separators or characters file systems refuse. */
export function safeFileStem(name: string): string {
  const stem = name.replace(/\.[^.]*$/, '').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').trim();
  return stem.slice(0, 80) || 'import';
}
