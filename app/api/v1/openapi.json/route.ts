import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { openApiDocument } from "@/lib/api/document";

export const dynamic = "force-static";

export function GET() {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("GET");
