// A series reduced to the points where its line turns: the ends, and each point that differs
// from a neighbour. A run of equal values draws the same from its two ends, and most hours of
// most accounts are 0, so the accounts page's 50 sparklines lose most of their path data
// (they were a quarter of the page's HTML and of its RSC payload, each point twice).
export function turningPoints(values: readonly number[]): [index: number, value: number][] {
  const out: [number, number][] = [];
  values.forEach((v, i) => {
    if (i === 0 || i === values.length - 1 || v !== values[i - 1] || v !== values[i + 1]) out.push([i, v]);
  });
  return out;
}
