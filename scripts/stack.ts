// The body of `npm start`: prepare (secrets, migrations, seed, certificate, build), then run
// portal, relay and IdP in the foreground until Ctrl-C or SIGTERM.
import { ConfigError } from "../lib/env";
import { SetupError } from "../lib/setup/database";
import { runStack, waitUntilReady } from "../stack/processes";
import { prepareStack } from "../stack/prepare";
import { StartError } from "../stack/start-error";
import { DEMO_USERS } from "../lib/demo/fixtures";

const say = (line: string) => console.log(`[migosmtp] ${line}`);

async function main() {
  const env = await prepareStack({ environment: process.env, log: say });
  const stack = runStack(env, process.env, (name, stream, line) => (stream === "stderr" ? console.error : console.log)(`[${name}] ${line}`));

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("stopping…");
    await stack.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  void stack.firstExit.then(({ name, code }) => {
    if (!stopping) {
      console.error(`[migosmtp] ${name} exited unexpectedly (code ${code}); stopping the others.`);
      void shutdown(1);
    }
  });

  try {
    await waitUntilReady(stack);
  } catch (error) {
    stopping = true;
    await stack.stop();
    throw error;
  }
  say("ready");
  say(`Portal:  ${env.PORTAL_URL}`);
  say(`Relay:   ${env.SMTP_PUBLIC_HOST} port ${env.SMTP_PUBLIC_PORT} (STARTTLS), ${env.SMTPS_PUBLIC_PORT} (SSL/TLS)`);
  if (env.DEMO_MODE) {
    say(`Sign in: ${DEMO_USERS.map((u) => u.email).join(", ")}`);
    say(`         password: ${env.DEV_IDP_PASSWORD === "rackwave-demo" ? "rackwave-demo" : "(DEV_IDP_PASSWORD)"}`);
    say(`Relay TLS certificate (self-signed): ${env.RELAY_TLS_CERT}`);
  }
  say("Press Ctrl-C to stop.");
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof SetupError || error instanceof StartError) {
    console.error(error.message);
  } else {
    console.error(`Start-up failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  process.exit(1);
});
