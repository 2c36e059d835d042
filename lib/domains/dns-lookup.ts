// TXT lookups for domain checks: Node's resolver with the servers of DNS_SERVERS (comma list,
// host or host:port, [v6]:port) or the system's, bounded in time, every outcome classified —
// a lookup never throws.
import { Resolver } from "node:dns/promises";
import type { Db } from "../db";
import type { Env } from "../env";
import type { Actor } from "../smtp-accounts/actor";

export type TxtLookup =
  | { ok: true; records: string[] }
  | { ok: false; kind: "NXDOMAIN" | "NO_RECORDS" | "TIMEOUT" | "DNS_ERROR"; detail: string };

export type TxtResolver = (name: string) => Promise<TxtLookup>;

/** Per-try timeout of the resolver, and the hard bound of a whole lookup (all tries). */
export const DNS_TRY_TIMEOUT_MS = 2_000;
export const DNS_TRIES = 2;

export function parseDnsServers(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function createTxtResolver(dnsServers: string | undefined, { timeoutMs = DNS_TRY_TIMEOUT_MS, tries = DNS_TRIES } = {}): TxtResolver {
  const resolver = new Resolver({ timeout: timeoutMs, tries });
  const servers = parseDnsServers(dnsServers);
  if (servers.length > 0) resolver.setServers(servers);
  const bound = timeoutMs * tries + 1_000;
  return async (name) => {
    let timer: NodeJS.Timeout | undefined;
    const guard = new Promise<TxtLookup>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, kind: "TIMEOUT", detail: `no answer within ${Math.round(bound / 1000)} s` }), bound);
      timer.unref();
    });
    const lookup = resolver.resolveTxt(name).then(
      (chunks): TxtLookup => ({ ok: true, records: chunks.map((parts) => parts.join("")) }),
      (error: unknown): TxtLookup => classifyDnsError(error),
    );
    try {
      return await Promise.race([lookup, guard]);
    } finally {
      clearTimeout(timer);
    }
  };
}

export function classifyDnsError(error: unknown): TxtLookup & { ok: false } {
  const code = (error as { code?: string })?.code ?? "";
  switch (code) {
    case "ENOTFOUND":
      return { ok: false, kind: "NXDOMAIN", detail: "the name does not exist (NXDOMAIN)" };
    case "ENODATA":
      return { ok: false, kind: "NO_RECORDS", detail: "the name has no TXT record" };
    case "ETIMEOUT":
      return { ok: false, kind: "TIMEOUT", detail: "the DNS server did not answer in time" };
    case "ESERVFAIL":
      return { ok: false, kind: "DNS_ERROR", detail: "the DNS server failed to answer (SERVFAIL)" };
    case "EREFUSED":
      return { ok: false, kind: "DNS_ERROR", detail: "the DNS server refused the query" };
    case "ECONNREFUSED":
      return { ok: false, kind: "DNS_ERROR", detail: "the DNS server could not be reached" };
    default:
      return { ok: false, kind: "DNS_ERROR", detail: `DNS lookup failed (${code || "unknown error"})` };
  }
}

/** What a use case that looks up one domain's DNS records on demand takes (tests pass a resolver). */
export type DomainCheckInput = {
  db: Db;
  env: Pick<Env, "DNS_SERVERS">;
  workspaceId: string;
  domainId: string;
  actor: Actor;
  resolver?: TxtResolver;
  now?: Date;
};
