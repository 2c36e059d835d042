"use client";

// A form's submit button that shows the form is being sent (React's form status), so a slow
// server action is never clicked twice.
import { useFormStatus } from "react-dom";

export function SubmitButton({ children, pendingLabel, className }: { children: React.ReactNode; pendingLabel: string; className: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} className={`${className} disabled:opacity-60`}>
      {pending ? pendingLabel : children}
    </button>
  );
}
