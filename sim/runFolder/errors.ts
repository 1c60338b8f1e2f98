import { BaseError } from "../errors/index.ts";

/** An output folder (--out) that imo-sim must not or cannot write: refused before anything runs. */
export class OutputFolderError extends BaseError {
  override name = "OutputFolderError";
}

/** A run folder whose files are not what the run recorded (missing, cut, edited): no report is built from it. */
export class RunFolderDamagedError extends BaseError {
  override name = "RunFolderDamagedError";
}
