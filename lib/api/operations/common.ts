// Pieces the operations share: path parameters, cursors, and the answer shapes reused across them.
import { z } from "zod";
import { ZWorkspaceSlug } from "../../auth/action";

export const ZId = z.string().min(1).max(64);
export const ZDateTime = z.string().meta({ format: "date-time", examples: ["2026-11-28T12:00:00.000Z"] });

export const ZWorkspaceParams = z.object({ workspace: ZWorkspaceSlug.meta({ description: "The workspace's URL slug (the token's own)", examples: ["acme"] }) });
export const ZAccountParams = ZWorkspaceParams.extend({ accountId: ZId.meta({ description: "The SMTP account's id", examples: ["cm3x0acc0001"] }) });
export const ZDomainParams = ZWorkspaceParams.extend({ domainId: ZId.meta({ description: "The domain's id", examples: ["dom_4f2a9c1e7b3d5a6f8e9d0c1b"] }) });
export const ZMessageParams = ZWorkspaceParams.extend({ messageId: ZId.meta({ description: "The message's id", examples: ["cm3x0msg0001"] }) });

export const ZNextCursor = z.string().nullable().describe("Pass as the cursor parameter for the next page; null on the last page");

export const ZFromEmail = z.object({ value: z.string().describe("A usable From address"), help: z.string().nullable().describe("For a domain-wide account: which addresses it stands for") });

export const ZCredentials = z
  .object({
    accountId: z.string(),
    label: z.string(),
    smtpHost: z.string(),
    smtpPort: z.number().int(),
    smtpsPort: z.number().int(),
    username: z.string(),
    password: z.string().describe("The SMTP password: store it in your secrets manager"),
    encryption: z.string(),
    fromEmail: ZFromEmail,
    passwordVersion: z.number().int(),
    passwordChangedAt: ZDateTime,
    revealTtlSeconds: z.number().int(),
    reveals: z.object({ count: z.number().int(), lastBy: z.string().nullable(), lastAt: ZDateTime.nullable() }),
  })
  .meta({
    examples: [
      {
        accountId: "cm3x0acc0001",
        label: "Transactional mail",
        smtpHost: "smtp.example.com",
        smtpPort: 587,
        smtpsPort: 465,
        username: "smtpuser_1a2b3c4d",
        password: "Xq7vR2mK9pL4sT8wY3nB6cD1fG5hJ0aZ",
        encryption: "TLS / STARTTLS",
        fromEmail: { value: "noreply@acme.test", help: null },
        passwordVersion: 2,
        passwordChangedAt: "2026-11-28T12:00:00.000Z",
        revealTtlSeconds: 60,
        reveals: { count: 1, lastBy: "API token: deploy-bot", lastAt: "2026-11-28T12:00:00.000Z" },
      },
    ],
  });
