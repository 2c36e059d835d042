// Next.js runs register() once as the portal's server starts, before it serves a request. The
// work is Node-only, so it sits behind the runtime check in lib/warm-up/at-start.ts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { warmUpAtStart } = await import("./lib/warm-up/at-start");
  await warmUpAtStart();
}
