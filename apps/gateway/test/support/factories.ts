/** A fresh client address (TEST-NET-2), so per-address counters of one test do not touch another's. */
let addresses = 0;
export function anAddress(): string {
  addresses += 1;
  return `198.51.100.${addresses}`;
}
