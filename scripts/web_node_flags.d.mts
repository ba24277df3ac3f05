/** V8 flags of the web process (see web_node_flags.mjs). */
export declare const WEB_NODE_FLAGS: string[]
/** glibc malloc settings of the web and worker processes (see web_node_flags.mjs). */
export declare const NODE_MALLOC_ENV: Record<string, string>
