/** Bytes the scavenges promoted, from `--trace-gc-nvp` output (see promotion_probe.mjs). */
export declare function scavengePromotedBytes(trace: string, afterMs?: number): number
