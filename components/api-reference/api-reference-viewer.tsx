"use client";

// The OpenAPI document rendered by Swagger UI (a kept viewer), in the browser only: it runs
// under the portal's nonce-based CSP unchanged (its stylesheet is bundled, so 'self'; it sets
// styles through the DOM, which style-src does not govern; it needs no eval). "Try it out" is
// off: calls belong in scripts with a token, not in a page that holds a session.
import dynamic from "next/dynamic";
import "swagger-ui-react/swagger-ui.css";
import "./swagger-overrides.css";

const SwaggerUI = dynamic(() => import("swagger-ui-react"), { ssr: false, loading: () => <p className="p-4 text-sm text-slate-600">Loading the API reference…</p> });

export function ApiReferenceViewer({ url }: { url: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <SwaggerUI url={url} supportedSubmitMethods={[]} docExpansion="list" defaultModelsExpandDepth={0} />
    </div>
  );
}
