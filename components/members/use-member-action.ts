"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useToast } from "@/components/ui/toast";
import { stepUpHref } from "@/lib/auth/return-path";

/**
 * A Members page action's state: pending while it runs, its error, a toast when it is done, and
 * `undo` when it was refused (a control that already shows the change puts it back). Granting
 * admin or owner may ask for a fresh sign-in: the owner is sent through it and back to the page,
 * where they choose again (nothing is replayed).
 */
export function useMemberAction(workspace: string) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const toast = useToast();
  const router = useRouter();
  const run = async (call: () => Promise<{ ok: boolean; code?: string; message?: string }>, done: string, undo?: () => void) => {
    setPending(true);
    const result = await call();
    setPending(false);
    if (!result.ok && result.code === "STEP_UP_REQUIRED") {
      undo?.();
      return router.push(stepUpHref(`/w/${workspace}/members`));
    }
    setError(result.ok ? null : (result.message ?? "The change failed."));
    if (result.ok) toast(done);
    else undo?.();
  };
  return { error, pending, run };
}
