export const SPARKLINE_WIDTH = 64;
export const SPARKLINE_HEIGHT = 18;

/** A sparkline's two paths (sparkline-paths.ts works them out where the data is, so the drawing needs no d3). */
export type SparklinePaths = { line: string; area: string };

/** A tiny trend line (hourly sends) beside a number; decorative, the number says it in words. */
export function Sparkline({ paths }: { paths: SparklinePaths }) {
  return (
    <svg viewBox={`0 0 ${SPARKLINE_WIDTH} ${SPARKLINE_HEIGHT}`} width={SPARKLINE_WIDTH} height={SPARKLINE_HEIGHT} aria-hidden="true" className="inline-block align-middle">
      <path d={paths.area} className="fill-indigo-100" />
      <path d={paths.line} className="fill-none stroke-indigo-500" strokeWidth={1.2} />
    </svg>
  );
}
