// The input every incident action takes: the workspace and one incident of it.
import { z } from "zod";
import { ZWorkspaceSlug } from "../auth/action";

export const ZIncidentInput = z.object({ workspace: ZWorkspaceSlug, incidentId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
export type TIncidentInput = z.infer<typeof ZIncidentInput>;
