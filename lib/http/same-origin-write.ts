// Cross-site request forgery guard for everything that changes state: a request other than
// GET/HEAD/OPTIONS must name the portal as its Origin. Browsers always send Origin on such
// requests (fetch and form posts alike), so a missing or foreign Origin is a forged or
// handcrafted call. Next.js alone lets server actions without Origin run (it only warns).
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isRefusedWrite(method: string, origin: string | null, portalOrigin: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  return origin === null || origin.trim().toLowerCase() !== portalOrigin.toLowerCase();
}
