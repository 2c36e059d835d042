import type { RequestMeta } from "../auth/sign-in";

/** The signed-in person a use case acts for (from lib/auth), with request details for audit. */
export type Actor = { id: string; email: string; authTime: Date | null; meta: RequestMeta };
