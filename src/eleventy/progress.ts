/** Progress for long work, on a terminal only: one line that updates in place. */
const MIN_ITEMS = 20;

export function progress(label: string): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (done, total) => {
    if (total < MIN_ITEMS) return;
    process.stderr.write(`\r${label}: ${done}/${total}${done === total ? "\n" : ""}`);
  };
}
