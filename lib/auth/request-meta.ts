// The client address and user agent of the request being served, for audit events.
import { headers } from "next/headers";
import type { RequestMeta } from "./sign-in";

export async function currentRequestMeta(): Promise<RequestMeta> {
  try {
    const h = await headers();
    const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
    return { ip: forwarded || h.get("x-real-ip") || null, userAgent: h.get("user-agent") };
  } catch {
    return { ip: null, userAgent: null };
  }
}
