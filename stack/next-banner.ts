// Next.js's start-up banner names the address it listens on ("- Local: http://127.0.0.1:3000",
// "- Network: …"). That is not the portal's address: sign-in completes only at PORTAL_URL,
// which the start script prints itself. Such lines are dropped from the portal's output.
const BANNER = /^\s*-?\s*(Local|Network):\s+\S+:\/\//;

export function isListenAddressBanner(line: string): boolean {
  return BANNER.test(line);
}
