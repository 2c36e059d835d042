// The records an admin publishes for a domain: ownership, DKIM, and suggestions for SPF and DMARC.
import { dkimRecordValue } from "./dkim-keys";

export const OWNERSHIP_PREFIX = "_migosmtp";
export const OWNERSHIP_VALUE_PREFIX = "migosmtp-verification=";

export type DnsRecord = {
  purpose: "ownership" | "dkim" | "spf" | "dmarc";
  type: "TXT";
  name: string;
  value: string;
  /** Required for verification/signing, or a suggestion to merge with what exists. */
  required: boolean;
  note: string;
  /** A retired DKIM key's record: when it may be deleted (ISO time). */
  keepUntil?: string;
};

const UTC_TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function ownershipRecordName(domain: string): string {
  return `${OWNERSHIP_PREFIX}.${domain}`;
}

export function ownershipRecordValue(token: string): string {
  return `${OWNERSHIP_VALUE_PREFIX}${token}`;
}

export function dkimRecordName(selector: string, domain: string): string {
  return `${selector}._domainkey.${domain}`;
}

export function dnsRecordsFor(input: {
  name: string;
  verificationToken: string;
  /** A retired key is listed only with its keepUntil (retired-key.ts): its record is still needed. */
  dkimKeys: { selector: string; publicKey: string; status: string; keepUntil?: Date }[];
  /** The host whose SPF record lists the relay's sending addresses (SMTP_PUBLIC_HOST). */
  spfHost: string;
}): DnsRecord[] {
  const records: DnsRecord[] = [
    {
      purpose: "ownership",
      type: "TXT",
      name: ownershipRecordName(input.name),
      value: ownershipRecordValue(input.verificationToken),
      required: true,
      note: "Proves the domain is yours. Keep it published: MigoSMTP re-checks it periodically.",
    },
  ];
  for (const key of input.dkimKeys.filter((k) => k.status !== "retired" || k.keepUntil)) {
    const record = { purpose: "dkim", type: "TXT", name: dkimRecordName(key.selector, input.name), value: dkimRecordValue(key.publicKey), required: true } as const;
    if (key.status === "retired" && key.keepUntil)
      records.push({
        ...record,
        note: `Retired key: keep this record published until ${UTC_TIME.format(key.keepUntil)} UTC — mail signed with it may still be on its way. Delete it after that.`,
        keepUntil: key.keepUntil.toISOString(),
      });
    else records.push({ ...record, note: key.status === "active" ? "The DKIM key MigoSMTP signs with." : "DKIM key: MigoSMTP signs with it once this record is seen." });
  }
  records.push(
    {
      purpose: "spf",
      type: "TXT",
      name: input.name,
      value: `v=spf1 include:${input.spfHost} ~all`,
      required: false,
      note: "Suggestion: if the domain already has an SPF record, add the include to it instead (one SPF record per domain).",
    },
    {
      purpose: "dmarc",
      type: "TXT",
      name: `_dmarc.${input.name}`,
      value: `v=DMARC1; p=none; rua=mailto:dmarc-reports@${input.name}`,
      required: false,
      note: "Starter policy: monitors only (p=none). Tighten to quarantine or reject once reports show all mail passes.",
    },
  );
  return records;
}
