// The "From Email" an account is shown (and copied) with, built here only. A domain-wide
// account has no single address, but what is copied must be one a mail client accepts: a
// placeholder address on the domain as the value, and what it stands for as help beside it.

export type FromEmail = {
  /** What is shown as the value and copied: always a usable address. */
  value: string;
  /** For a domain-wide account: which addresses the value stands for; else null. */
  help: string | null;
};

/** The local part of the placeholder address of a domain-wide account. */
export const PLACEHOLDER_LOCAL_PART = "yourname";

export function fromEmailOf(account: { fromAddress: string | null; domain: { name: string } }): FromEmail {
  if (account.fromAddress) return { value: account.fromAddress, help: null };
  return { value: `${PLACEHOLDER_LOCAL_PART}@${account.domain.name}`, help: `any address at ${account.domain.name}` };
}

/** One line for tables and headings: the value, and its help in parentheses when there is one. */
export function fromEmailText(from: FromEmail): string {
  return from.help ? `${from.value} (${from.help})` : from.value;
}
