// Domains: list, add, DNS records, verify, DKIM rotation (start and complete).
import { z } from "zod";
import { ZDomainName } from "../../domains/domain-name";
import { defineOperation } from "../operation";
import { ZDateTime, ZDomainParams, ZWorkspaceParams } from "./common";

const ZDnsRecord = z.object({ type: z.string(), name: z.string(), value: z.string() }).passthrough();

const ZDomain = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(["pending", "verified", "failed"]),
  lastCheckedAt: ZDateTime.nullable(),
  lastCheckError: z.string().nullable(),
  verifiedAt: ZDateTime.nullable(),
  nextCheckAt: ZDateTime.nullable(),
  dkim: z.array(z.object({ selector: z.string(), status: z.string() })),
  records: z.array(ZDnsRecord),
  accountCount: z.number().int().meta({ description: "SMTP accounts sending from this domain (list them with the accounts endpoint)" }),
  accounts: z.array(z.object({ id: z.string(), label: z.string() })).meta({ description: "The first few of those accounts by label" }),
});

export const listDomainsOp = defineOperation({
  operationId: "listDomains",
  method: "GET",
  path: "/workspaces/{workspace}/domains",
  tag: "Domains",
  summary: "List domains with their status and DNS records",
  permissions: ["domains:view"],
  params: ZWorkspaceParams,
  response: z.object({ domains: z.array(ZDomain) }),
});

export const addDomainOp = defineOperation({
  operationId: "addDomain",
  method: "POST",
  path: "/workspaces/{workspace}/domains",
  tag: "Domains",
  summary: "Add a sending domain (pending until its TXT record is seen)",
  permissions: ["domains:manage"],
  params: ZWorkspaceParams,
  body: z.object({ name: ZDomainName.meta({ examples: ["mail.example.com"] }) }),
  response: z.object({ domainId: z.string(), name: z.string() }),
  status: 201,
});

export const domainRecordsOp = defineOperation({
  operationId: "getDomainDnsRecords",
  method: "GET",
  path: "/workspaces/{workspace}/domains/{domainId}/dns-records",
  tag: "Domains",
  summary: "The DNS records to publish for a domain (ownership, SPF, DKIM)",
  permissions: ["domains:view"],
  params: ZDomainParams,
  response: z.object({ domainId: z.string(), name: z.string(), records: z.array(ZDnsRecord) }),
});

export const verifyDomainOp = defineOperation({
  operationId: "verifyDomain",
  method: "POST",
  path: "/workspaces/{workspace}/domains/{domainId}/verify",
  tag: "Domains",
  summary: "Check the domain's DNS records now",
  permissions: ["domains:manage"],
  params: ZDomainParams,
  response: z.object({ status: z.string(), verified: z.boolean(), message: z.string(), dkim: z.string().nullable() }),
});

export const startDkimRotationOp = defineOperation({
  operationId: "startDkimRotation",
  method: "POST",
  path: "/workspaces/{workspace}/domains/{domainId}/dkim/rotate",
  tag: "Domains",
  summary: "Start a DKIM key rotation: a new key under a new selector, to publish",
  permissions: ["domains:manage"],
  params: ZDomainParams,
  response: z.object({ selector: z.string(), recordName: z.string() }),
});

export const completeDkimRotationOp = defineOperation({
  operationId: "completeDkimRotation",
  method: "POST",
  path: "/workspaces/{workspace}/domains/{domainId}/dkim/rotate/complete",
  tag: "Domains",
  summary: "Complete a DKIM rotation once the new record is published",
  permissions: ["domains:manage"],
  params: ZDomainParams,
  response: z.object({ switched: z.boolean(), message: z.string(), retired: z.array(z.string()) }),
});
