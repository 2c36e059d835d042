"use client";

import { useState } from "react";
import { useToast } from "@/components/ui/toast";
import { EndpointForm, type EditedEndpoint } from "./endpoint-form";

/** "Edit" under an endpoint: its form, closed again once saved. */
export function EditEndpoint({ workspace, endpoint }: { workspace: string; endpoint: EditedEndpoint }) {
  const [open, setOpen] = useState(false);
  const toast = useToast();
  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)} className="mt-1 text-xs font-normal">
      <summary className="cursor-pointer text-indigo-700 underline" aria-label={`Edit ${endpoint.url}`}>
        Edit
      </summary>
      {open && (
        <EndpointForm
          workspace={workspace}
          endpoint={endpoint}
          onSaved={() => {
            setOpen(false);
            toast("Endpoint saved");
          }}
        />
      )}
    </details>
  );
}
