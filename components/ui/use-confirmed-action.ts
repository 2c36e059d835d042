"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { stepUpHref } from "@/lib/auth/return-path";

type Reply<T> = ({ ok: true } & T) | { ok: false; code: string; message: string };

/**
 * A server action behind a confirmation: the confirming state, its pending state and error, and
 * the step-up sign-in when the server asks for one (back to `stepUpBack`, where the user clicks
 * again: nothing is replayed). On success the page is refreshed after `onDone`.
 */
export function useConfirmedAction<T>({ run, onDone, stepUpBack }: { run: () => Promise<Reply<T>>; onDone: (result: { ok: true } & T) => void; stepUpBack: string }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const submit = () =>
    startTransition(async () => {
      const result = await run();
      if (result.ok) {
        setConfirming(false);
        setError(null);
        onDone(result);
        router.refresh();
      } else if (result.code === "STEP_UP_REQUIRED") router.push(stepUpHref(stepUpBack));
      else setError(result.message);
    });
  return { confirming, setConfirming, error, pending, submit };
}
