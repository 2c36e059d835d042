"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { importSuppressions, MAX_IMPORT_BYTES } from "@/lib/suppressions/import-csv";

// The file's text, read in the browser; the use case bounds it again (bytes and lines).
const ZImportSuppressionsInput = z.object({
  workspace: ZWorkspaceSlug,
  fileName: z.string().max(255).optional(),
  csv: z.string().max(MAX_IMPORT_BYTES, `The file is larger than ${MAX_IMPORT_BYTES / 1024} KB; split it into smaller files.`),
});

const action = workspaceAction("suppressions:manage", ZImportSuppressionsInput, async ({ csv, fileName }, context) => {
  const report = await importSuppressions({ db: getDb(), workspaceId: context.workspace.id, csv, fileName, actor: await actorOf(context) });
  revalidatePath(`/w/${context.workspace.slug}/suppressions`);
  return { report };
});

export async function importSuppressionsAction(input: z.infer<typeof ZImportSuppressionsInput>) {
  return action(input);
}
