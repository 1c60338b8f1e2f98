export { BaseError, type BaseErrorParameters } from "./BaseError.ts";
export { AnvilStartError, ArtifactNotFoundError, EnvironmentVariableError, RpcError, TransactionRevertedError } from "./errors.ts";
