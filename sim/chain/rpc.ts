import { RpcError } from "../errors/index.ts";

export type RpcCall = { method: string; params?: readonly unknown[] | undefined };

/** One answer of a batch: a result, or the error object the node returned for that call. */
export type RpcAnswer = { result: unknown; error?: undefined } | { result?: undefined; error: { code: number; message: string; data?: unknown } };

export type RpcClient = {
  readonly url: string;
  /** One call; throws RpcError if the node answers with an error. */
  request<T = unknown>(method: string, params?: readonly unknown[]): Promise<T>;
  /** Many calls in one JSON-RPC batch (one HTTP request); answers in the calls' order, errors included. */
  batch(calls: readonly RpcCall[]): Promise<RpcAnswer[]>;
  /** Like batch, but throws the first error. */
  batchResults<T = unknown>(calls: readonly RpcCall[]): Promise<T[]>;
};

/** A minimal JSON-RPC client over HTTP with batching; bigints are sent as hex quantities. */
export function createRpcClient(url: string): RpcClient {
  let id = 0;

  const post = async (body: unknown, method: string): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body, (_key, value) => (typeof value === "bigint" ? `0x${value.toString(16)}` : value)),
      });
    } catch (cause) {
      throw new RpcError(method, `no answer from ${url}`, { cause, hints: ["Is anvil still running?"] });
    }
    if (!response.ok) throw new RpcError(method, `HTTP ${response.status} from ${url}`);
    return response.json();
  };

  const batch = async (calls: readonly RpcCall[]): Promise<RpcAnswer[]> => {
    if (calls.length === 0) return [];
    const first = id + 1;
    const body = calls.map((call) => ({ jsonrpc: "2.0", id: ++id, method: call.method, params: call.params ?? [] }));
    const answers = (await post(body, calls[0]?.method ?? "batch")) as { id: number; result?: unknown; error?: { code: number; message: string; data?: unknown } }[];
    if (!Array.isArray(answers)) throw new RpcError("batch", `expected an array, got ${JSON.stringify(answers).slice(0, 200)}`);
    const ordered: RpcAnswer[] = new Array(calls.length);
    for (const answer of answers) {
      ordered[answer.id - first] = answer.error ? { error: answer.error } : { result: answer.result };
    }
    return ordered;
  };

  return {
    url,
    async request<T>(method: string, params: readonly unknown[] = []): Promise<T> {
      const answer = (await post({ jsonrpc: "2.0", id: ++id, method, params }, method)) as { result?: T; error?: { message: string; data?: unknown } };
      if (answer.error) throw new RpcError(method, answer.error.message, { details: answer.error.data === undefined ? undefined : JSON.stringify(answer.error.data) });
      return answer.result as T;
    },
    batch,
    async batchResults<T>(calls: readonly RpcCall[]): Promise<T[]> {
      const answers = await batch(calls);
      return answers.map((answer, i) => {
        if (answer.error) throw new RpcError(calls[i]?.method ?? "batch", answer.error.message);
        return answer.result as T;
      });
    },
  };
}
