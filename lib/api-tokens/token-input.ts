// The create-token form's input, shared by the portal's action and its tests.
import { z } from "zod";
import { parseTrustedProxies } from "../net/cidr";
import { ZApiScope } from "./scopes";
import { zDisplayText } from "../text/display-text";

export const MAX_TOKEN_LIFETIME_DAYS = 366;

export const ZApiTokenLabel = zDisplayText("label", 100);

export const ZIpAllowlist = z
  .string()
  .max(2000, "Keep the allowlist under 2,000 characters")
  .transform((value, ctx) => {
    const entries = value.split(/[\s,]+/).filter(Boolean);
    if (entries.length === 0) return null;
    if (entries.length > 50) {
      ctx.addIssue({ code: "custom", message: "List at most 50 addresses or ranges" });
      return z.NEVER;
    }
    try {
      parseTrustedProxies(entries.join(","));
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `The allowlist ${(error as Error).message}; use addresses like 203.0.113.7 or ranges like 10.0.0.0/8` });
      return z.NEVER;
    }
    return entries.join("\n");
  });

export const ZCreateApiTokenInput = z.object({
  label: ZApiTokenLabel,
  scopes: z.array(ZApiScope).min(1, "Choose at least one scope").max(4),
  /** Days until it expires; absent: never. */
  expiresInDays: z.coerce.number().int("Whole days only").min(1, "At least one day").max(MAX_TOKEN_LIFETIME_DAYS, `At most ${MAX_TOKEN_LIFETIME_DAYS} days`).optional(),
  ipAllowlist: ZIpAllowlist.optional(),
});
export type TCreateApiTokenInput = z.input<typeof ZCreateApiTokenInput>;
