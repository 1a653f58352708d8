/** What the bench's helper processes (bench/gateway-bare.ts, bench/gateway-floor.ts) share: their settings and how one starts. */

export function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** Runs the role named by the first argument (`http` or `responder`); a failure ends the process with its stack. */
export function runRole(roles: { http: () => Promise<void>; responder: () => Promise<void> }): void {
  const role = process.argv[2];
  const run = role === 'http' || role === 'responder' ? roles[role] : () => Promise.reject(new Error(`unknown role ${role}: http or responder`));
  run().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
