import { scaleLinear } from "d3-scale";
import { area, line } from "d3-shape";
import { turningPoints } from "./turning-points";

const W = 64;
const H = 18;

/** A tiny trend line (hourly sends) beside a number; decorative, the number says it in words. */
export function Sparkline({ values }: { values: number[] }) {
  const x = scaleLinear().domain([0, Math.max(1, values.length - 1)]).range([1, W - 1]);
  const y = scaleLinear().domain([0, Math.max(1, ...values)]).range([H - 1, 1]);
  // One decimal is a tenth of a pixel; 50 rows of d3's default three add kilobytes to the page,
  // as would the points inside runs of equal values (the same line without them).
  const points = turningPoints(values);
  const path = line<[number, number]>(([i]) => x(i), ([, v]) => y(v)).digits(1)(points) ?? "";
  const fill = area<[number, number]>(([i]) => x(i), H - 1, ([, v]) => y(v)).digits(1)(points) ?? "";
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} aria-hidden="true" className="inline-block align-middle">
      <path d={fill} className="fill-indigo-100" />
      <path d={path} className="fill-none stroke-indigo-500" strokeWidth={1.2} />
    </svg>
  );
}
