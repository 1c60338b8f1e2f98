// Test harness: an Anvil node with ModelVMVerifier deployed, and batched eth_call (JSON-RPC batches).
import { execSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { createAnvil, type Anvil } from '@viem/anvil'
import type { Abi, Hex } from 'viem'

const ROOT = new URL('../../', import.meta.url).pathname
const ARTIFACT = `${ROOT}out/ModelVMVerifier.sol/ModelVMVerifier.json`
const ANVIL_BINARY = `${ROOT}node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil`

export type VerifierHarness = {
  readonly address: Hex
  readonly abi: Abi
  /** JSON-RPC endpoint of the Anvil node. */
  readonly url: string
  /** Sends one JSON-RPC batch of eth_calls; each entry is the return data or the revert data. */
  callBatch(datas: readonly Hex[]): Promise<({ ok: true; data: Hex } | { ok: false; data: Hex | undefined })[]>
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

type RpcResponse = { id: number; result?: unknown; error?: { code: number; message: string; data?: unknown } }

export async function startVerifier(): Promise<VerifierHarness> {
  if (!existsSync(ARTIFACT)) execSync(`"${process.execPath}" tools/forge.mjs build`, { cwd: ROOT, stdio: 'inherit' })
  const artifact = JSON.parse(readFileSync(ARTIFACT, 'utf8')) as { abi: Abi; bytecode: { object: Hex } }
  const port = await freePort()
  const anvil: Anvil = createAnvil({ anvilBinary: ANVIL_BINARY, port, gasLimit: 1_000_000_000n })
  await anvil.start()
  const url = `http://127.0.0.1:${port}`
  let id = 0
  async function rpc(body: object[]): Promise<RpcResponse[]> {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const out = (await res.json()) as RpcResponse[]
    return out.sort((a, b) => a.id - b.id)
  }
  async function one(method: string, params: unknown[]): Promise<unknown> {
    const [r] = await rpc([{ jsonrpc: '2.0', id: ++id, method, params }])
    if (r === undefined || r.error !== undefined) throw new Error(`${method} failed: ${JSON.stringify(r?.error)}`)
    return r.result
  }
  const [from] = (await one('eth_accounts', [])) as Hex[]
  const hash = await one('eth_sendTransaction', [{ from, data: artifact.bytecode.object, gas: '0x1c9c380' }])
  // Anvil's automine may answer eth_sendTransaction before the receipt exists (docs: TOOLCHAIN.md): poll.
  let receipt: { contractAddress: Hex } | null = null
  for (let tries = 0; receipt === null; tries++) {
    if (tries > 0) await new Promise((r) => setTimeout(r, 20))
    receipt = (await one('eth_getTransactionReceipt', [hash])) as { contractAddress: Hex } | null
    if (receipt === null && tries > 500) throw new Error('ModelVMVerifier deployment has no receipt after 10 s')
  }
  const address = receipt.contractAddress
  return {
    address,
    abi: artifact.abi,
    url,
    async callBatch(datas) {
      const first = id + 1
      const body = datas.map((data) => ({ jsonrpc: '2.0', id: ++id, method: 'eth_call', params: [{ to: address, data, gas: '0x3b9aca00' }, 'latest'] }))
      const responses = await rpc(body)
      return responses.map((r, i) => {
        if (r.id !== first + i) throw new Error('JSON-RPC batch answered out of order')
        if (r.error !== undefined) return { ok: false as const, data: (typeof r.error.data === 'string' ? r.error.data : undefined) as Hex | undefined }
        return { ok: true as const, data: r.result as Hex }
      })
    },
    stop: () => anvil.stop(),
  }
}
