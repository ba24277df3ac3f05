import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const APP_ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** Source defining `rssMb()` in a child script (its resident set in MB): put it first. */
export const RSS_MB_SOURCE = `import { readFileSync as readProcFile } from 'node:fs'
const rssMb = () => Number(/VmRSS:\\s+(\\d+)/.exec(readProcFile('/proc/self/status', 'utf8'))[1]) / 1024`

/**
 * Runs an ES module `script` in a fresh Node process (this one's binary) with `nodeArgs`
 * from the app's root, and returns its stdout: the perf tests measure V8 and malloc
 * settings in a process of their own, against a control.
 */
export async function runChildScript(
  script: string,
  options: { nodeArgs?: string[]; env?: NodeJS.ProcessEnv } = {}
) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...(options.nodeArgs ?? []), '--input-type=module', '-e', script],
    { cwd: APP_ROOT, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024 }
  )
  return stdout
}
