import { describeIoError } from "../node/io-error.js";
import { runCli } from "./run.js";

// The bin: the real process around runCli, which never exits by itself.

// A reader that stops early (`clausewright schema | head`) closes the pipe: not an error, stop
// quietly. Any other failure to write the output (a full disk) is one line, not a stack trace.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code !== "EPIPE") process.stderr.write(`error: cannot write to standard output: ${describeIoError(err)}\n`);
  process.exit(err.code === "EPIPE" ? (process.exitCode ?? 0) : 1);
});
process.stderr.on("error", () => process.exit(process.exitCode ?? 1));

// process.stdin is opened only when a command reads `-`.
const stdin: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() };
// Ctrl-C during a long command (batch): the first asks it to stop cleanly, the second stops the
// process at once (every file written so far is complete; `batch --resume` finishes the rest).
const onInterrupt = (handler: () => void): (() => void) => {
  let presses = 0;
  const listener = (): void => {
    presses++;
    if (presses === 1) handler();
    else {
      process.stderr.write("\nstopped\n");
      process.exit(130);
    }
  };
  process.on("SIGINT", listener);
  return () => process.off("SIGINT", listener);
};
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin, cwd: process.cwd(), onInterrupt });
