/**
 * Fault injection for the crash tests: `DISTILLWATCH_FAILPOINT=<name>` makes the process kill itself
 * (SIGKILL: no clean-up of any kind) when it reaches the point of that name, so a test can stop a load or a
 * hunt exactly between two of its writes. Unset, a failpoint costs one comparison.
 */
const armed = process.env.DISTILLWATCH_FAILPOINT;

export function failpoint(name: string): void {
  if (armed !== undefined && armed === name) process.kill(process.pid, 'SIGKILL');
}
