import { BaseError, type BaseErrorParameters } from "./BaseError.ts";

/** Anvil did not start, or stopped answering. */
export class AnvilStartError extends BaseError {
  override name = "AnvilStartError";
}

/** A JSON-RPC call to the chain failed (transport or an error object in the answer). */
export class RpcError extends BaseError {
  override name = "RpcError";
  readonly method: string;
  constructor(method: string, message: string, parameters: BaseErrorParameters = {}) {
    super(`RPC ${method} failed: ${message}`, parameters);
    this.method = method;
  }
}

/** A transaction the simulator expected to succeed reverted. */
export class TransactionRevertedError extends BaseError {
  override name = "TransactionRevertedError";
}

/** An environment variable the simulator reads holds a value it does not take. */
export class EnvironmentVariableError extends BaseError {
  override name = "EnvironmentVariableError";
}

/** A forge artifact (compiled contract) is missing or unreadable. */
export class ArtifactNotFoundError extends BaseError {
  override name = "ArtifactNotFoundError";
}
