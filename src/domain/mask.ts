// Masks email addresses before anything reaches a log: "ada.lovelace@acme.com" becomes "a***@acme.com".

// Local part, "@", and a domain of dot-separated labels; loose on purpose, since a log line should never leak a near miss.
const EMAIL_IN_TEXT = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[^\s@"'<>(),;:]+/g;

/** The first character of the local part, "***", and the domain, which names a company rather than a person. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** `text` with every email address in it masked, for log lines built from error messages that may quote stored values. */
export function maskEmailsIn(text: string): string {
  return text.replace(EMAIL_IN_TEXT, maskEmail);
}
