/** V8 flags of the web process (see web_node_flags.mjs). */
export declare const WEB_NODE_FLAGS: string[]
