import cliProgress from 'cli-progress';

/** A progress display: a bar on a terminal, a line every 10% elsewhere (CI logs stay short). */
export interface Progress {
  increment: (detail?: string) => void;
  stop: () => void;
}

/** Starts a progress bar on stderr for `total` steps. */
export function startProgress(label: string, total: number): Progress {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} {percentage}% | {eta_formatted} left | {detail}`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { detail: '' });
    return { increment: (detail) => bar.increment(1, { detail: detail ?? '' }), stop: () => bar.stop() };
  }
  let done = 0;
  let lastDecile = -1;
  return {
    increment: () => {
      done += 1;
      const decile = Math.floor((done / Math.max(total, 1)) * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        process.stderr.write(`${label}: ${done}/${total}\n`);
      }
    },
    stop: () => undefined,
  };
}
