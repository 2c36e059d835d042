// A sparkline's two paths, worked out where the data is (the server) so the drawing
// (sparkline.tsx) needs no d3 and can render in a client component without shipping it.
import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import { SPARKLINE_HEIGHT, SPARKLINE_WIDTH, type SparklinePaths } from "./sparkline";
import { turningPoints } from "./turning-points";

export function sparklinePaths(values: number[]): SparklinePaths {
  const [W, H] = [SPARKLINE_WIDTH, SPARKLINE_HEIGHT];
  const x = scaleLinear().domain([0, Math.max(1, values.length - 1)]).range([1, W - 1]);
  const y = scaleLinear().domain([0, Math.max(1, ...values)]).range([H - 1, 1]);
  // One decimal is a tenth of a pixel; 50 rows of d3's default three add kilobytes to the page,
  // as would the points inside runs of equal values (the same line without them).
  const path = line<[number, number]>(([i]) => x(i), ([, v]) => y(v)).digits(1)(turningPoints(values)) ?? "";
  // The area under it: the line, then down to the baseline and back to its start (x = 1).
  return { line: path, area: path && `${path}V${H - 1}H1Z` };
}
