/** Half-up rounding to `decimals` places that is exact for decimal inputs (1.005 → 1.01). */
export function roundTo(value: number, decimals: number): number {
  // toFixed(12) turns 1.00499999… (the double nearest 1.005) back into the decimal that was typed.
  const shifted = Math.round(Number(`${Math.abs(value).toFixed(12)}e${decimals}`));
  return Math.sign(value) * Number(`${shifted}e-${decimals}`) + 0;
}

/** The number of digits after the decimal point in a decimal string: "878.44" → 2. */
export function decimalPlaces(text: string): number {
  const point = text.indexOf(".");
  return point === -1 ? 0 : text.length - point - 1;
}
