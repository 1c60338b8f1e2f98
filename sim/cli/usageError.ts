import { BaseError } from "../errors/index.ts";

/** The command line is wrong: an unknown command or flag, or a flag's value. */
export class UsageError extends BaseError {
  override name = "UsageError";
}
