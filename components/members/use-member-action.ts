"use client";

import { useState } from "react";
import { useToast } from "@/components/ui/toast";

/**
 * A Members page action's state: pending while it runs, its error, a toast when it is done, and
 * `undo` when it was refused (a control that already shows the change puts it back).
 */
export function useMemberAction() {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const toast = useToast();
  const run = async (call: () => Promise<{ ok: boolean; message?: string }>, done: string, undo?: () => void) => {
    setPending(true);
    const result = await call();
    setPending(false);
    setError(result.ok ? null : (result.message ?? "The change failed."));
    if (result.ok) toast(done);
    else undo?.();
  };
  return { error, pending, run };
}
