// `npm run api-token:create -- --workspace acme --label deploy-bot --scopes read,credentials
//  [--expires-days 90] [--ip-allowlist 203.0.113.0/24]` — create a workspace API token from the
// server's shell (first token, automation set-up), as the portal's API tokens page does. Prints
// {"id", "token", …} once as JSON; the token is not stored and cannot be shown again.
import { parseArgs } from "node:util";
import { createApiToken } from "../lib/api-tokens/create-token";
import { ZCreateApiTokenInput } from "../lib/api-tokens/token-input";
import { createDb } from "../lib/db";
import { parseEnv } from "../lib/env";

async function main() {
  const { values } = parseArgs({
    options: { workspace: { type: "string" }, label: { type: "string" }, scopes: { type: "string" }, "expires-days": { type: "string" }, "ip-allowlist": { type: "string" } },
  });
  const input = ZCreateApiTokenInput.safeParse({
    label: values.label,
    scopes: (values.scopes ?? "").split(",").filter(Boolean),
    expiresInDays: values["expires-days"],
    ipAllowlist: values["ip-allowlist"],
  });
  if (!values.workspace || !input.success) {
    const issue = input.success ? "--workspace: name the workspace's slug" : `--${String(input.error.issues[0]!.path[0])}: ${input.error.issues[0]!.message}`;
    console.error(`${issue}\nUsage: npm run api-token:create -- --workspace <slug> --label <label> --scopes read,send-test,credentials,admin [--expires-days N] [--ip-allowlist CIDRs]`);
    process.exit(2);
  }
  const env = parseEnv();
  const db = createDb(env.DATABASE_URL);
  try {
    const workspace = await db.workspace.findUnique({ where: { slug: values.workspace }, select: { id: true } });
    if (!workspace) {
      console.error(`No workspace "${values.workspace}". Check its slug in the portal's URL (/w/<slug>/…).`);
      process.exit(2);
    }
    const created = await createApiToken({
      db,
      workspaceId: workspace.id,
      ...input.data,
      actor: { id: "cli", email: "npm run api-token:create", authTime: null, meta: { ip: null, userAgent: "cli" } },
    });
    console.log(JSON.stringify(created));
  } finally {
    await db.$disconnect();
  }
}

await main();
