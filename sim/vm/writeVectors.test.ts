import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { VECTORS_PATH, vectorsJson } from './writeVectors.ts'

describe('contracts/test/vectors/vm-vectors.json', () => {
  it('is up to date (regenerate with `npx tsx sim/vm/writeVectors.ts`)', () => {
    expect(readFileSync(VECTORS_PATH, 'utf8')).toBe(vectorsJson())
  })
})
