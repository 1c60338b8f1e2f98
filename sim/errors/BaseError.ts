/**
 * The one error base class of the simulator. A user who hits one should know what to change:
 * a short message, details, hints on how to fix it, and the cause.
 */
export type BaseErrorParameters = {
  details?: string | undefined;
  hints?: readonly string[] | undefined;
  cause?: unknown;
  /** Process exit code when this error ends a CLI run: 1 = a scenario assertion failed, 2 = bad input or infrastructure. */
  exitCode?: 1 | 2 | undefined;
};

export class BaseError extends Error {
  override name = "BaseError";
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly hints: readonly string[];
  readonly exitCode: 1 | 2;

  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    const lines = [shortMessage];
    // Details that start on their own line (a list) follow "Details:" without a trailing space.
    if (parameters.details) lines.push("", `Details:${parameters.details.startsWith("\n") ? "" : " "}${parameters.details}`);
    for (const hint of parameters.hints ?? []) lines.push(`Hint: ${hint}`);
    super(lines.join("\n"), parameters.cause === undefined ? undefined : { cause: parameters.cause });
    this.shortMessage = shortMessage;
    this.details = parameters.details;
    this.hints = parameters.hints ?? [];
    this.exitCode = parameters.exitCode ?? 2;
  }
}
