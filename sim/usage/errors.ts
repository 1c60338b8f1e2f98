import { BaseError } from "../errors/BaseError.ts";

/** A receipt or a period's receipts cannot be signed or committed as given. */
export class UsageReceiptError extends BaseError {
  override name = "UsageReceiptError";
}
