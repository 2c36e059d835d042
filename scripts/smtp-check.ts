// `npm run smtp:check`: the portal's staged "Test connection", run where the application lives,
// with the application's own settings. Settings come from the environment only — never from
// arguments — so the password stays out of shell history and process listings.
//   SMTP_HOST, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD   required
//   SMTP_SECURE      true: TLS from the first byte (SSL/TLS); false: STARTTLS. Default: true on 465.
//   SMTP_CA_FILE     PEM file of the CA to trust (e.g. the relay's self-signed certificate)
//   SMTP_FROM        the From address to try with MAIL FROM (skipped, with a note, when unset)
//   SMTP_SERVERNAME  the certificate's host name when SMTP_HOST is an address
//   SMTP_TIMEOUT_MS  bound for each step (default 10000)
// Exit status: 0 all steps passed, 1 a step failed, 2 bad configuration.
import fs from "node:fs";
import { z } from "zod";
import { formatTranscript, runSmtpCheck } from "../lib/smtp-check";

const USAGE =
  "Usage: SMTP_HOST=… SMTP_PORT=587 SMTP_USERNAME=… SMTP_PASSWORD=… [SMTP_SECURE=true] [SMTP_CA_FILE=…] [SMTP_FROM=…] npm run smtp:check\n" +
  "Settings come from the environment only (your application's .env), never from arguments, so the password stays out of shell history.";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], { message: "must be true or false" })
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

const hostName = z
  .string({ message: "must be set" })
  .trim()
  .min(1, "must be set")
  .max(253)
  .regex(/^[A-Za-z0-9.:_-]+$/, "must be a host name or an IP address");

const ZCheckEnv = z.object({
  SMTP_HOST: hostName,
  SMTP_PORT: z.coerce.number({ message: "must be a port number" }).int("must be a port number").min(1, "must be 1–65535").max(65535, "must be 1–65535"),
  SMTP_USERNAME: z.string({ message: "must be set" }).trim().min(1, "must be set").max(256).regex(/^[^\r\n]+$/, "must be one line"),
  SMTP_PASSWORD: z.string({ message: "must be set" }).min(1, "must be set").max(1024),
  SMTP_SECURE: bool.optional(),
  SMTP_CA_FILE: z
    .string()
    .refine((p) => fs.existsSync(p) && fs.statSync(p).isFile(), "names a file that does not exist")
    .optional(),
  SMTP_FROM: z.string().trim().regex(/^[^\s<>@]+@[^\s<>@]+$/, "must be an email address (name@your-domain)").optional(),
  SMTP_SERVERNAME: hostName.optional(),
  SMTP_TIMEOUT_MS: z.coerce.number().int().positive("must be a positive number of milliseconds").max(120_000).default(10_000),
});

const NAMES = Object.keys(ZCheckEnv.shape) as (keyof typeof ZCheckEnv.shape)[];

function parseCheckEnv(env: Record<string, string | undefined>) {
  const source: Record<string, string> = {};
  for (const name of NAMES) {
    const value = env[name];
    if (value !== undefined && value !== "") source[name] = value;
  }
  const parsed = ZCheckEnv.safeParse(source);
  if (parsed.success) return { ok: true as const, config: parsed.data };
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0] ?? "environment");
  const got = source[name];
  const shown = got === undefined ? "it is not set" : name === "SMTP_PASSWORD" ? "value hidden" : `got "${got.length > 60 ? `${got.slice(0, 57)}...` : got}"`;
  return { ok: false as const, message: `Configuration error: ${name} ${issue.message.replace(/^Invalid input: /, "")} (${shown}).` };
}

async function main(): Promise<number> {
  if (process.argv.length > 2) {
    console.error(USAGE);
    return 2;
  }
  const parsed = parseCheckEnv(process.env);
  if (!parsed.ok) {
    console.error(parsed.message);
    console.error(USAGE);
    return 2;
  }
  const c = parsed.config;
  const result = await runSmtpCheck({
    host: c.SMTP_HOST,
    port: c.SMTP_PORT,
    tls: (c.SMTP_SECURE ?? c.SMTP_PORT === 465) ? "implicit" : "starttls",
    ca: c.SMTP_CA_FILE ? fs.readFileSync(c.SMTP_CA_FILE) : undefined,
    servername: c.SMTP_SERVERNAME,
    username: c.SMTP_USERNAME,
    password: c.SMTP_PASSWORD,
    from: c.SMTP_FROM,
    timeoutMs: c.SMTP_TIMEOUT_MS,
  });
  console.log(formatTranscript(result));
  if (!c.SMTP_FROM) console.log("Note: set SMTP_FROM to your application's From address to check that the relay accepts it too.");
  return result.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`smtp:check could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
