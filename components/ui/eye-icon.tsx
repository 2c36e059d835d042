const EYE = (
  <>
    <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12Z" />
    <circle cx="12" cy="12" r="3" />
  </>
);
const STROKE = { fill: "none", stroke: "currentColor", strokeWidth: 1.8 } as const;

export function EyeIcon({ className = "h-4 w-4" }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" {...STROKE} className={className}>
      {EYE}
    </svg>
  );
}

/** The eye drawn once per page (EyeIconSymbol) and referenced by each row's EyeIconUse: a short tag per row instead of the drawing. */
export function EyeIconSymbol() {
  return (
    <svg aria-hidden="true" className="hidden">
      <symbol id="eye-icon" viewBox="0 0 24 24" {...STROKE}>
        {EYE}
      </symbol>
    </svg>
  );
}

export function EyeIconUse() {
  return (
    <svg aria-hidden="true" className="h-4 w-4">
      <use href="#eye-icon" />
    </svg>
  );
}
