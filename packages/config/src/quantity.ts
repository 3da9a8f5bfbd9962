const binary: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** Bytes in a binary Kubernetes quantity such as "4Gi" (the schema admits only these). */
export function quantityBytes(quantity: string): number {
  const match = /^([0-9]+)(Ki|Mi|Gi|Ti)$/.exec(quantity);
  if (!match) throw new Error(`not a binary quantity: ${quantity}`);
  return Number(match[1]) * binary[match[2]!]!;
}

/** Bytes in a JVM heap size such as "3G" or "768M" (the JVM's G and M are powers of 1024). */
export function heapBytes(heap: string): number {
  const match = /^([0-9]+)([MG])$/.exec(heap);
  if (!match) throw new Error(`not a JVM heap size: ${heap}`);
  return Number(match[1]) * (match[2] === "G" ? 2 ** 30 : 2 ** 20);
}
