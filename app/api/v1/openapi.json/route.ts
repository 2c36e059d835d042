import { openApiDocument } from "@/lib/api/document";

export const dynamic = "force-static";

export function GET() {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}

export * from "@/lib/api/methods-not-taken";
