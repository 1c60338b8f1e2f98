export { BaseError, type BaseErrorParameters } from "./BaseError.ts";
export { AnvilStartError, ArtifactNotFoundError, RpcError, TransactionRevertedError } from "./errors.ts";
